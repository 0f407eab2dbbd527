/**
 * The report as an Excel workbook (exceljs): a first sheet 报告信息 holding every non-table field of the JSON — title,
 * agency, year, dates, format and the six section texts — so nothing is lost, then one sheet per table laid out on
 * the template's grid with the same merged cells as the HTML. Numbers are stored as numbers and a blank cell of the
 * report is an empty cell, never 0.
 */
import type ExcelJS from 'exceljs';
import { SECTION_NUMBERS, SECTION_TITLES } from '../core/report/layout.ts';
import type { Report } from '../core/report/report-schema.ts';
import { placeCells, reportTables, type ReportTable } from './report-tables.ts';
import { xmlSafe } from './xml-safe.ts';

export const INFO_SHEET = '报告信息';
export const TABLE_SHEETS = { t2: '表二 主动公开', t3: '表三 依申请公开', t4: '表四 复议诉讼' } as const;

/** Excel refuses a cell longer than this; a longer section text continues on the next row. */
const MAX_CELL_TEXT = 32_767;

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 10.5 };

export async function renderReportXlsx(report: Report): Promise<Uint8Array> {
  // Loaded on first use: exceljs takes about half a second to load, which the server's start-up should not pay.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Gongkai';
  workbook.title = report.title ?? '';
  addInfoSheet(workbook, report);
  for (const table of reportTables(report)) addTableSheet(workbook, table);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * Three columns: 项目 (for people), 内容 (the value), 字段 (the JSON key, so a reader need not match Chinese labels).
 * A text longer than one cell allows is cut into consecutive rows with the same 字段; concatenated, they are the text.
 */
function addInfoSheet(workbook: ExcelJS.Workbook, report: Report): void {
  const sheet = workbook.addWorksheet(INFO_SHEET);
  sheet.columns = [
    { header: '项目', key: 'label', width: 22 },
    { header: '内容', key: 'value', width: 100 },
    { header: '字段', key: 'field', width: 16 },
  ];
  sheet.getRow(1).font = { ...FONT, bold: true };
  const rows: [string, string | number | null, string][] = [
    ['标题', report.title, 'title'],
    ['发布机关（落款）', report.agency, 'agency'],
    ['年度', report.year, 'year'],
    ['落款日期', report.dated, 'dated'],
    ['发布时间', report.publishedAt, 'publishedAt'],
    ['表格格式（2021 或 2019）', report.format, 'format'],
  ];
  for (const n of SECTION_NUMBERS) {
    const text = report.sections[n];
    const chunks = chunk(text, MAX_CELL_TEXT);
    chunks.forEach((part, i) =>
      rows.push([i === 0 ? SECTION_TITLES[n] : `${SECTION_TITLES[n]}（续）`, part, `sections.${n}`]),
    );
  }
  for (const [label, value, field] of rows) {
    // A null or empty value stays an empty cell: the JSON's null and '' both come back from an empty cell.
    const row = sheet.addRow({ label, value: value === null || value === '' ? undefined : clean(value), field });
    row.font = FONT;
    row.alignment = { vertical: 'top', wrapText: true };
  }
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(TABLE_SHEETS[table.key], {
    pageSetup: {
      paperSize: 9, // A4
      orientation: table.key === 't2' ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const scale = table.key === 't2' ? 0.9 : 1.3; // per cent of the page → Excel character widths
  sheet.columns = table.columnWidths.map((w) => ({ width: Math.max(5, Math.round(w * scale * 10) / 10) }));
  for (const { cell, row, col } of placeCells(table)) {
    const top = row + 1;
    const left = col + 1;
    const bottom = top + cell.rowSpan - 1;
    const right = left + cell.colSpan - 1;
    if (bottom > top || right > left) sheet.mergeCells(top, left, bottom, right);
    const target = sheet.getCell(top, left);
    if (cell.kind === 'value') {
      if (cell.value !== null && cell.value !== undefined)
        target.value = typeof cell.value === 'number' ? cell.value : clean(cell.value);
    } else {
      target.value = clean(cell.text);
    }
    const horizontal = cell.kind === 'note' || cell.scope === 'row' ? 'left' : 'center';
    // Borders go on every cell of a merged range, or Excel draws the range's outline with gaps.
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const each = sheet.getCell(r, c);
        each.border = BORDER;
        each.font = FONT;
        each.alignment = { horizontal, vertical: 'middle', wrapText: true };
      }
    }
  }
}

/** Cuts text into pieces of at most `size` UTF-16 units (Excel's measure), never inside a surrogate pair. */
function chunk(text: string, size: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of text) {
    if (current.length + ch.length > size) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function clean<T extends string | number>(value: T): T {
  return (typeof value === 'string' ? xmlSafe(value) : value) as T;
}
