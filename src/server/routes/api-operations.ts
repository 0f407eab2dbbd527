import type { z } from 'zod';
import { createAgencyInput, updateAgencyInput } from '../../use-cases/platform/agency-input.ts';
import { changePasswordInput } from '../../use-cases/platform/change-password.ts';
import { loginInput } from '../../use-cases/platform/login.ts';
import { activateAccountInput } from '../../use-cases/platform/activate-account.ts';
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
    summary: '申请新建账号（无密码、待另一类管理员批准；返回第一段激活码，仅此一次）',
    tag: '用户',
    auth: 'staff',
    body: createUserInput,
    permission: 'user.create / user.grantAdminRole',
  },
  {
    method: 'put',
    path: '/api/v1/users/{id}',
    operationId: 'updateUser',
    summary: '修改用户（带 version；增加角色或调整机构须另一类管理员批准，返回 pendingRequest）',
    tag: '用户',
    auth: 'staff',
    body: updateUserInput,
    permission: 'user.update / user.grantAdminRole',
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/password',
    operationId: 'resetPassword',
    summary: '申请重置密码（返回第一段激活码；系统管理员批准后原密码失效）',
    tag: '用户',
    auth: 'staff',
    permission: 'user.resetPassword',
  },
  {
    method: 'post',
    path: '/api/v1/users/{id}/unlock',
    operationId: 'unlockUser',
    summary: '清除该账号的登录失败记录',
    tag: '用户',
    auth: 'staff',
    permission: 'user.unlock',
  },
  {
    method: 'get',
    path: '/api/v1/account-requests',
    operationId: 'listAccountRequests',
    summary: '待批准的账号申请（新建、授权、重置）',
    tag: '用户',
    auth: 'staff',
    permission: 'user.approveRequest',
  },
  {
    method: 'post',
    path: '/api/v1/account-requests/{id}/approve',
    operationId: 'approveAccountRequest',
    summary: '批准申请（须为另一类管理员；新建与重置返回第二段激活码，仅此一次）',
    tag: '用户',
    auth: 'staff',
    permission: 'user.approveRequest',
  },
  {
    method: 'post',
    path: '/api/v1/account-requests/{id}/reject',
    operationId: 'rejectAccountRequest',
    summary: '驳回申请（发起人可撤回）',
    tag: '用户',
    auth: 'staff',
    permission: 'user.approveRequest',
  },
  {
    method: 'post',
    path: '/api/v1/activation',
    operationId: 'activateAccount',
    summary: '激活账号：登录名 + 两段激活码，设置本人密码（一次性、会过期、限流）',
    tag: '会话',
    auth: 'public',
    body: activateAccountInput,
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
  {
    method: 'get',
    path: '/api/v1/agencies/{id}/tables',
    operationId: 'caseTables',
    summary: '表三、表四（依申请公开办理情况、复议诉讼）及信息处理费：?year=2026[&subtree=1]，由办理记录计算',
    tag: '依申请公开',
    auth: 'staff',
    permission: 'case.read',
  },
];
