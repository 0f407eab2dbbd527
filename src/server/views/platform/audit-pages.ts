import { html } from 'hono/html';
import type { AuditLogRow } from '../../../db/schema.ts';
import type { ChainVerdict } from '../../../use-cases/platform/verify-audit-chain.ts';
import type { Html } from '../layout.ts';
import { beijingTime } from './staff-pages.ts';

export const actionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.loginFailed': '登录失败',
  'auth.loginRefusedLocked': '锁定期间尝试登录',
  'user.locked': '账号锁定',
  'user.unlock': '解除锁定',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.rolesChanged': '变更角色',
  'user.passwordChanged': '修改密码',
  'user.passwordReset': '重置密码',
  'agency.create': '新增机构',
  'agency.update': '修改机构',
  'agency.updateGuide': '修改公开指南联系方式',
  'submission.create': '收到留言/纠错',
  'audit.keyInstalled': '启用审计密钥',
  'system.restored': '从备份恢复数据库',
  'calendar.noticeSaved': '录入节假日安排',
  'calendar.noticeWithdrawn': '撤销节假日安排录入',
  'calendar.closureAdded': '登记停止办公',
  'calendar.closureWithdrawn': '撤销停止办公',
  'calendar.hookFailed': '日历变更后重新计算期限失败',
  'notification.read': '通知标为已读',
};

export function auditPage(rows: AuditLogRow[], nextBefore: number | null, verdict: ChainVerdict | null): Html {
  return html`<h1>审计日志</h1>
    <p>
      审计日志只允许追加，每条记录含前一条的哈希，构成哈希链（等保2.0 安全审计）。<a href="/staff/audit?verify=1"
        >校验哈希链</a
      >
    </p>
    ${verdict ? (verdict.ok ? html`<div class="notice ok" role="status">哈希链完整：共 ${verdict.entries} 条记录，锚点 <span class="mono">${verdict.entries}:${verdict.headHash}</span>（可抄录保存在系统以外，日后用 gongkai audit verify --expect 核对）。</div>` : html`<div class="notice error" role="alert">哈希链在序号 ${verdict.brokenSeq} 处断裂：${verdict.problem}</div>`) : ''}
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            <th scope="col">变更前</th>
            <th scope="col">变更后</th>
            <th scope="col">来源地址</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <td>${r.seq}</td>
                <td>${beijingTime(r.at)}</td>
                <td>${r.actor_label}</td>
                <td>${actionLabels[r.action] ?? r.action}</td>
                <td>${r.entity}${r.entity_id ? html`<br /><span class="mono muted">${r.entity_id}</span>` : ''}</td>
                <td class="mono">${r.before_json ?? ''}</td>
                <td class="mono">${r.after_json ?? ''}</td>
                <td>${r.ip ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${nextBefore ? html`<p><a href="/staff/audit?before=${nextBefore}">更早的记录</a></p>` : ''}`;
}
