import { html, raw } from 'hono/html';
import { emptyReport } from '../../../core/report/empty-report.ts';
import type { Report2021 } from '../../../core/report/report-schema.ts';
import type { StaffCaseTables } from '../../../use-cases/cases/staff-case-tables.ts';
import { reportTables, type ReportTable, type TableCell } from '../../../writers/report-tables.ts';
import type { Html } from '../layout.ts';

const query = (year: number, scope: string) => `year=${year}&scope=${scope}`;

/**
 * A cell in the national layout (the writers' table model, 国办公开办函〔2021〕30号): a table-3 count other than zero
 * links to the cases it counts; table 4 counts appeals, not cases, and has no drill-down.
 */
function cellHtml(cell: TableCell, v: StaffCaseTables): Html {
  // Spans are integers from the layout model, never input.
  const spans = raw(
    `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`,
  );
  if (cell.kind !== 'value')
    return cell.kind === 'note'
      ? html`<td${spans} class="muted">${cell.text}</td>`
      : html`<th scope="${cell.scope}" ${spans}>${cell.text}</th>`;
  const n = typeof cell.value === 'number' ? cell.value : 0;
  const path = cell.path ?? '';
  if (!path.startsWith('t3.') || n === 0) return html`<td class="num">${cell.text}</td>`;
  const href = `/staff/cases?${query(v.year, v.scope)}&cell=${path}`;
  return html`<td class="num"><a href="${href}" data-cell="${path}">${cell.text}</a></td>`;
}

function tableHtml(t: ReportTable, v: StaffCaseTables): Html {
  return html`<div class="table-scroll">
    <table class="report-table" id="${t.key}">
      <caption>
        ${t.caption}
      </caption>
      ${t.rowGroups.map((g) => {
        const rows = g.rows.map(
          (r) =>
            html`<tr>
              ${r.cells.map((c) => cellHtml(c, v))}
            </tr>`,
        );
        return g.head
          ? html`<thead>
              ${rows}
            </thead>`
          : html`<tbody>
              ${rows}
            </tbody>`;
      })}
    </table>
  </div>`;
}

export function caseTablesPage(v: StaffCaseTables): Html {
  const report = emptyReport('2021') as Report2021;
  report.year = v.year;
  report.t3 = v.t3;
  report.t4 = v.t4;
  const [, t3, t4] = reportTables(report);
  const carried = v.t3.carriedOver.total ?? 0;
  const scopeLink = (scope: 'agency' | 'subtree', label: string) =>
    v.scope === scope
      ? html`<strong>${label}</strong>`
      : html`<a href="/staff/cases/tables?${query(v.year, scope)}">${label}</a>`;
  const whose = `${v.agencyName}${v.scope === 'subtree' ? `及下级机关（共${v.agencies}个）` : ''}`;
  const intro = `${whose}${v.year}年，按办理记录计算（与年度报告取数相同）。点击非零数字查看所计的申请。`;
  return html`<h1>依申请公开年度统计：表三、表四</h1>
    <p>
      <a href="/staff/cases">返回申请列表</a> ·
      <a href="/staff/cases/tables?${query(v.year - 1, v.scope)}">${v.year - 1}年</a> · <strong>${v.year}年</strong> ·
      <a href="/staff/cases/tables?${query(v.year + 1, v.scope)}">${v.year + 1}年</a>
      ${v.mayReadSubtree ? html` · 范围：${scopeLink('subtree', '本机关及下级机关')} / ${scopeLink('agency', '本机关')}` : ''}
    </p>
    <p>${intro}</p>
    <ul>
      <li>
        二、上年结转 ${carried} 件，等于${v.year - 1}年表三“四、结转下年度”${v.previousCarryForward}
        件${carried === v.previousCarryForward ? '' : html` <strong class="field-error">（不一致）</strong>`}。
      </li>
      <li>四、结转下年度 ${v.t3.carryForward.total ?? 0} 件，计入${v.year + 1}年的“二、上年结转”。</li>
      <li>本年收取信息处理费 ${v.fees.yuan} 元（${v.fees.applications} 件申请）。</li>
    </ul>
    ${t3 ? tableHtml(t3, v) : ''} ${t4 ? tableHtml(t4, v) : ''}`;
}
