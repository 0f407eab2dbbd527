import { html, raw } from 'hono/html';
import { allRoles, roleLabels, type Role } from '../../../core/platform/roles.ts';
import type { UserWithAgency } from '../../../db/repositories/platform/user-repository.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import { parseRoles } from '../../../use-cases/platform/actor-from-user.ts';
import { csrfField, errorSummary, selectField, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { beijingTime } from './staff-pages.ts';

export type ListedUser = UserWithAgency & { pending: string[] };

/** The account's state as a person reads it. */
export function userStatus(u: ListedUser): string {
  if (u.disabled) return '已停用';
  if (u.pending.includes('create')) return '待批准';
  if (u.password_hash === '') return '待激活';
  const extra = [u.pending.includes('grant') ? '角色变更待批准' : '', u.pending.includes('reset') ? '重置待批准' : '']
    .filter(Boolean)
    .join('，');
  return extra ? `正常（${extra}）` : '正常';
}

export function userListPage(users: ListedUser[], canCreate: boolean, flash?: string): Html {
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
                <td>${userStatus(u)}${u.is_demo ? html` <span class="kind">演示</span>` : ''}</td>
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
  /** For the security administrator: clear recorded failures, start a password reset. */
  security?: { unlockAction: string; resetAction: string; recentFailures: number; windowMinutes: number };
  /** What waits for approval on this account. */
  pendingNotice?: string;
}

export function userFormPage(state: FormState, csrf: string, o: UserFormOptions): Html {
  const chosen = new Set(Array.isArray(state.values['roles']) ? (state.values['roles'] as string[]) : []);
  const roleErr = state.errors['roles'];
  return html`<h1>${o.title}</h1>
${state.message === '已保存' ? html`<div class="notice ok" role="status">已保存。</div>` : errorSummary(state)}
${o.pendingNotice ? html`<div class="notice" role="status">${o.pendingNotice}</div>` : ''}
${o.isNew ? html`<p class="muted">管理员不为他人设置密码。提交后账号须经另一类管理员批准（业务角色由安全管理员批准，管理员角色由系统管理员批准）；批准后您和批准人各得到一段激活码，分别交给本人，由本人激活账号并设置密码。</p>` : ''}
<form class="stacked" method="post" action="${o.action}">
${csrfField(csrf)}
<input type="hidden" name="version" value="${String(state.values['version'] ?? '')}">
${o.isNew ? textField(state, 'login', '登录名', { required: true, hint: '3至32位小写字母、数字或 . _ -' }) : html`<p>登录名：<strong class="mono">${String(state.values['login'] ?? '')}</strong></p>`}
${textField(state, 'displayName', '姓名', { required: true })}
${textField(state, 'email', '电子邮件（选填）', { type: 'email', hint: '办理期限提醒、年报期限提醒发到这里；不填则只发到机构邮箱' })}
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
${o.isNew ? '' : html`<label><input type="checkbox" name="disabled" value="1" ${state.values['disabled'] ? raw(' checked') : ''} /> 停用该账号</label>`}
<button type="submit">${o.isNew ? '提交申请' : '保存'}</button>
<a class="button secondary" href="/staff/users">返回列表</a>
</form>
${
  o.security
    ? html`<h2>登录安全</h2>
        <p>近${o.security.windowMinutes}分钟内的登录失败次数（所有地址）：${o.security.recentFailures}</p>
        <form method="post" action="${o.security.unlockAction}">
          ${csrfField(csrf)}<button type="submit">清除登录失败记录</button>
        </form>
        <h2>重置密码</h2>
        <p>
          安全管理员不设置、也不知道他人的密码：重置将生成一段激活码交给您，须由系统管理员批准并交付另一段；批准后原密码失效、该用户的所有会话结束，本人凭两段激活码设置新密码。
        </p>
        <form method="post" action="${o.security.resetAction}">
          ${csrfField(csrf)}<button type="submit">申请重置密码</button>
        </form>`
    : ''
}`;
}
