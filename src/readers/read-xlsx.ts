/**
 * Excel workbooks (.xlsx) → ReportDocument, with exceljs (already a dependency for writing, keeps merges).
 *
 * Each visible sheet is read top to bottom. A non-blank row becomes a `row` block with the cells from the
 * sheet's first to last used column (blank cells kept as ''); a cell covered by a merge is omitted, only the
 * merge's top-left cell carries the text — the same convention as rowspan/colspan in HTML. A row whose only
 * content is one unbordered text cell (a title, a heading, a paragraph typed into column A) or one long text
 * is running text and becomes a `line`. source = { table: sheet number, row, col } with Excel's own numbers.
 * Sheets follow one another in workbook order; the product's own workbook (a 报告信息 field sheet, then one
 * sheet per table) is put back in report order by the interpreter (core/read/expand-field-sheet.ts).
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';
import type { SourceLocation } from '../core/check/finding.ts';
import { ReadError } from '../core/read/read-error.ts';
import type { DocBlock, DocCell, ReportDocument } from '../core/read/report-document.ts';
import { normalizeSpace } from './doc-assembler.ts';
import { damagedError, openZip } from './open-zip.ts';

const LABEL = 'Excel 表格';
/** No report table is this wide; a damaged sheet that claims column XFD must not make us walk 16 384 columns. */
const MAX_COLUMNS = 256;
/** A single cell with this much text is a paragraph, not a table label. */
const PARAGRAPH_CHARS = 60;
const NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?%?$/;

interface SheetCell {
  col: number;
  text: string;
  bordered: boolean;
  /** Covered by a merge: not part of the row as the document holds it. */
  covered: boolean;
}

/** Alt+Enter line breaks become '\n' (like <br> in a cell); other blanks collapse. */
function cellText(cell: Cell): string {
  const raw = cell.text;
  if (typeof raw !== 'string' || raw === '') return '';
  return raw
    .split(/\r\n|\r|\n/)
    .map(normalizeSpace)
    .filter((part) => part !== '')
    .join('\n');
}

function isBordered(cell: Cell): boolean {
  const border = cell.border;
  if (!border) return false;
  return Boolean(border.top?.style || border.bottom?.style || border.left?.style || border.right?.style);
}

function isCovered(cell: Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}

function readSheet(sheet: Worksheet, sheetNumber: number): DocBlock[] {
  const blocks: DocBlock[] = [];
  const rows: { number: number; cells: SheetCell[] }[] = [];
  let minCol = Infinity;
  let maxCol = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col > MAX_COLUMNS) return;
      // exceljs makes a cell object for every merged position; only the top-left one holds the value.
      const covered = isCovered(cell);
      const text = covered ? '' : cellText(cell);
      cells.push({ col, text, bordered: isBordered(cell), covered });
      if (text !== '') {
        minCol = Math.min(minCol, col);
        maxCol = Math.max(maxCol, col);
      }
    });
    if (cells.some((cell) => cell.text !== '')) rows.push({ number: rowNumber, cells });
  });
  for (const row of rows) {
    const filled = row.cells.filter((cell) => cell.text !== '');
    const only = filled.length === 1 ? filled[0] : undefined;
    if (
      only &&
      (only.text.length >= PARAGRAPH_CHARS || (!NUMBER.test(only.text) && !row.cells.some((cell) => cell.bordered)))
    ) {
      blocks.push({
        kind: 'line',
        text: only.text.replace(/\n/g, ' '),
        source: { table: sheetNumber, row: row.number },
      });
      continue;
    }
    // Every grid position of the used range, except those a merge covers: blank ones kept as ''.
    const byCol = new Map(row.cells.map((cell) => [cell.col, cell]));
    const cells: DocCell[] = [];
    for (let col = minCol; col <= maxCol; col++) {
      if (byCol.get(col)?.covered) continue;
      const source: SourceLocation = { table: sheetNumber, row: row.number, col };
      cells.push({ text: byCol.get(col)?.text ?? '', source });
    }
    blocks.push({ kind: 'row', cells, source: { table: sheetNumber, row: row.number } });
  }
  return blocks;
}

export async function readXlsx(bytes: Uint8Array): Promise<ReportDocument> {
  // The zip checks (truncation, zip bomb) run before exceljs, which would otherwise inflate everything.
  await openZip(bytes, LABEL);
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings want a Node Buffer; a view on the same memory avoids a copy.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw damagedError(LABEL, error);
  }
  const blocks: DocBlock[] = [];
  try {
    workbook.worksheets.forEach((sheet, index) => {
      if (sheet.state === 'hidden' || sheet.state === 'veryHidden') return;
      blocks.push(...readSheet(sheet, index + 1));
    });
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw damagedError(LABEL, error);
  }
  return { kind: 'xlsx', blocks };
}
