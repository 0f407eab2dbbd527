import type { z } from 'zod';
import { createAgencyInput, updateAgencyInput } from '../../use-cases/platform/agency-input.ts';
import { changePasswordInput } from '../../use-cases/platform/change-password.ts';
import { loginInput } from '../../use-cases/platform/login.ts';
import { resetPasswordInput } from '../../use-cases/platform/reset-password.ts';
import { publicFeedbackInput } from '../../use-cases/platform/submit-public-feedback.ts';
import { createUserInput, updateUserInput } from '../../use-cases/platform/user-input.ts';

/**
 * The operations of the JSON API, as data: the OpenAPI document (/api/openapi.json) and the docs page
 * (/api/docs) are generated from this list and the same zod schemas the routes validate with, so the
 * description cannot drift from the code.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: 'public' | 'staff';
  body?: z.ZodType;
  /** Who may call it (policy action), for the docs. */
  permission?: string;
}

export const apiOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/session',
    operationId: 'login',
    summary: '登录（设置会话 Cookie，返回 CSRF 令牌）',
    tag: '会话',
    auth: 'public',
    body: loginInput,
  },
  { method: 'delete', path: '/api/v1/session', operationId: 'logout', summary: '退出登录', tag: '会话', auth: 'staff' },
  { method: 'get', path: '/api/v1/me', operationId: 'me', summary: '当前用户', tag: '会话', auth: 'staff' },
  {
    method: 'post',
    path: '/api/v1/me/password',
    operationId: 'changePassword',
    summary: '修改本人密码（首次登录须先修改初始密码）',
    tag: '会话',
    auth: 'staff',
    body: changePasswordInput,
  },
  {
    method: 'get',
    path: '/api/v1/agencies',
    operationId: 'listAgencies',
    summary: '机构列表（公开指南信息，公开）',
    tag: '机构',
    auth: 'public',
  },
  {
    method: 'get',
    path: '/api/v1/agencies/{id}',
    operationId: 'getAgency',
    summary: '机构详情（公开）',
    tag: '机构',
    auth: 'public',
  },
  {
    method: 'post',
    path: '/api/v1/agencies',
    operationId: 'createAgency',
    summary: '新增下级机构',
    tag: '机构',
    auth: 'staff',
    body: createAgencyInput,
    permission: 'agency.create',
  },
  {
    method: 'put',
    path: '/api/v1/agencies/{id}',
    operationId: 'updateAgency',
    summary: '修改机构（带 version，版本过期返回 409）',
    tag: '机构',
    auth: 'staff',
    body: updateAgencyInput,
    permission: 'agency.update / agency.updateGuide',
  },
  {
    method: 'get',
    path: '/api/v1/users',
    operationId: 'listUsers',
    summary: '用户列表（本机构及下级）',
    tag: '用户',
    auth: 'staff',
    permission: 'user.read',
  },
  {
    method: 'get',
    path: '/api/v1/users/{id}',
    operationId: 'getUser',
    summary: '用户详情',
    tag: '用户',
    auth: 'staff',
    permission: 'user.read',
  },
  {
    method: 'post',
    path: '/api/v1/users',
    operationId: 'createUser',
    summary: '新增用户',
    tag: '用户',
    auth: 'staff',
    body: createUserInput,
    permission: 'user.create / user.grantAdminRole',
  },
  {
    method: 'put',
    path: '/api/v1/users/{id}',
    operationId: 'updateUser',
    summary: '修改用户（带 version）',
    tag: '用户',
    auth: 'staff',
    body: updateUserInput,
    permission: 'user.update / user.grantAdminRole',
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/password',
    operationId: 'resetPassword',
    summary: '重置为临时密码（下次登录须修改，结束该用户所有会话）',
    tag: '用户',
    auth: 'staff',
    body: resetPasswordInput,
    permission: 'user.resetPassword',
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/unlock',
    operationId: 'unlockUser',
    summary: '解除账号锁定',
    tag: '用户',
    auth: 'staff',
    permission: 'user.unlock',
  },
  {
    method: 'get',
    path: '/api/v1/audit',
    operationId: 'listAudit',
    summary: '审计日志（新→旧，?before=序号&limit=）',
    tag: '审计',
    auth: 'staff',
    permission: 'audit.read',
  },
  {
    method: 'get',
    path: '/api/v1/audit/verify',
    operationId: 'verifyAudit',
    summary: '校验审计哈希链',
    tag: '审计',
    auth: 'staff',
    permission: 'audit.read',
  },
  {
    method: 'post',
    path: '/api/v1/submissions',
    operationId: 'submitFeedback',
    summary: '提交留言/纠错（幂等：同一 idempotencyKey 只保存一次）',
    tag: '公众',
    auth: 'public',
    body: publicFeedbackInput,
  },
  {
    method: 'get',
    path: '/api/v1/submissions',
    operationId: 'listSubmissions',
    summary: '留言/纠错列表',
    tag: '公众',
    auth: 'staff',
    permission: 'submission.read',
  },
];
