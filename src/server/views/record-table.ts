import { html } from 'hono/html';
import type { Html } from './layout.ts';

/**
 * Records as a table — a caption, column headings, one row each (its first cell a row header) — or a sentence
 * when there is none. The lists behind a figure (a report's table cell, a dashboard number) share it.
 */
export function recordTable<T>(
  rows: readonly T[],
  o: { empty: string; caption: string; headings: readonly string[]; row: (r: T) => Html },
): Html {
  if (rows.length === 0) return html`<p>${o.empty}</p>`;
  return html`<div class="table-scroll">
    <table>
      <caption class="muted">
        ${o.caption}
      </caption>
      <thead>
        <tr>
          ${o.headings.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(o.row)}
      </tbody>
    </table>
  </div>`;
}
