import { html } from 'hono/html';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleLabels } from '../../../core/platform/roles.ts';
import type { SubmissionWithAgency } from '../../../db/repositories/platform/submission-repository.ts';
import type { StaffDashboard } from '../../../use-cases/platform/staff-dashboard.ts';
import { feedbackKinds, referenceOf } from '../../../use-cases/platform/submit-public-feedback.ts';
import { csrfField, errorSummary, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { kindLabel } from '../portal/portal-pages.ts';

export function loginPage(state: FormState, csrf: string, next: string, notice?: string): Html {
  return html`<h1>工作人员登录</h1>
    ${notice ? html`<div class="notice" role="status">${notice}</div>` : ''} ${errorSummary(state)}
    <form class="stacked" method="post" action="/staff/login">
      ${csrfField(csrf)}
      <input type="hidden" name="next" value="${next}" />
      ${textField(state, 'login', '登录名', { required: true, autocomplete: 'username' })}
      ${textField(state, 'password', '密码', { type: 'password', required: true, autocomplete: 'current-password' })}
      <button type="submit">登录</button>
    </form>
    <p class="muted">
      同一网络地址多次登录失败后，须等待15分钟才能再试。新账号和重置密码后，请先凭两段激活码<a href="/staff/activate"
        >激活账号</a
      >。长时间未操作将自动退出登录。
    </p>`;
}

/** 激活账号: the person sets their own password with the two halves of the one-time code. */
export function activatePage(state: FormState, csrf: string): Html {
  return html`<h1>激活账号</h1>
    <p>
      新账号，或密码被重置后，请输入登录名和两段激活码，设置自己的密码。两段激活码分别由两位管理员交付（发起的管理员一段、批准的管理员一段），任何一位管理员都不知道完整的激活码，也不知道您的密码。
    </p>
    ${errorSummary(state)}
    <form class="stacked" method="post" action="/staff/activate">
      ${csrfField(csrf)} ${textField(state, 'login', '登录名', { required: true, autocomplete: 'username' })}
      ${textField(state, 'code1', '第一段激活码', { required: true, autocomplete: 'off', hint: '12位字母或数字，如 ABCD-EFGH-JKMN；不区分大小写' })}
      ${textField(state, 'code2', '第二段激活码', { required: true, autocomplete: 'off' })}
      ${textField(state, 'newPassword', '设置密码', { type: 'password', required: true, autocomplete: 'new-password', hint: '不少于10位，至少包含小写字母、大写字母、数字、特殊字符中的三类' })}
      ${textField(state, 'confirmPassword', '再次填写密码', { type: 'password', required: true, autocomplete: 'new-password' })}
      <button type="submit">激活</button>
    </form>
    <p class="muted">
      激活码只能使用一次，过期后请联系管理员重新签发。同一网络地址多次失败后，须等待15分钟才能再试。
    </p>`;
}

export function passwordPage(state: FormState, csrf: string, forced: boolean): Html {
  return html`<h1>修改密码</h1>
    ${forced ? html`<div class="notice" role="status">首次登录或密码已被重置，请先修改密码。</div>` : ''}
    ${state.message === '密码已修改' ? html`<div class="notice ok" role="status">密码已修改。</div>` : errorSummary(state)}
    <form class="stacked" method="post" action="/staff/password">
      ${csrfField(csrf)}
      ${textField(state, 'currentPassword', '当前密码', { type: 'password', required: true, autocomplete: 'current-password' })}
      ${textField(state, 'newPassword', '新密码', { type: 'password', required: true, autocomplete: 'new-password', hint: '不少于10位，至少包含小写字母、大写字母、数字、特殊字符中的三类' })}
      ${textField(state, 'confirmPassword', '再次填写新密码', { type: 'password', required: true, autocomplete: 'new-password' })}
      <button type="submit">保存</button>
    </form>`;
}

export function dashboardPage(actor: Actor, d: StaffDashboard): Html {
  return html`<h1>本机构工作台</h1>
    <p>
      ${actor.displayName}，您好。所属机构：<strong>${d.agency.name}</strong>（${kindLabel(d.agency.kind)}）；角色：${actor.roles.map((r) => roleLabels[r]).join('、')}。
    </p>
    <div class="cards">
      <section class="card" aria-labelledby="c-guide">
        <h2 id="c-guide">公开指南</h2>
        <p>办公地址：${d.agency.address || '未填写'}<br />联系电话：${d.agency.phone || '未填写'}</p>
        <p><a href="/agencies/${d.agency.id}/guide">查看本机构公开指南</a></p>
      </section>
      <section class="card" aria-labelledby="c-report">
        <h2 id="c-report">年度报告</h2>
        <p>
          本机构年度报告发布期限：每年${Number(d.agency.report_deadline.slice(0, 2))}月${Number(d.agency.report_deadline.slice(3))}日前（条例第四十九条）。
        </p>
      </section>
    </div>
    ${d.canReadSubmissions ? submissionsTable('最近的留言与纠错', d.submissions) : ''}
    ${
      d.supervised.length > 0
        ? html`<h2>监督范围内的机构（${d.supervised.length}个）</h2>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">机构</th>
                    <th scope="col">类别</th>
                    <th scope="col">联系电话</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.supervised.map(
                    (a) =>
                      html`<tr>
                        <td><a href="/staff/agencies/${a.id}">${a.name}</a></td>
                        <td>${kindLabel(a.kind)}</td>
                        <td>${a.phone}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : ''
    }`;
}

export function submissionsTable(title: string, rows: SubmissionWithAgency[]): Html {
  return html`<h2>${title}</h2>
    ${
      rows.length === 0
        ? html`<p class="muted">暂无记录。</p>`
        : html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">受理编号</th>
                  <th scope="col">时间</th>
                  <th scope="col">机构</th>
                  <th scope="col">类型</th>
                  <th scope="col">内容</th>
                  <th scope="col">称呼</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (s) =>
                    html`<tr>
                      <td class="mono">
                        <a href="/staff/publication/submissions/${s.id}">${referenceOf(s.id, s.created_at)}</a>
                      </td>
                      <td>${beijingTime(s.created_at)}</td>
                      <td>${s.agency_name}</td>
                      <td>${feedbackKinds[s.kind as keyof typeof feedbackKinds] ?? s.kind}</td>
                      <td>${s.content}</td>
                      <td>${s.contact_name}</td>
                      <td>
                        ${s.status === 'new' ? '待办理' : s.status === 'answered' ? '已答复' : s.status === 'closed' ? '已办结' : s.status}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

export function beijingTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
