import { html, raw } from 'hono/html';
import type { Finding } from '../../../core/check/finding.ts';
import { SECTION_NUMBERS, SECTION_TITLES, T3_COLUMN_LABELS, T3_COLUMNS, T3_ROWS } from '../../../core/report/layout.ts';
import type { Report } from '../../../core/report/report-schema.ts';
import type { ReportListRow } from '../../../db/repositories/reports/report-repository.ts';
import type { AgencyRow, BusinessCountRow } from '../../../db/schema.ts';
import { SHEET_COLUMNS } from '../../../use-cases/reports/business-count-sheet.ts';
import { STATE_LABELS, type ReportState } from '../../../use-cases/reports/report-transition.ts';
import type { TableTwoItems } from '../../../use-cases/reports/table-two-items.ts';
import type { ReportView } from '../../../use-cases/reports/view-report.ts';
import { validityLabels, type ValidityStatus } from '../../../core/publication/validity.ts';
import { renderReportHtml } from '../../../writers/render-html.ts';
import { csrfField, errorSummary, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { recordTable } from '../record-table.ts';

export const stateLabel = (s: string) => STATE_LABELS[s as ReportState] ?? s;

const levelLabel: Record<string, string> = { error: '错误', warning: '提示', info: '说明' };

export interface ReportListOptions {
  year: number;
  editableAgencies: AgencyRow[];
  reminders: { message: string; created_at: string }[];
  flash?: string;
  csrf: string;
  state: FormState;
}

export function reportListPage(rows: ReportListRow[], o: ReportListOptions): Html {
  return html`<h1>政府信息公开工作年度报告</h1>
    ${o.flash ? html`<div class="notice ok" role="status">${o.flash}</div>` : ''} ${errorSummary(o.state)}
    ${
      o.reminders.length > 0
        ? html`<section aria-labelledby="h-rem">
            <h2 id="h-rem">期限提醒</h2>
            <ul>
              ${o.reminders.map((r) => html`<li>${r.message}<span class="muted">（${r.created_at.slice(0, 10)}）</span></li>`)}
            </ul>
          </section>`
        : ''
    }
    ${
      o.editableAgencies.length > 0
        ? html`<section aria-labelledby="h-draft">
            <h2 id="h-draft">起草年度报告</h2>
            <p>系统根据办件记录、主动公开记录和业务数据自动起草全文，正文可修改，表格数据来自记录。</p>
            <form class="stacked" method="post" action="/staff/reports/draft">
              ${csrfField(o.csrf)}
              <label for="f-agencyId">机关</label>
              <select id="f-agencyId" name="agencyId">
                ${o.editableAgencies.map((a) => html`<option value="${a.id}">${a.name}</option>`)}
              </select>
              <label for="f-year">年度</label>
              <input id="f-year" name="year" type="number" min="2021" max="2100" value="${o.year}" required />
              <button type="submit">起草</button>
            </form>
            <p>
              ${o.editableAgencies.map(
                (a) =>
                  html`<a href="/staff/reports/business?agency=${a.id}&amp;year=${o.year}"
                    >录入${a.name}业务数据（表二）</a
                  > `,
              )}
            </p>
          </section>`
        : ''
    }
    <section aria-labelledby="h-list">
      <h2 id="h-list">报告列表</h2>
      ${
        rows.length === 0
          ? html`<p>暂无年度报告。</p>`
          : html`<div class="table-scroll">
              <table>
                <caption class="muted">
                  共${rows.length}份
                </caption>
                <thead>
                  <tr>
                    <th scope="col">年度</th>
                    <th scope="col">机关</th>
                    <th scope="col">状态</th>
                    <th scope="col">错误</th>
                    <th scope="col">提示</th>
                    <th scope="col">发布期限</th>
                    <th scope="col">来源</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (r) =>
                      html`<tr>
                        <td>${r.year}</td>
                        <th scope="row"><a href="/staff/reports/${r.id}">${r.agency_name}</a></th>
                        <td>${stateLabel(r.state)}${r.late ? html` <strong>（逾期发布）</strong>` : ''}</td>
                        <td>${r.error_count}</td>
                        <td>${r.warning_count}</td>
                        <td>${r.deadline}</td>
                        <td>${r.origin === 'imported' ? '导入' : '系统起草'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
}

export interface ReportPageOptions {
  csrf: string;
  canEdit: boolean;
  canSubmit: boolean;
  canReview: boolean;
  canPublish: boolean;
  state: FormState;
  flash?: string;
  notes: string[];
}

function findingList(v: ReportView, o: ReportPageOptions): Html {
  if (v.findings.length === 0) return html`<p class="notice ok">核对通过：没有发现问题。</p>`;
  const editable = o.canEdit && (v.row.state === 'draft' || v.row.state === 'returned');
  return html`<ol class="findings">
    ${v.findings.map(
      (f) =>
        html`<li>
          <strong>${levelLabel[f.level] ?? f.level}</strong>（${f.code}）${f.message}
          ${f.level === 'warning' && f.reason ? html`<br /><span class="muted">已说明理由：${f.reason}</span>` : ''}
          ${
            f.level === 'warning' && editable
              ? html`<form method="post" action="/staff/reports/${v.row.id}/acknowledge">
                  ${csrfField(o.csrf)}<input type="hidden" name="findingKey" value="${f.key}" />
                  <label for="ack-${f.key}">${f.reason ? '修改理由' : '确认此提示并说明理由'}</label>
                  <input id="ack-${f.key}" name="reason" maxlength="1000" required />
                  <button type="submit">确认</button>
                </form>`
              : ''
          }
        </li>`,
    )}
  </ol>`;
}

/** A report table in a <details>, each count a link to the records it counts (a blank cell stays blank). */
function countLinkTable(o: {
  summary: string;
  caption: string;
  corner: string;
  columns: readonly string[];
  rows: readonly { label: string; cells: readonly { value: number | null | undefined; href: string }[] }[];
}): Html {
  return html`<details>
    <summary>${o.summary}</summary>
    <div class="table-scroll">
      <table>
        <caption>
          ${o.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${o.corner}</th>
            ${o.columns.map((c) => html`<th scope="col">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${o.rows.map(
            (r) =>
              html`<tr>
                <th scope="row">${r.label}</th>
                ${r.cells.map(
                  (c) =>
                    html`<td>
                      ${c.value === null || c.value === undefined ? '' : html`<a href="${c.href}">${c.value}</a>`}
                    </td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

/** Table 3 with each count linking to the cases it counts (the case list's `cell` filter). */
export function drillDownTable(report: Report): Html {
  if (report.format !== '2021' || report.year === null) return html``;
  const year = report.year;
  const t3 = report.t3 as Record<string, Record<string, number | null>>;
  return countLinkTable({
    summary: '表三数据的来源：点击数字查看对应办件',
    caption: '表三 依申请公开情况（链接到所计的办件）',
    corner: '项目',
    columns: T3_COLUMNS.map((c) => T3_COLUMN_LABELS[c]),
    rows: T3_ROWS['2021'].map((r) => ({
      label: r.label,
      cells: T3_COLUMNS.map((c) => ({
        value: t3[r.key]?.[c],
        href: `/staff/cases?year=${year}&cell=t3.${r.key}.${c}`,
      })),
    })),
  });
}

/** Table 2's 规章/行政规范性文件 rows of a drafted report, each count linking to the items it counts. */
export function tableTwoDrillDown(v: ReportView): Html {
  if (v.row.origin !== 'drafted' || v.report.format !== '2021') return html``;
  const t2 = v.report.t2;
  const fields = [
    ['issued', '本年制发件数'],
    ['repealed', '本年废止件数'],
    ['inForce', '现行有效件数'],
  ] as const;
  const row = (key: 'regulations' | 'normativeDocs', label: string) => ({
    label,
    cells: fields.map(([f]) => ({ value: t2[key][f], href: `/staff/reports/${v.row.id}/table2?cell=${key}.${f}` })),
  });
  return countLinkTable({
    summary: '表二数据的来源：点击数字查看对应的主动公开信息',
    caption: '表二 第二十条第（一）项（链接到所计的信息）',
    corner: '信息内容',
    columns: fields.map(([, label]) => label),
    rows: [row('regulations', '规章'), row('normativeDocs', '行政规范性文件')],
  });
}

/** The 规章/行政规范性文件 a table-2 cell counts, each linking to its public page. */
export function tableTwoItemsPage(x: TableTwoItems): Html {
  const differs = x.reported !== null && x.reported !== x.items.length;
  return html`<h1>${x.agency.name}${x.row.year}年度报告 表二：${x.label}</h1>
    <p><a href="/staff/reports/${x.row.id}">返回年度报告</a></p>
    <p>
      报告中为<strong>${x.reported ?? '空'}</strong>件；按当前主动公开记录计<strong>${x.items.length}</strong>件。${
        differs ? '记录在起草后有变化，可在报告页“按最新记录刷新表格”。' : ''
      }
    </p>
    ${recordTable(x.items, {
      empty: '没有对应的信息。',
      caption: `共${x.items.length}件`,
      headings: ['标题', '文号', '成文日期', '有效性'],
      row: (i) =>
        html`<tr>
          <th scope="row"><a href="/items/${i.id}">${i.title}</a></th>
          <td>${i.docNumber}</td>
          <td>${i.issuedOn}</td>
          <td>${validityLabels[i.validity as ValidityStatus] ?? i.validity}</td>
        </tr>`,
    })}`;
}

export function reportPage(v: ReportView, o: ReportPageOptions): Html {
  const r = v.row;
  const editable = o.canEdit && (r.state === 'draft' || r.state === 'returned');
  const version = html`<input type="hidden" name="version" value="${r.version}" />`;
  return html`<h1>${v.agency.name}${r.year}年政府信息公开工作年度报告</h1>
    ${o.flash ? html`<div class="notice ok" role="status">${o.flash}</div>` : ''} ${errorSummary(o.state)}
    <p>
      状态：<strong>${stateLabel(r.state)}</strong>${r.late ? '（逾期发布）' : ''}；发布期限：${r.deadline}；来源：${
        r.origin === 'imported' ? `导入（${r.source_name ?? ''}）` : '系统起草'
      }；版本
      ${r.version}。
    </p>
    <p>
      下载：<a href="/staff/reports/${r.id}/download/html">网页</a> ·
      <a href="/staff/reports/${r.id}/download/docx">Word</a> · <a href="/staff/reports/${r.id}/download/pdf">PDF</a> ·
      <a href="/staff/reports/${r.id}/download/xlsx">Excel</a> ·
      <a href="/staff/reports/${r.id}/download/json">JSON</a> · 审核意见
      <a href="/staff/reports/${r.id}/memo/docx">Word</a> / <a href="/staff/reports/${r.id}/memo/pdf">PDF</a>
    </p>
    ${
      o.notes.length > 0
        ? html`<div class="notice" role="note">
            <ul>
              ${o.notes.map((n) => html`<li>${n}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <section aria-labelledby="h-findings">
      <h2 id="h-findings">核对结果（错误${r.error_count}处，提示${r.warning_count}条）</h2>
      <p class="muted">每次保存都会重新核对。有错误时不能报送和发布；每条提示须说明理由。</p>
      ${findingList(v, o)}
    </section>
    <section aria-labelledby="h-actions">
      <h2 id="h-actions">办理</h2>
      ${
        editable && o.canSubmit
          ? html`<form method="post" action="/staff/reports/${r.id}/submit">
              ${csrfField(o.csrf)}${version}<button type="submit">报送上级审核</button>
            </form>`
          : ''
      }
      ${
        editable
          ? html`<form method="post" action="/staff/reports/draft">
              ${csrfField(o.csrf)}<input type="hidden" name="agencyId" value="${r.agency_id}" /><input
                type="hidden"
                name="year"
                value="${r.year}"
              /><button type="submit" class="secondary">按最新记录刷新表格</button>
            </form>`
          : ''
      }
      ${
        o.canReview && r.state === 'submitted'
          ? html`<form class="stacked" method="post" action="/staff/reports/${r.id}/review">
              ${csrfField(o.csrf)}${version}
              <label for="f-comment">审核意见（退回时必填）</label>
              <textarea id="f-comment" name="comment" maxlength="5000"></textarea>
              <button type="submit" name="verdict" value="returned">退回修改</button>
              <button type="submit" name="verdict" value="cleared">审核通过</button>
            </form>`
          : ''
      }
      ${
        o.canPublish && r.state === 'cleared'
          ? html`<form method="post" action="/staff/reports/${r.id}/publish">
              ${csrfField(o.csrf)}${version}<button type="submit">在年报栏目发布</button>
            </form>`
          : ''
      }
      ${r.state === 'published' ? html`<p><a href="/reports/${r.id}">在门户查看</a></p>` : ''}
    </section>
    ${
      v.comments.length > 0
        ? html`<section aria-labelledby="h-comments">
            <h2 id="h-comments">办理记录和审核意见</h2>
            <ul>
              ${v.comments.map((c) => html`<li>${c.created_at.slice(0, 16).replace('T', ' ')} ${c.author_label}：${c.body}</li>`)}
            </ul>
          </section>`
        : ''
    }
    ${
      editable
        ? html`<section aria-labelledby="h-text">
            <h2 id="h-text">正文（可修改）</h2>
            <form class="stacked" method="post" action="/staff/reports/${r.id}/text">
              ${csrfField(o.csrf)}${version}
              ${SECTION_NUMBERS.map(
                (n) =>
                  html`<label for="f-s${n}">${SECTION_TITLES[n]}</label>
                    <textarea id="f-s${n}" name="s${n}" rows="8">
${String(o.state.values[`s${n}`] ?? v.report.sections[n])}</textarea>`,
              )}
              <button type="submit">保存并核对</button>
            </form>
          </section>`
        : ''
    }
    ${tableTwoDrillDown(v)} ${drillDownTable(v.report)}
    <section aria-labelledby="h-preview">
      <h2 id="h-preview">全文预览（官方版式）</h2>
      ${raw(renderReportHtml(v.report, { standalone: false }))}
    </section>`;
}

export function businessCountsPage(
  agency: AgencyRow,
  year: number,
  rows: BusinessCountRow[],
  o: { csrf: string; state: FormState; flash?: string },
): Html {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const value = (m: number, k: string, stored: (r: BusinessCountRow) => string) =>
    String(o.state.values[`m${m}${k}`] ?? (byMonth.has(m) ? stored(byMonth.get(m)!) : ''));
  return html`<h1>${agency.name}${year}年业务数据（年报表二）</h1>
    <p>
      行政许可、行政处罚、行政强制的处理决定数量和行政事业性收费金额由其他业务系统产生（条例第二十条第（五）（六）（八）项），请按月录入或导入，起草年度报告时自动汇总到表二。
    </p>
    ${o.flash ? html`<div class="notice ok" role="status">${o.flash}</div>` : ''} ${errorSummary(o.state)}
    <form method="post" action="/staff/reports/business?agency=${agency.id}&amp;year=${year}">
      ${csrfField(o.csrf)}
      <div class="table-scroll">
        <table>
          <caption>
            按月录入
          </caption>
          <thead>
            <tr>
              ${SHEET_COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${Array.from({ length: 12 }, (_, i) => i + 1).map(
              (m) =>
                html`<tr>
                  <th scope="row">${m}月</th>
                  <td>
                    <input
                      aria-label="${m}月行政许可"
                      name="m${m}l"
                      inputmode="numeric"
                      value="${value(m, 'l', (r) => String(r.licensing))}"
                    />
                  </td>
                  <td>
                    <input
                      aria-label="${m}月行政处罚"
                      name="m${m}p"
                      inputmode="numeric"
                      value="${value(m, 'p', (r) => String(r.punishment))}"
                    />
                  </td>
                  <td>
                    <input
                      aria-label="${m}月行政强制"
                      name="m${m}e"
                      inputmode="numeric"
                      value="${value(m, 'e', (r) => String(r.enforcement))}"
                    />
                  </td>
                  <td>
                    <input
                      aria-label="${m}月行政事业性收费（元）"
                      name="m${m}f"
                      inputmode="decimal"
                      value="${value(m, 'f', (r) => (r.fees_fen / 100).toFixed(2))}"
                    />
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <button type="submit">保存</button>
    </form>
    <h2>从文件导入</h2>
    <p>
      下载模板：<a href="/staff/reports/business/template.csv">CSV</a> ·
      <a href="/staff/reports/business/template.xlsx">Excel</a>。 填好后上传；有任何一行有误时不保存，并逐行列出错误。
    </p>
    <form
      method="post"
      enctype="multipart/form-data"
      action="/staff/reports/business/import?agency=${agency.id}&amp;year=${year}"
    >
      ${csrfField(o.csrf)}
      <label for="f-file">CSV 或 XLSX 文件</label>
      <input id="f-file" type="file" name="file" accept=".csv,.xlsx" required />
      <button type="submit">导入</button>
    </form>`;
}

export type { Finding };
