/**
 * Gongkai's own XLSX output carries the report's text in a first sheet "报告信息" of rows
 * `[label, value, field]` (field = title, agency, year, dated, publishedAt, format, sections.1 … sections.6),
 * followed by one sheet per table. This lays such a workbook out in document order — title, sections with
 * their tables, 落款 — so it is read like any other report. Workbooks without that sheet pass unchanged.
 */
import { SECTION_NUMBERS, SECTION_TITLES } from '../report/layout.ts';
import type { DocBlock, ReportDocument } from './report-document.ts';
import { formatChineseDate } from './chinese-date.ts';

const FIELD = /^(title|agency|year|dated|publishedAt|format|sections\.[1-6])$/;

/** `2026-01-20 14:26:00` in Beijing time (the reader assumes pages show Beijing time) from any ISO time. */
function beijingTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function expandFieldSheet(doc: ReportDocument): ReportDocument {
  const fields = new Map<string, { value: string; block: DocBlock }>();
  for (const block of doc.blocks) {
    if (block.kind !== 'row' || block.source.table !== 1) continue;
    const field = block.cells[2]?.text.trim() ?? '';
    if (FIELD.test(field)) fields.set(field, { value: block.cells[1]?.text ?? '', block });
  }
  if (!fields.has('title') || !fields.has('sections.1')) return doc;
  const tables = new Map<number, DocBlock[]>();
  for (const block of doc.blocks) {
    const table = block.source.table ?? 0;
    if (table <= 1) continue;
    tables.set(table, [...(tables.get(table) ?? []), block]);
  }
  const line = (text: string, from: DocBlock): DocBlock => ({ kind: 'line', text, source: from.source });
  const out: DocBlock[] = [];
  const title = fields.get('title')!;
  out.push(line(title.value, title.block));
  const published = fields.get('publishedAt');
  if (published && published.value.trim() !== '') {
    out.push(line(`发布时间：${beijingTime(published.value.trim())}`, published.block));
  }
  SECTION_NUMBERS.forEach((section, i) => {
    const entry = fields.get(`sections.${section}`);
    const anchor = entry?.block ?? title.block;
    out.push(line(SECTION_TITLES[section], anchor));
    for (const text of (entry?.value ?? '').split('\n')) if (text.trim() !== '') out.push(line(text, anchor));
    // Sections 二, 三, 四 hold tables 2, 3, 4: the workbook's sheets 2, 3, 4.
    if (i >= 1 && i <= 3) out.push(...(tables.get(i + 1) ?? []));
  });
  const agency = fields.get('agency');
  if (agency && agency.value.trim() !== '') out.push(line(agency.value, agency.block));
  const dated = fields.get('dated');
  if (dated && /^\d{4}-\d{2}-\d{2}$/.test(dated.value.trim()))
    out.push(line(formatChineseDate(dated.value.trim()), dated.block));
  return { kind: doc.kind, blocks: out };
}
