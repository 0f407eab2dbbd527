import { html } from 'hono/html';
import { formatColumnPath, openColumns, type Catalogue } from '../../../core/publication/catalogue.ts';
import {
  describeDisclosureAttribute,
  type DisclosureAttribute,
} from '../../../core/publication/disclosure-attribute.ts';
import type { PublicationDocumentRow } from '../../../db/repositories/publication/publication-tables.ts';
import { groundOptions } from '../../../use-cases/publication/register-document.ts';
import { csrfField, errorSummary, selectField, textArea, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';

function attributeText(json: string): string {
  try {
    return describeDisclosureAttribute(JSON.parse(json) as DisclosureAttribute);
  } catch {
    return json;
  }
}

/** 信息公开属性源头认定: the register and the form that decides a document's 公开属性 when it is drafted. */
export function documentsPage(
  rows: PublicationDocumentRow[],
  catalogue: Catalogue,
  state: FormState,
  csrf: string,
): Html {
  return html`<h1>公开属性认定</h1>
    <p>
      公文起草时即确定公开属性：主动公开、依申请公开，或不予公开（须写明依据和理由，条例第十四条至第十六条）。认定为主动公开的文件直接进入发布队列，自成文日期起计算20个工作日的公开时限（条例第二十六条）。
    </p>
    ${errorSummary(state)}
    <form class="stacked" method="post" action="/staff/publication/documents" novalidate>
      ${csrfField(csrf)} ${textField(state, 'title', '文件标题', { required: true })}
      ${textField(state, 'docNumber', '文号')}
      ${textField(state, 'writtenOn', '成文日期', { required: true, hint: 'YYYY-MM-DD' })}
      ${selectField(
        state,
        'kind',
        '公开属性',
        [
          { value: 'proactive', label: '主动公开' },
          { value: 'on_request', label: '依申请公开' },
          { value: 'withheld', label: '不予公开' },
        ],
        { required: true },
      )}
      ${selectField(
        state,
        'catalogue',
        '主动公开栏目',
        openColumns(catalogue).map((c) => ({ value: c.node.code, label: formatColumnPath(c.path) })),
      )}
      ${selectField(state, 'ground', '不予公开的依据', groundOptions)}
      ${textArea(state, 'reason', '理由或说明', { hint: '不予公开时必填，至少10个字' })}
      <button type="submit">登记</button>
    </form>
    <h2>已登记的文件</h2>
    ${
      rows.length === 0
        ? html`<p class="muted">暂无。</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">文号</th>
                <th scope="col">成文日期</th>
                <th scope="col">公开属性</th>
                <th scope="col">发布队列</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${r.title}</td>
                    <td>${r.doc_number || '—'}</td>
                    <td>${r.written_on}</td>
                    <td>${attributeText(r.attribute)}</td>
                    <td>${r.item_id ? html`<a href="/staff/publication/items/${r.item_id}">查看</a>` : '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
