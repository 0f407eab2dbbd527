import { html, raw } from 'hono/html';
import { findColumn, type Catalogue } from '../../../core/publication/catalogue.ts';
import type { TextFinding } from '../../../core/publication/text-finding.ts';
import { timelinessLabels, type Timeliness } from '../../../core/publication/timeliness.ts';
import { isValidityStatus, validityLabels } from '../../../core/publication/validity.ts';
import type { Html } from '../layout.ts';

export function columnName(catalogue: Catalogue, code: string): string {
  return findColumn(catalogue, code)?.node.name ?? code;
}

export function validityLabel(status: string): string {
  return isValidityStatus(status) ? validityLabels[status] : status;
}

export function timelinessText(t: Timeliness): string {
  const base = timelinessLabels[t.status];
  if (t.status === 'late' || t.status === 'overdue') return `${base}（超期${t.workingDaysLate ?? 0}个工作日）`;
  if (t.status === 'pending') return `${base}（剩余${t.workingDaysLeft ?? 0}个工作日）`;
  if (t.status === 'unknown') return `${base}${t.message ? `：${t.message}` : ''}`;
  return base;
}

/** Pagination links (plain links, no script); `href(page)` builds each URL. */
export function pager(page: number, pageCount: number, href: (p: number) => string): Html {
  if (pageCount <= 1) return html``;
  const pages: number[] = [];
  for (let p = Math.max(1, page - 4); p <= Math.min(pageCount, page + 4); p++) pages.push(p);
  return html`<nav class="pager" aria-label="分页">
    ${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">上一页</a>` : ''}
    ${pages.map((p) =>
      p === page ? html`<span aria-current="page">第${p}页</span>` : html`<a href="${href(p)}">第${p}页</a>`,
    )}
    ${page < pageCount ? html`<a href="${href(page + 1)}" rel="next">下一页</a>` : ''}
    <span class="muted">共${pageCount}页</span>
  </nav>`;
}

/**
 * The checked text with every finding marked where it occurs (<mark>), each followed by its message: findings
 * inline, as the issue asks, on the text that is checked (escaped — no HTML of the body is interpreted here).
 */
export function markedText(text: string, findings: readonly TextFinding[]): Html {
  const sorted = [...findings].sort((a, b) => a.offset - b.offset);
  const parts: Html[] = [];
  let at = 0;
  let n = 0;
  for (const f of sorted) {
    if (f.offset < at) continue;
    n++;
    parts.push(html`${text.slice(at, f.offset)}`);
    parts.push(
      html`<mark class="finding ${f.level}" id="finding-${n}"
          >${text.slice(f.offset, f.offset + Math.max(f.length, 1))}</mark
        ><span class="finding-note ${f.level}"
          >【${f.level === 'error' ? '错误' : '提示'}：${f.message}${f.suggestion ? `，建议改为“${f.suggestion}”` : ''}】</span
        >`,
    );
    at = f.offset + f.length;
  }
  parts.push(html`${text.slice(at)}`);
  return html`<div class="checked-text">${parts}</div>`;
}

export function findingList(title: string, findings: readonly TextFinding[]): Html {
  if (findings.length === 0) return html``;
  return html`<h3>${title}</h3>
    <ul class="findings">
      ${findings.map(
        (f) =>
          html`<li class="${f.level}">
            <strong>${f.level === 'error' ? '错误' : '提示'}</strong>：${f.message}${
              f.suggestion ? html`（建议：${f.suggestion}）` : ''
            }
          </li>`,
      )}
    </ul>`;
}

export const checkedAttr = raw(' checked');
