import { html, raw } from 'hono/html';
import { allRoles, roleLabels, type Role } from '../../../core/platform/roles.ts';
import type { UserWithAgency } from '../../../db/repositories/platform/user-repository.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import { parseRoles } from '../../../use-cases/platform/actor-from-user.ts';
import { csrfField, errorSummary, selectField, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { beijingTime } from './staff-pages.ts';

export function userListPage(users: UserWithAgency[], canCreate: boolean, nowIso: string, flash?: string): Html {
  return html`<h1>用户管理</h1>
    ${flash ? html`<div class="notice ok" role="status">${flash}</div>` : ''}
    ${canCreate ? html`<p><a class="button" href="/staff/users/new">新增用户</a></p>` : ''}
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">登录名</th>
            <th scope="col">姓名</th>
            <th scope="col">所属机构</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
            <th scope="col">最近登录</th>
          </tr>
        </thead>
        <tbody>
          ${users.map(
            (u) =>
              html`<tr>
                <td><a href="/staff/users/${u.id}">${u.login}</a></td>
                <td>${u.display_name}</td>
                <td>${u.agency_name}</td>
                <td>
                  ${parseRoles(u.roles)
                    .map((r) => roleLabels[r])
                    .join('、')}
                </td>
                <td>
                  ${u.disabled ? '已停用' : u.locked_until && u.locked_until > nowIso ? '已锁定' : '正常'}${u.is_demo ? html` <span class="kind">演示</span>` : ''}
                </td>
                <td>${u.last_login_at ? beijingTime(u.last_login_at) : '—'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export interface UserFormOptions {
  action: string;
  title: string;
  isNew: boolean;
  agencies: AgencyRow[];
  /** Roles offered as checkboxes (the actor may grant). */
  roles: readonly Role[];
  unlock?: { action: string; resetAction: string; lockedUntil: string | null; failedAttempts: number };
}

export function userFormPage(state: FormState, csrf: string, o: UserFormOptions): Html {
  const chosen = new Set(Array.isArray(state.values['roles']) ? (state.values['roles'] as string[]) : []);
  const roleErr = state.errors['roles'];
  return html`<h1>${o.title}</h1>
${state.message === '已保存' ? html`<div class="notice ok" role="status">已保存。</div>` : errorSummary(state)}
<form class="stacked" method="post" action="${o.action}">
${csrfField(csrf)}
<input type="hidden" name="version" value="${String(state.values['version'] ?? '')}">
${o.isNew ? textField(state, 'login', '登录名', { required: true, hint: '3至32位小写字母、数字或 . _ -' }) : html`<p>登录名：<strong class="mono">${String(state.values['login'] ?? '')}</strong></p>`}
${textField(state, 'displayName', '姓名', { required: true })}
${selectField(
  state,
  'agencyId',
  '所属机构',
  o.agencies.map((a) => ({ value: a.id, label: a.name })),
  { required: true },
)}
<fieldset${roleErr ? raw(' aria-describedby="roles-err"') : ''}><legend>角色（三员分立：管理员角色不得兼任）</legend>
${roleErr ? html`<span class="field-error" id="roles-err">${roleErr}</span>` : ''}
${allRoles.map((r) =>
  o.roles.includes(r) || chosen.has(r)
    ? html`<label
        ><input
          type="checkbox"
          name="roles"
          value="${r}"
          ${chosen.has(r) ? raw(' checked') : ''}${o.roles.includes(r) ? '' : raw(' disabled')}
        />
        ${roleLabels[r]}</label
      >`
    : '',
)}
</fieldset>
${o.isNew ? textField(state, 'initialPassword', '初始密码', { type: 'password', required: true, autocomplete: 'new-password', hint: '不少于10位，至少三类字符；用户首次登录须修改' }) : html`<label><input type="checkbox" name="disabled" value="1" ${state.values['disabled'] ? raw(' checked') : ''} /> 停用该账号</label>`}
<button type="submit">保存</button>
<a class="button secondary" href="/staff/users">返回列表</a>
</form>
${
  o.unlock
    ? html`<h2>登录安全</h2>
        <p>
          连续失败次数：${o.unlock.failedAttempts}；锁定至：${o.unlock.lockedUntil ? beijingTime(o.unlock.lockedUntil) : '未锁定'}
        </p>
        <form method="post" action="${o.unlock.action}">${csrfField(csrf)}<button type="submit">解除锁定</button></form>
        <form class="stacked" method="post" action="${o.unlock.resetAction}">
          ${csrfField(csrf)}
          ${textField(state, 'temporaryPassword', '重置为临时密码', {
            type: 'password',
            autocomplete: 'new-password',
            hint: '用户下次登录须修改；该用户的所有会话将立即结束',
          })}
          <button type="submit">重置密码</button>
        </form>`
    : ''
}`;
}
