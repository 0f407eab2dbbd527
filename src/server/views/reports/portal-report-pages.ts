import { html, raw } from 'hono/html';
import type { Report } from '../../../core/report/report-schema.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import { renderReportHtml } from '../../../writers/render-html.ts';
import type { Html } from '../layout.ts';

export interface PublishedListItem {
  id: string;
  year: number;
  agency_name: string;
  published_at: string | null;
  origin: string;
}

/** 政府信息公开年报 column: every published report by year, with the bulk JSON of each year (open data). */
export function reportColumnPage(rows: PublishedListItem[]): Html {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
  return html`<h1>政府信息公开工作年度报告</h1>
    <p>
      依据《中华人民共和国政府信息公开条例》第四十九条，各行政机关于每年1月31日前公布本机关上一年度政府信息公开工作年度报告。每份报告提供网页、Word、PDF、Excel
      和 gongkai.report/1 JSON 格式。
    </p>
    ${years.length === 0 ? html`<p>暂无已发布的年度报告。</p>` : ''}
    ${years.map(
      (y) =>
        html`<section aria-labelledby="y-${y}">
          <h2 id="y-${y}">${y}年度</h2>
          <p><a href="/reports/bulk/${y}.json">下载${y}年度全部报告（JSON）</a></p>
          <ul>
            ${rows
              .filter((r) => r.year === y)
              .map(
                (r) =>
                  html`<li>
                    <a href="/reports/${r.id}">${r.agency_name}${y}年政府信息公开工作年度报告</a>
                    <span class="muted">${r.published_at ? `（${r.published_at.slice(0, 10)}发布）` : ''}</span>
                  </li>`,
              )}
          </ul>
        </section>`,
    )}`;
}

export function publishedReportPage(id: string, agency: AgencyRow, report: Report): Html {
  const link = (f: string, label: string) => html`<a href="/reports/${id}/download/${f}">${label}</a>`;
  return html`<link rel="stylesheet" href="/static/report.css" />
    <p class="muted"><a href="/reports">政府信息公开年报</a> › ${agency.name}</p>
    <p>
      下载：${link('docx', 'Word')} · ${link('pdf', 'PDF')} · ${link('xlsx', 'Excel')} ·
      ${link('json', 'JSON（gongkai.report/1）')} · ${link('html', '网页文件')}
    </p>
    ${raw(renderReportHtml(report, { standalone: false }))}`;
}
