/**
 * The report as an accessible, printable HTML page in the official layout (no JavaScript). The same HTML is what
 * the portal shows and what the PDF is printed from, so it carries everything a reader needs to give back the JSON:
 * <h1> title, 发布时间 line, <h2> section headings, one <p> per narrative line, the tables with the template's
 * merges, and the 落款 (div.gk-signature) last.
 */
import type { Report } from '../core/report/report-schema.ts';
import { reportOutline } from './report-outline.ts';
import type { ReportTable, TableCell } from './report-tables.ts';

export interface RenderHtmlOptions {
  /** true (default): a whole page with <head> and print CSS; false: just the <article>, for the server to embed. */
  standalone?: boolean;
}

/** The page's styles, exported so a page that embeds the fragment can use them too. */
export const REPORT_CSS = `
.gk-report { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 1.125rem; line-height: 1.75; color: #000; background: #fff; max-width: 50em; margin: 0 auto; padding: 1.5em; }
.gk-report h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimHei", "黑体", "Noto Sans CJK SC", sans-serif;
  font-size: 1.6em; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 .5em; }
.gk-report h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  font-size: 1em; font-weight: normal; margin: 1em 0 .25em; text-indent: 2em; }
.gk-report p { margin: 0; text-indent: 2em; white-space: pre-wrap; }
.gk-report .gk-published { text-align: center; text-indent: 0; font-size: .8em; margin-bottom: 1em; }
.gk-report table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .66em; line-height: 1.35; }
.gk-report th, .gk-report td { border: 1px solid #000; padding: .25em .3em; vertical-align: middle; }
.gk-report th { font-weight: normal; text-align: center; }
.gk-report tbody th[scope="row"] { text-align: left; }
.gk-report td { text-align: center; }
.gk-report td.gk-note { font-size: .9em; text-align: left; }
.gk-report caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.gk-report .gk-t4 { font-size: .6em; }
.gk-report .gk-signature { margin-top: 2em; text-align: right; }
.gk-report .gk-signature p { text-indent: 0; padding-right: 2em; }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  /* 公文格式 (GB/T 9704): 三号仿宋 body, 二号小标宋 title. */
  .gk-report { max-width: none; padding: 0; font-size: 16pt; }
  .gk-report h2 { break-after: avoid; }
  /* No break-inside: avoid on rows: with the 22-row rowspan of 三、本年度办理结果 Chromium would push the whole
     block to the next page and leave half a page empty. */
  .gk-report thead { display: table-header-group; }
  .gk-report .gk-signature { break-inside: avoid; }
}
`;

export function renderReportHtml(report: Report, options: RenderHtmlOptions = {}): string {
  const outline = reportOutline(report);
  const out: string[] = [];
  out.push(
    `<article class="gk-report" lang="zh-CN" data-schema="${esc(report.schema)}" data-format="${report.format}"` +
      `${report.year === null ? '' : ` data-year="${report.year}"`}>`,
  );
  // No <header>/<footer> elements: readers of government pages drop those regions as site furniture, and the
  // title and 落款 are part of the report.
  out.push(`<h1>${esc(outline.title)}</h1>`);
  if (outline.published !== null) {
    const { text, datetime } = outline.published;
    out.push(`<p class="gk-published">发布时间：<time datetime="${esc(datetime)}">${esc(text)}</time></p>`);
  }
  for (const section of outline.sections) {
    out.push(`<section class="gk-section-${section.number}">`, `<h2>${esc(section.heading)}</h2>`);
    for (const line of section.lines) out.push(`<p>${esc(line)}</p>`);
    if (section.table !== null) out.push(renderTable(section.table));
    out.push('</section>');
  }
  const { agency, date } = outline.signature;
  if (agency !== null || date !== null) {
    out.push('<div class="gk-signature">');
    if (agency !== null) out.push(`<p class="gk-agency">${esc(agency)}</p>`);
    if (date !== null) out.push(`<p class="gk-dated"><time datetime="${esc(date.iso)}">${esc(date.text)}</time></p>`);
    out.push('</div>');
  }
  out.push('</article>');
  const article = out.join('\n');
  if (options.standalone === false) return article;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(outline.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    article,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderTable(table: ReportTable): string {
  const out: string[] = [`<table class="gk-${table.key}">`, `<caption>${esc(table.caption)}</caption>`, '<colgroup>'];
  for (const width of table.columnWidths) out.push(`<col style="width:${Number(width.toFixed(2))}%">`);
  out.push('</colgroup>');
  for (const group of table.rowGroups) {
    const tag = group.head ? 'thead' : 'tbody';
    out.push(`<${tag}>`);
    for (const row of group.rows) out.push(`<tr>${row.cells.map(renderCell).join('')}</tr>`);
    out.push(`</${tag}>`);
  }
  out.push('</table>');
  return out.join('\n');
}

function renderCell(cell: TableCell): string {
  const spans = `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`;
  if (cell.kind === 'label') return `<th scope="${cell.scope ?? 'col'}"${spans}>${esc(cell.text)}</th>`;
  if (cell.kind === 'note') return `<td class="gk-note"${spans}>${esc(cell.text)}</td>`;
  return `<td${spans}>${esc(cell.text)}</td>`;
}

/** Escapes text for element content and double- or single-quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}
