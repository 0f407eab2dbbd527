import { html } from 'hono/html';
import { accountRequestKindLabels, type AccountRequestKind } from '../../../core/platform/dual-control.ts';
import { roleLabels } from '../../../core/platform/roles.ts';
import type { PendingRequest } from '../../../use-cases/platform/list-account-requests.ts';
import { parseRoles } from '../../../use-cases/platform/actor-from-user.ts';
import { csrfField } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { beijingTime } from './staff-pages.ts';

const kindLabel = (k: string) => accountRequestKindLabels[k as AccountRequestKind] ?? k;

/** 待批准申请: requests in the actor's subtree; approve/reject where the actor is the other kind of administrator. */
export function accountRequestListPage(rows: PendingRequest[], csrf: string, flash?: string): Html {
  return html`<h1>待批准申请</h1>
    ${flash ? html`<div class="notice ok" role="status">${flash}</div>` : ''}
    <p class="muted">
      三员分立、双人控制：新建账号、授予角色、变更所属机构和重置密码，须由发起人以外的另一类管理员批准（系统管理员发起的由安全管理员批准，安全管理员发起的由系统管理员批准）。批准人须核实申请依据（如本人签字的开通申请表）。
    </p>
    ${
      rows.length === 0
        ? html`<p>暂无待批准的申请。</p>`
        : html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">申请</th>
                  <th scope="col">账号</th>
                  <th scope="col">所属机构</th>
                  <th scope="col">申请的角色</th>
                  <th scope="col">发起人</th>
                  <th scope="col">时间</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr>
                      <td>${kindLabel(r.kind)}</td>
                      <td><span class="mono">${r.login}</span> ${r.display_name}</td>
                      <td>
                        ${r.user_agency_name}${r.agency_id && r.agency_id !== r.user_agency_id ? '（申请调整机构）' : ''}
                      </td>
                      <td>
                        ${
                          r.roles
                            ? parseRoles(r.roles)
                                .map((x) => roleLabels[x])
                                .join('、')
                            : '—'
                        }
                      </td>
                      <td>${r.requester_label ?? '系统'}</td>
                      <td>${beijingTime(r.requested_at)}</td>
                      <td>
                        ${
                          r.canDecide
                            ? html`<form class="inline" method="post" action="/staff/account-requests/${r.id}/approve">
                                  ${csrfField(csrf)}<button type="submit">批准</button>
                                </form>
                                <form class="inline" method="post" action="/staff/account-requests/${r.id}/reject">
                                  ${csrfField(csrf)}<button class="secondary" type="submit">驳回</button>
                                </form>`
                            : r.mine
                              ? html`<form class="inline" method="post" action="/staff/account-requests/${r.id}/reject">
                                  ${csrfField(csrf)}<button class="secondary" type="submit">撤回</button>
                                </form>`
                              : html`<span class="muted">${r.waitingFor}</span>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

export interface CodeHandover {
  title: string;
  /** What happened, e.g. "账号申请已提交，待安全管理员批准". */
  notice: string;
  login: string;
  /** Which half this page shows. */
  part: 1 | 2;
  code: string;
  /** The other half when this administrator holds both (no approval was needed). */
  otherCode?: string | null;
  /** Who hands over the other half. */
  otherHolder: string;
  validity: string;
}

/** Shows one half of an activation code once, with what to do with it. */
export function codeHandoverPage(h: CodeHandover): Html {
  return html`<h1>${h.title}</h1>
    <div class="notice ok" role="status">${h.notice}</div>
    <p>
      账号
      <strong class="mono">${h.login}</strong> 的${h.otherCode ? '激活码' : `第${h.part === 1 ? '一' : '二'}段激活码`}：
    </p>
    <p>
      <span class="code-part" aria-label="激活码">${h.code}</span
      >${h.otherCode ? html` <span class="code-part">${h.otherCode}</span>` : ''}
    </p>
    <ul>
      <li>请当面或通过可信渠道交给本人，不要通过即时通讯群、电子邮件群发。</li>
      <li>本页只显示一次：系统只保存激活码的摘要，任何人都无法再次查看。</li>
      ${h.otherCode ? '' : html`<li>另一段激活码由${h.otherHolder}交给本人；您无法单独激活该账号。</li>`}
      <li>本人在“激活账号”页面（/staff/activate）输入登录名和两段激活码，设置自己的密码。${h.validity}</li>
    </ul>
    <p><a class="button secondary" href="/staff/users">返回用户管理</a></p>`;
}
