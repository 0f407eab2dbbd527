import { html } from 'hono/html';
import { NOTICE_KIND_LABELS } from '../../../core/notices/notice-kind.ts';
import { placeholdersFor } from '../../../core/notices/notice-placeholders.ts';
import type { TemplateEditorData } from '../../../use-cases/notice-templates/edit-notice-template.ts';
import type { AgencyNoticeTemplate } from '../../../use-cases/notice-templates/notice-templates-for.ts';
import { csrfField, errorSummary, textArea, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { beijingTime } from '../platform/staff-pages.ts';

export function noticeTemplateListPage(rows: AgencyNoticeTemplate[], flash?: string): Html {
  return html`<h1>文书模板</h1>
    ${flash ? html`<div class="notice ok" role="status">${flash}</div>` : ''}
    <p>
      本机关依申请公开的告知书、回执和通知按下列模板生成。修改后的模板仅用于本机关；未修改的使用系统默认模板。保存前系统核对占位符，
      答复告知书须保留申请人申请行政复议和提起行政诉讼的权利（条例第三十六条）。
    </p>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">模板</th>
            <th scope="col">类别</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (t) =>
              html`<tr>
                <td><a href="/staff/notice-templates/${t.id}">${t.name}</a></td>
                <td>${NOTICE_KIND_LABELS[t.kind]}</td>
                <td>${t.revision === null ? '默认' : `本机关修改（第${t.revision}版）`}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function noticeTemplateEditorPage(d: TemplateEditorData, state: FormState, csrf: string): Html {
  const t = d.template;
  const action = `/staff/notice-templates/${t.id}`;
  return html`<h1>${t.name}</h1>
    ${state.message === '已保存' ? html`<div class="notice ok" role="status">已保存。</div>` : errorSummary(state)}
    <p>${t.revision === null ? '现用系统默认模板。' : `现用本机关修改的第${t.revision}版。`}</p>
    <form class="stacked" method="post" action="${action}">
      ${csrfField(csrf)}
      <input type="hidden" name="revision" value="${String(state.values['revision'] ?? d.latestRevision)}" />
      ${textField(state, 'title', '标题', { required: true })} ${textField(state, 'addressee', '称谓')}
      ${textArea(state, 'body', '正文（每行一段）', { required: true })}
      ${textArea(state, 'attachments', '附件（每行一个）')}
      <button type="submit" formaction="${action}/preview">检查并预览（PDF）</button>
      ${d.canEdit ? html`<button type="submit">保存</button>` : ''}
    </form>
    ${
      d.canEdit && t.revision !== null
        ? html`<form method="post" action="${action}/revert">
            ${csrfField(csrf)}<input type="hidden" name="revision" value="${d.latestRevision}" />
            <button type="submit" class="secondary">恢复为系统默认模板</button>
          </form>`
        : ''
    }
    ${d.canEdit ? '' : html`<p class="muted">模板由本机关审核人或负责人修改。</p>`}
    <h2>可用的占位符</h2>
    <p class="muted">写作 {{名称}}，生成文书时替换为本案的内容。</p>
    <dl>
      ${placeholdersFor(t.kind).map(
        (p) =>
          html`<dt class="mono">{{${p.name}}}</dt>
            <dd>${p.description}</dd>`,
      )}
    </dl>
    <h2>修改历史</h2>
    ${
      d.history.length === 0
        ? html`<p class="muted">尚未修改。</p>`
        : html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">版本</th>
                  <th scope="col">内容</th>
                  <th scope="col">修改人</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody>
                ${d.history.map(
                  (h) =>
                    html`<tr>
                      <td>${h.revision}</td>
                      <td>${h.reverted === 1 ? '恢复为默认模板' : h.title}</td>
                      <td>${h.created_by_name ?? ''}</td>
                      <td>${beijingTime(h.created_at)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}
