/**
 * Table 2's 行政许可/行政处罚/行政强制 decisions and 行政事业性收费 live in other business systems (issue 9 item 1):
 * staff enter them per month, or import a CSV/XLSX made from the template. Every bad row is reported in Chinese
 * with its row number; nothing is saved while any row is bad.
 */
import type ExcelJS from 'exceljs';

/** exceljs is loaded on first use (about half a second), not when the server starts. */
const loadExcel = async () => (await import('exceljs')).default;
import type { MonthCounts } from '../../db/repositories/reports/business-count-repository.ts';

export const SHEET_COLUMNS = [
  '月份',
  '行政许可（件）',
  '行政处罚（件）',
  '行政强制（件）',
  '行政事业性收费（元）',
] as const;
const FIELD_LABELS = ['行政许可', '行政处罚', '行政强制'] as const;

export interface SheetRowError {
  row: number;
  message: string;
}

export interface ParsedSheet {
  months: MonthCounts[];
  errors: SheetRowError[];
}

/** 元 with at most two decimals → 分; undefined when not such a number. */
export function yuanToFen(text: string): number | undefined {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return 0;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function count(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return 0;
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

/** Validates rows of cells (the header row first). */
export function parseSheetRows(rows: readonly (readonly string[])[]): ParsedSheet {
  const errors: SheetRowError[] = [];
  const months: MonthCounts[] = [];
  const header = (rows[0] ?? []).map((c) => c.trim());
  if (header[0] !== SHEET_COLUMNS[0]) {
    errors.push({ row: 1, message: `第1行应为表头“${SHEET_COLUMNS.join('、')}”，请使用下载的模板` });
    return { months, errors };
  }
  const seen = new Set<number>();
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i]!.map((c) => c.trim());
    const n = i + 1;
    if (cells.every((c) => c === '')) continue;
    const problems: string[] = [];
    const month = /^\d{1,2}$/.test(cells[0] ?? '') ? Number(cells[0]) : NaN;
    if (!(month >= 1 && month <= 12)) problems.push('“月份”应为1至12的整数');
    else if (seen.has(month)) problems.push(`月份${month}重复出现`);
    const values = FIELD_LABELS.map((label, k) => {
      const v = count(cells[k + 1] ?? '');
      if (v === undefined) problems.push(`“${label}”应为不小于0的整数`);
      return v ?? 0;
    });
    const fen = yuanToFen(cells[4] ?? '');
    if (fen === undefined) problems.push('“行政事业性收费”应为金额（元），最多两位小数');
    if (cells.length > SHEET_COLUMNS.length && cells.slice(SHEET_COLUMNS.length).some((c) => c !== ''))
      problems.push('多出的列不能有内容');
    if (problems.length > 0) {
      errors.push({ row: n, message: `第${n}行：${problems.join('；')}` });
      continue;
    }
    seen.add(month);
    months.push({ month, licensing: values[0]!, punishment: values[1]!, enforcement: values[2]!, feesFen: fen! });
  }
  if (months.length === 0 && errors.length === 0) errors.push({ row: 2, message: '文件中没有数据行' });
  return { months, errors };
}

/** CSV (UTF-8, with or without BOM; quotes as RFC 4180) into rows of cells. */
export function csvRows(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The first worksheet of an XLSX as rows of text cells. */
export async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const book = new (await loadExcel()).Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(r.cellCount, SHEET_COLUMNS.length); c++) {
      const v = r.getCell(c).value;
      cells.push(
        v === null || v === undefined
          ? ''
          : typeof v === 'object' && 'result' in v
            ? String(v.result ?? '')
            : String(v),
      );
    }
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

export function templateCsv(): string {
  const lines = [SHEET_COLUMNS.join(',')];
  for (let m = 1; m <= 12; m++) lines.push(`${m},0,0,0,0`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function templateXlsx(): Promise<Uint8Array> {
  const book = new (await loadExcel()).Workbook();
  book.created = new Date('2026-01-01T00:00:00Z');
  book.modified = book.created;
  const sheet = book.addWorksheet('业务数据');
  sheet.addRow([...SHEET_COLUMNS]);
  for (let m = 1; m <= 12; m++) sheet.addRow([m, 0, 0, 0, 0]);
  sheet.columns.forEach((c) => (c.width = 20));
  return new Uint8Array(await book.xlsx.writeBuffer());
}
