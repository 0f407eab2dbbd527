import { html } from 'hono/html';
import type { PublicSubmissionRow } from '../../../db/schema.ts';
import type { SubmissionLookup } from '../../../use-cases/publication/submission-ledger.ts';
import { submissionStatusLabels } from '../../../use-cases/publication/submission-ledger.ts';
import { feedbackKinds } from '../../../use-cases/platform/submit-public-feedback.ts';
import { csrfField, errorSummary, textArea, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';

const kindLabel = (k: string) => (k in feedbackKinds ? feedbackKinds[k as keyof typeof feedbackKinds] : k);
const statusLabel = (s: string) => submissionStatusLabels[s] ?? s;

export function submissionReplyPage(
  d: {
    submission: PublicSubmissionRow & { reply: string | null; replied_at: string | null };
    reference: string;
    dueOn: string;
    mayReply: boolean;
  },
  state: FormState,
  csrf: string,
): Html {
  const s = d.submission;
  return html`<h1>留言与纠错 ${d.reference}</h1>
    ${state.message === '已答复' ? html`<div class="notice ok" role="status">已答复。</div>` : errorSummary(state)}
    <dl class="guide">
      <dt>类型</dt>
      <dd>${kindLabel(s.kind)}</dd>
      <dt>收到时间</dt>
      <dd>${s.created_at.slice(0, 16).replace('T', ' ')}</dd>
      <dt>答复期限</dt>
      <dd>${d.dueOn || '—'}</dd>
      <dt>状态</dt>
      <dd>${statusLabel(s.status)}</dd>
      <dt>相关页面</dt>
      <dd>${s.page_url || '—'}</dd>
      <dt>内容</dt>
      <dd class="pre">${s.content}</dd>
      <dt>称呼与联系方式</dt>
      <dd>${[s.contact_name, s.contact].filter(Boolean).join('，') || '—'}</dd>
      <dt>答复</dt>
      <dd class="pre">${s.reply ?? '尚未答复'}</dd>
    </dl>
    ${
      d.mayReply
        ? html`<form class="stacked" method="post" action="/staff/publication/submissions/${s.id}">
            ${csrfField(csrf)}
            ${textArea(state, 'reply', '答复内容', { required: true, hint: '答复将向持有受理编号的公众公开，请勿写入个人信息' })}
            <fieldset>
              <legend>办理状态</legend>
              <label><input type="radio" name="status" value="answered" checked /> 已答复</label>
              <label><input type="radio" name="status" value="closed" /> 已办结</label>
            </fieldset>
            <button type="submit">提交答复</button>
          </form>`
        : ''
    }`;
}

export function submissionLookupPage(reference: string, result: SubmissionLookup | null | undefined): Html {
  return html`<h1>留言与纠错办理情况查询</h1>
    <form class="stacked" method="get" action="/feedback/lookup">
      <label for="f-ref">受理编号<span class="hint">提交留言时获得，如 LY20261120-1A2B3C4D</span></label>
      <input id="f-ref" name="ref" value="${reference}" maxlength="40" autocomplete="off" />
      <button type="submit">查询</button>
    </form>
    ${
      result === undefined
        ? ''
        : result === null
          ? html`<div class="notice error" role="alert">未找到该受理编号，请核对后重试。</div>`
          : html`<dl class="guide" aria-live="polite">
              <dt>受理编号</dt>
              <dd class="mono">${result.reference}</dd>
              <dt>类型</dt>
              <dd>${kindLabel(result.kind)}</dd>
              <dt>收到日期</dt>
              <dd>${result.receivedOn}</dd>
              <dt>答复期限</dt>
              <dd>${result.dueOn || '—'}</dd>
              <dt>办理状态</dt>
              <dd>${statusLabel(result.status)}</dd>
              <dt>答复</dt>
              <dd class="pre">${result.reply ? html`${result.reply}（${result.repliedOn}）` : '尚未答复'}</dd>
            </dl>`
    }`;
}
