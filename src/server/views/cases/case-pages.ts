import { html } from 'hono/html';
import { OUTCOME_TYPES, ANSWER_KINDS, isAnswerKind, type AnswerKind } from '../../../core/cases/answer-types.ts';
import { applicantTypeLabel, type ApplicantType } from '../../../core/cases/applicant-type.ts';
import { APPEAL_RESULT_LABELS, CONSULTATION_LABELS } from '../../../core/cases/case-event.ts';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../core/cases/case-state.ts';
import { CHANNEL_LABELS, type Channel } from '../../../core/cases/channel.ts';
import { IDENTITY_DOCUMENT_TYPES } from '../../../core/cases/identity-number.ts';
import { outcomeRowLabel, type OutcomeRow } from '../../../core/cases/outcome-row.ts';
import { T4_GROUP_LABELS } from '../../../core/report/layout.ts';
import type { CaseWithAgency } from '../../../db/repositories/cases/case-repository.ts';
import { blanksOf } from '../../../use-cases/cases/answer-approval.ts';
import { DELIVERY_WANTED, FORM_WANTED } from '../../../use-cases/cases/create-case.ts';
import type { CaseListInput, CaseListPage } from '../../../use-cases/cases/list-cases.ts';
import type { CaseView } from '../../../use-cases/cases/view-case.ts';
import { csrfField, errorSummary, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';

const statusLabel = (s: string) => CASE_STATUS_LABELS[s as CaseStatus] ?? s;

function listLink(input: CaseListInput, patch: Partial<CaseListInput>): string {
  const q = new URLSearchParams();
  const v = { ...input, ...patch };
  if (v.status) q.set('status', v.status);
  if (v.due) q.set('due', v.due);
  if (v.mine) q.set('mine', '1');
  if (v.year) q.set('year', String(v.year));
  if (v.cell) q.set('cell', v.cell);
  if (v.cell && v.scope) q.set('scope', v.scope);
  if (v.page > 1) q.set('page', String(v.page));
  const s = q.toString();
  return `/staff/cases${s ? `?${s}` : ''}`;
}

export function caseListPage(input: CaseListInput, page: CaseListPage, canRegister: boolean): Html {
  const f = (label: string, patch: Partial<CaseListInput>) =>
    html`<a href="${listLink(input, { cell: undefined, year: undefined, scope: '', ...patch, page: 1 })}">${label}</a>`;
  return html`<h1>依申请公开</h1>
    <p>
      筛选：${f('全部', { status: '', due: '', mine: false, cell: undefined })} ·
      ${f('办理中', { status: 'open', due: '' })} · ${f('5个工作日内到期（含已逾期）', { due: 'dueSoon' })} ·
      ${f('已逾期', { due: 'overdue' })} · ${f('我承办的', { mine: true })} ·
      ${f('已办结', { status: 'answered', due: '' })} ·
      <a href="/staff/cases/tables">年度统计（表三、表四）</a>
      ${canRegister ? html` · <a href="/staff/cases/register">登记申请</a>` : ''}
    </p>
    ${
      input.cell
        ? html`<div class="notice" role="status">
            年度报告表三单元格 ${input.cell}（${input.year ?? page.today.slice(0, 4)}年）计入的申请，共
            ${page.total ?? '—'} 件。
            <a
              href="/staff/cases/tables?year=${input.year ?? page.today.slice(0, 4)}${input.scope ? `&scope=${input.scope}` : ''}"
              >返回表三、表四</a
            >
          </div>`
        : page.total !== null
          ? html`<p class="muted">共 ${page.total} 件（今天：${page.today}）</p>`
          : ''
    }
    <div class="table-scroll">
      <table>
        <caption>
          申请列表（每页50件）
        </caption>
        <thead>
          <tr>
            <th scope="col">受理编号</th>
            <th scope="col">机关</th>
            <th scope="col">申请人</th>
            <th scope="col">收到日期</th>
            <th scope="col">状态</th>
            <th scope="col">答复期限</th>
          </tr>
        </thead>
        <tbody>
          ${page.rows.map((r) => caseRow(r, page.today))}
        </tbody>
      </table>
    </div>
    <p>
      ${input.page > 1 ? html`<a href="${listLink(input, { page: input.page - 1 })}">上一页</a>` : ''}
      ${page.hasMore ? html`<a href="${listLink(input, { page: input.page + 1 })}">下一页</a>` : ''}
    </p>`;
}

function caseRow(r: CaseWithAgency, today: string): Html {
  const open = !['answered', 'withdrawn', 'abandoned'].includes(r.status);
  const overdue = open && r.due_on !== null && r.due_on < today;
  return html`<tr>
    <td><a href="/staff/cases/${r.id}">${r.tracking_code}</a></td>
    <td>${r.agency_name}</td>
    <td>${r.applicant_masked}（${applicantTypeLabel(r.applicant_type as ApplicantType)}）</td>
    <td>${r.received_on}</td>
    <td>${statusLabel(r.status)}${r.outcome_row ? html`：${outcomeRowLabel(r.outcome_row as OutcomeRow)}` : ''}</td>
    <td>${r.due_on ?? '—'}${overdue ? html` <strong class="field-error">已逾期</strong>` : ''}</td>
  </tr>`;
}

const dateInput = (name: string, label: string, value = '') =>
  html`<label for="f-${name}">${label}</label
    ><input id="f-${name}" name="${name}" value="${value}" placeholder="2026-03-05" />`;

function actionForm(id: string, csrf: string, action: string, title: string, body: Html): Html {
  return html`<details>
    <summary>${title}</summary>
    <form class="stacked" method="post" action="/staff/cases/${id}/actions">
      ${csrfField(csrf)}<input type="hidden" name="action" value="${action}" />${body}
      <button type="submit">${title}</button>
    </form>
  </details>`;
}

export function casePage(v: CaseView, csrf: string, state: FormState): Html {
  const r = v.row;
  const s = v.snapshot;
  const id = r.id;
  const a = v.applicant;
  const due = s.clock.due;
  const open = !['answered', 'withdrawn', 'abandoned'].includes(s.status);
  return html`<h1>申请 ${r.tracking_code}</h1>
    ${state.message === '已保存' ? html`<div class="notice ok" role="status">已保存。</div>` : errorSummary(state)}
    <section aria-labelledby="h-deadline">
      <h2 id="h-deadline">期限</h2>
      <p><strong>${v.deadline.label}</strong>：${v.deadline.message}</p>
      ${
        due.kind === 'due'
          ? html`<p>
                答复期限
                <strong>${due.date}</strong
                >：自${s.periodStart}次日起算${due.days}个工作日${due.provisional ? '（暂停尚未结束，按暂停期限届满推算）' : ''}${due.deferredFrom ? `；按第三十五条确定的日期（原期限${due.deferredFrom}）` : ''}。
              </p>
              <details>
                <summary>
                  期限的计算：不计入的日子（${v.skippedDays.filter((d) => !d.counted).length} 天）和调休上班日
                </summary>
                <table>
                  <caption>
                    ${s.periodStart} 之后的日历
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">日期</th>
                      <th scope="col">星期</th>
                      <th scope="col">是否计入</th>
                      <th scope="col">原因</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${v.skippedDays.map(
                      (d) =>
                        html`<tr>
                          <td>${d.date}</td>
                          <td>${d.weekday}</td>
                          <td>${d.counted ? `第${d.ordinal}个工作日` : '不计入'}</td>
                          <td>${d.label}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </details>`
          : html`<p>${due.message}</p>`
      }
      ${
        s.clock.usedDays !== null
          ? html`<p class="muted">已用 ${s.clock.usedDays} 个工作日，剩余 ${s.clock.remainingDays} 个工作日。</p>`
          : ''
      }
    </section>
    <section aria-labelledby="h-case">
      <h2 id="h-case">申请</h2>
      <dl class="guide">
        <dt>受理机关</dt>
        <dd>${r.agency_name}</dd>
        <dt>申请渠道</dt>
        <dd>${CHANNEL_LABELS[r.channel as Channel]}（收到申请日期 ${r.received_on}）</dd>
        <dt>申请人</dt>
        <dd>
          ${a.organisation ? html`${a.organisation}（联系人 ${a.name}）` : a.name}，${applicantTypeLabel(r.applicant_type as ApplicantType)}
        </dd>
        <dt>证件</dt>
        <dd>
          ${IDENTITY_DOCUMENT_TYPES[a.idType as keyof typeof IDENTITY_DOCUMENT_TYPES] ?? a.idType} ${a.idNumber}
          ${v.applicantMasked ? html`<span class="muted">（已遮蔽）</span>` : ''}
        </dd>
        <dt>联系方式</dt>
        <dd>${a.phone} ${a.email} ${a.address} ${a.postcode}</dd>
        <dt>所需信息</dt>
        <dd>${r.description}</dd>
        <dt>提供形式 / 获取方式</dt>
        <dd>
          ${FORM_WANTED[r.form_wanted as keyof typeof FORM_WANTED] ?? r.form_wanted} /
          ${DELIVERY_WANTED[r.delivery_wanted as keyof typeof DELIVERY_WANTED] ?? r.delivery_wanted}
        </dd>
        <dt>状态</dt>
        <dd>
          ${statusLabel(s.status)}${s.outcome ? html`：${OUTCOME_TYPES[s.outcome.kind].label}（表三 ${outcomeRowLabel(s.outcome.row)}，${s.outcome.date}）` : ''}
        </dd>
        <dt>承办人</dt>
        <dd>${v.staff.find((p) => p.id === r.assignee_id)?.display_name ?? '未指派'}</dd>
      </dl>
      ${
        v.repeats.length > 0
          ? html`<div class="notice" role="note">
              同一申请人此前已就相同信息提出申请并获答复（${v.repeats.map((m) => `${m.answeredOn}`).join('、')}），可考虑按重复申请处理（条例第三十六条第（六）项，表三（五）2）。
            </div>`
          : ''
      }
      ${
        v.publicationPrompt
          ? html`<div class="notice" role="note">
              已有 ${v.publicationPrompt.applicants} 位申请人申请公开相同的政府信息（共 ${v.publicationPrompt.requests}
              件）。可以公开的，应考虑纳入主动公开范围（条例第四十四条）。
            </div>`
          : ''
      }
      ${
        v.suggestions.length > 0
          ? html`<p>可能已主动公开的信息：${v.suggestions.map((x) => html`<a href="${x.url}">${x.title}</a> `)}</p>`
          : ''
      }
    </section>
    ${answerSection(v, csrf, state)} ${v.can.handle && open ? workSection(v, csrf) : ''}
    ${v.can.handle ? appealSection(v, csrf) : ''}
    <section aria-labelledby="h-history">
      <h2 id="h-history">办理记录</h2>
      <ol class="timeline">
        ${v.rows.map(
          (e) =>
            html`<li>
              <span class="muted">${e.created_at.slice(0, 16).replace('T', ' ')} ${e.actor_label}</span>
              ${e.kind === 'state' ? html`<strong>${stateLabel(e.event_json)}</strong>` : ''}
              ${e.kind === 'note' ? html`<strong>内部备注</strong>：` : ''}
              ${e.kind === 'message' ? html`<strong>致申请人</strong>：` : ''}
              ${e.kind === 'correction' ? html`<strong>申请人补正</strong>：` : ''} ${e.kind !== 'state' ? e.body : ''}
              ${
                e.blob_sha256
                  ? html` <a href="/staff/cases/${id}/files/${e.seq}">${e.filename}</a
                      >${e.to_applicant ? '（申请人可下载）' : ''}`
                  : ''
              }
              ${e.basis ? html`<br /><span class="muted">依据：${e.basis}</span>` : ''}
            </li>`,
        )}
      </ol>
      ${
        s.warnings.length > 0
          ? html`<div class="notice error" role="note">
              <ul>
                ${s.warnings.map((w) => html`<li>${w.message}</li>`)}
              </ul>
            </div>`
          : ''
      }
    </section>`;
}

function stateLabel(json: string | null): string {
  if (!json) return '';
  const e = JSON.parse(json) as {
    type: string;
    date: string;
    answer?: AnswerKind;
    kind?: string;
    result?: string;
    days?: number;
  };
  const labels: Record<string, string> = {
    received: '收到申请',
    correctionRequested: '告知补正',
    corrected: '收到补正',
    extended: `延长答复期限${e.days ?? ''}个工作日`,
    deferred: '确定延迟答复期限',
    consultationStarted: `征求意见：${CONSULTATION_LABELS[e.kind as 'thirdParty'] ?? ''}`,
    consultationEnded: '征求意见结束',
    feeNoticeSent: '发出收费通知',
    feePaid: '缴纳信息处理费',
    answered: `作出答复：${e.answer ? OUTCOME_TYPES[e.answer].label : ''}`,
    withdrawn: '申请人撤回申请',
    abandoned: '视为放弃申请',
    appealFiled: `${T4_GROUP_LABELS[e.kind as 'review'] ?? ''}立案`,
    appealDecided: `复议／诉讼结果：${APPEAL_RESULT_LABELS[e.result as 'upheld'] ?? ''}`,
  };
  return `${e.date} ${labels[e.type] ?? e.type}`;
}

function answerSection(v: CaseView, csrf: string, state: FormState): Html {
  const ap = v.approval;
  const open = !['answered', 'withdrawn', 'abandoned'].includes(v.snapshot.status);
  if (!open && ap?.stage !== 'signed') return html``;
  const stage = ap
    ? {
        drafted: `已拟办（${ap.draftedBy.name}），待审核`,
        reviewed: `已审核（${ap.reviewedBy?.name}，已保密审查），待签发`,
        signed: `已签发（${ap.signedBy?.name}）`,
        returned: `审核退回（${ap.returnedBy?.name}：${ap.returnedBy?.comment}），待重新拟办`,
      }[ap.stage]
    : '尚未拟办';
  const picked = typeof state.values['answer'] === 'string' ? state.values['answer'] : '';
  const chosen = isAnswerKind(picked) ? picked : ap && ap.stage !== 'signed' ? ap.answer : undefined;
  return html`<section aria-labelledby="h-answer">
    <h2 id="h-answer">答复（拟办 → 审核 → 签发）</h2>
    <p>
      ${stage}${ap ? html`：${OUTCOME_TYPES[ap.answer].label}（表三 ${outcomeRowLabel(OUTCOME_TYPES[ap.answer].row)}）` : ''}
    </p>
    ${
      open && v.can.handle && (!ap || ap.stage === 'returned' || ap.stage === 'drafted')
        ? html`<details ${chosen ? 'open' : ''}>
            <summary>拟办答复</summary>
            <form class="stacked" method="get" action="/staff/cases/${v.row.id}">
              <label for="f-answer-pick">答复类型（决定计入表三的哪一行）</label>
              <select id="f-answer-pick" name="answer">
                ${ANSWER_KINDS.map(
                  (k) =>
                    html`<option value="${k}" ${k === chosen ? 'selected' : ''}>${OUTCOME_TYPES[k].label}</option>`,
                )}
              </select>
              <button type="submit">选择</button>
            </form>
            ${chosen ? draftForm(v, csrf, chosen, state) : ''}
          </details>`
        : ''
    }
    ${
      ap?.stage === 'drafted' && v.can.review
        ? html`<form class="stacked" method="post" action="/staff/cases/${v.row.id}/review">
            ${csrfField(csrf)}
            <label
              ><input type="checkbox" name="secrecyChecked" value="1" />
              已对拟公开的信息进行保密审查，不涉及国家秘密（条例第十七条）</label
            >
            <label for="f-comment">审核意见（退回时必填）</label><textarea id="f-comment" name="comment"></textarea>
            <button type="submit" name="decision" value="approve">审核通过</button>
            <button type="submit" name="decision" value="return">退回</button>
          </form>`
        : ''
    }
    ${
      ap?.stage === 'reviewed' && v.can.sign
        ? html`<form class="stacked" method="post" action="/staff/cases/${v.row.id}/sign">
            ${csrfField(csrf)}
            <p>签发后即以今天（${v.today}）为答复日期，生成答复告知书（Word、PDF）并提供给申请人。</p>
            <button type="submit">签发</button>
          </form>`
        : ''
    }
  </section>`;
}

function draftForm(v: CaseView, csrf: string, kind: AnswerKind, state: FormState): Html {
  const template = v.templateFor(kind);
  const values = (state.values['values'] as Record<string, string> | undefined) ?? v.approval?.values ?? {};
  return html`<form class="stacked" method="post" action="/staff/cases/${v.row.id}/draft">
    ${csrfField(csrf)}<input type="hidden" name="answer" value="${kind}" />
    <p>告知书模板：${template.name}。申请人、受理编号、日期、机关名称由系统填写。</p>
    <label for="f-contactPhone">联系电话</label
    ><input id="f-contactPhone" name="contactPhone" value="${values['联系电话'] ?? ''}" />
    ${blanksOf(template).map(
      (name, i) =>
        html`<label for="f-blank-${i}"
            >${name}${state.errors[name] ? html`<span class="field-error">${state.errors[name]}</span>` : ''}</label
          ><textarea id="f-blank-${i}" name="v.${name}">${values[name] ?? ''}</textarea>`,
    )}
    <button type="submit">提交审核</button>
  </form>`;
}

function workSection(v: CaseView, csrf: string): Html {
  const id = v.row.id;
  const s = v.snapshot;
  const handlers = v.staff.filter((p) => (JSON.parse(p.roles) as string[]).includes('handler'));
  const openKinds = s.pauses.flatMap((p) => (p.endedOn === null && p.kind !== 'fee' ? [p.kind] : []));
  return html`<section aria-labelledby="h-work">
    <h2 id="h-work">办理</h2>
    <form class="stacked" method="post" action="/staff/cases/${id}/assign">
      ${csrfField(csrf)}
      <label for="f-assigneeId">承办人</label>
      <select id="f-assigneeId" name="assigneeId">
        ${handlers.map((p) => html`<option value="${p.id}" ${p.id === v.row.assignee_id ? 'selected' : ''}>${p.display_name}</option>`)}
      </select>
      <button type="submit">指派</button>
    </form>
    <form class="stacked" method="post" action="/staff/cases/${id}/notes">
      ${csrfField(csrf)}
      <fieldset>
        <legend>记录</legend>
        <label><input type="radio" name="kind" value="note" checked /> 内部备注（仅工作人员可见）</label>
        <label><input type="radio" name="kind" value="message" /> 发给申请人的消息（申请人查询页可见）</label>
      </fieldset>
      <label for="f-body">内容</label><textarea id="f-body" name="body"></textarea>
      <button type="submit">保存</button>
    </form>
    ${actionForm(
      id,
      csrf,
      'correctionRequested',
      '告知补正（第三十条）',
      html`${dateInput('date', '告知日期', v.today)} ${dateInput('correctBy', '补正期限')}
        <label for="f-items">补正事项</label><textarea id="f-items" name="items"></textarea>`,
    )}
    ${
      s.status === 'awaitingCorrection'
        ? actionForm(id, csrf, 'corrected', '登记收到补正', dateInput('date', '收到补正日期', v.today))
        : ''
    }
    ${
      v.can.sign
        ? actionForm(
            id,
            csrf,
            'extended',
            '延长答复期限（机构负责人同意）',
            html`${dateInput('date', '批准日期', v.today)} <label for="f-days">延长工作日数（不超过20）</label
              ><input id="f-days" name="days" value="20" />
              ${dateInput('noticeDate', '告知申请人日期', v.today)}
              <label for="f-reason">延期理由</label><textarea id="f-reason" name="reason"></textarea>`,
          )
        : ''
    }
    ${actionForm(
      id,
      csrf,
      'consultationStarted',
      '征求意见（暂停计时）',
      html`${dateInput('date', '发出日期', v.today)} ${dateInput('deliveredOn', '送达日期（可不填）')}
        <label for="f-kind">对象</label
        ><select id="f-kind" name="kind">
          <option value="thirdParty">${CONSULTATION_LABELS.thirdParty}</option>
          <option value="interAgency">${CONSULTATION_LABELS.interAgency}</option>
        </select>
        <label for="f-party">被征求意见方</label><input id="f-party" name="party" />`,
    )}
    ${openKinds.map((k) =>
      actionForm(
        id,
        csrf,
        'consultationEnded',
        `${CONSULTATION_LABELS[k]}：收到意见（恢复计时）`,
        html`${dateInput('date', '收到意见日期', v.today)}<input type="hidden" name="kind" value="${k}" />`,
      ),
    )}
    ${actionForm(
      id,
      csrf,
      'feeNoticeSent',
      '发出收费通知（暂停计时）',
      html`${dateInput('date', '通知日期', v.today)} ${dateInput('deliveredOn', '送达日期（可不填）')}
        <label for="f-method">计费方式</label
        ><select id="f-method" name="method">
          <option value="byPages">按量计收（页数）</option>
          <option value="byItems">按件计收（本申请人本月件数）</option>
        </select>
        <label for="f-pages">页数（按量）</label><input id="f-pages" name="pages" />
        <label for="f-items2">件数（按件）</label><input id="f-items2" name="items" value="1" />`,
    )}
    ${
      s.pauses.some((p) => p.kind === 'fee' && p.endedOn === null)
        ? actionForm(id, csrf, 'feePaid', '登记缴费（恢复计时）', dateInput('date', '缴费日期', v.today))
        : ''
    }
    ${actionForm(
      id,
      csrf,
      'abandoned',
      '视为放弃申请',
      html`${dateInput('date', '日期', v.today)}
        <select name="reason" aria-label="原因">
          <option value="noCorrection">逾期未补正（第三十条）</option>
          <option value="feeUnpaid">逾期未缴费（109号）</option>
        </select>`,
    )}
    ${actionForm(id, csrf, 'withdrawn', '申请人撤回申请', dateInput('date', '撤回日期', v.today))}
    <form class="stacked" method="post" action="/staff/cases/${id}/files" enctype="multipart/form-data">
      ${csrfField(csrf)}
      <label for="f-purpose">上传文件</label>
      <select id="f-purpose" name="purpose">
        <option value="released">提供给申请人的政府信息</option>
        <option value="internal">内部材料</option>
      </select>
      <input type="file" name="files" multiple aria-label="选择文件" />
      <button type="submit">上传</button>
    </form>
  </section>`;
}

function appealSection(v: CaseView, csrf: string): Html {
  const id = v.row.id;
  const s = v.snapshot;
  if (s.status !== 'answered' && s.appeals.length === 0) return html``;
  return html`<section aria-labelledby="h-appeal">
    <h2 id="h-appeal">行政复议和行政诉讼（计入表四）</h2>
    <ul>
      ${s.appeals.map(
        (ap) =>
          html`<li>
            ${ap.id}
            ${T4_GROUP_LABELS[ap.kind]}，${ap.filedOn}立案：${ap.result ? `${APPEAL_RESULT_LABELS[ap.result]}（${ap.decidedOn}）` : APPEAL_RESULT_LABELS.pending}
            ${
              ap.result === null
                ? actionForm(
                    id,
                    csrf,
                    'appealDecided',
                    '登记结果',
                    html`<input
                        type="hidden"
                        name="appealId"
                        value="${ap.id}"
                      />${dateInput('date', '结果日期', v.today)}
                      <select name="result" aria-label="结果">
                        <option value="upheld">维持</option>
                        <option value="corrected">纠正</option>
                        <option value="other">其他</option>
                      </select>`,
                  )
                : ''
            }
          </li>`,
      )}
    </ul>
    ${actionForm(
      id,
      csrf,
      'appealFiled',
      '登记复议或诉讼',
      html`${dateInput('date', '立案日期', v.today)}
        <select name="kind" aria-label="类别">
          <option value="review">行政复议</option>
          <option value="suitDirect">行政诉讼（未经复议直接起诉）</option>
          <option value="suitAfterReview">行政诉讼（复议后起诉）</option>
        </select>
        <label for="f-ref">案号</label><input id="f-ref" name="reference" />`,
    )}
  </section>`;
}
