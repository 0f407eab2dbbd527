/**
 * Excel workbooks (.xlsx) → ReportDocument. The package is unzipped with jszip and each part streamed with
 * htmlparser2 in XML mode (xlsx-package.ts). Not exceljs, although the writer uses it: on reading, exceljs expands
 * every range it meets into cells, so a 16 KB file with one merge, data validation or defined name over
 * A1:XFD1048576 (a whole sheet — real files carry whole-column filter ranges) hangs it. Here a merge is four
 * numbers and nothing is expanded, so reading is linear in the file size.
 *
 * Each visible sheet is read top to bottom. A non-blank row becomes a `row` block with the cells from the
 * sheet's first to last used column (blank cells kept as ''); a cell covered by a merge is omitted, only the
 * merge's top-left cell carries the text — the same convention as rowspan/colspan in HTML. A row whose only
 * content is one unbordered text cell (a title, a heading, a paragraph typed into column A) or one long text
 * is running text and becomes a `line`. source = { table: sheet number, row, col } with Excel's own numbers.
 * Sheets follow one another in workbook order; the product's own workbook (a 报告信息 field sheet, then one
 * sheet per table) is put back in report order by the interpreter (core/read/expand-field-sheet.ts).
 */
import type { DocBlock, DocCell, ReportDocument } from '../core/read/report-document.ts';
import { normalizeSpace } from './doc-assembler.ts';
import { openZip } from './open-zip.ts';
import { readXlsxPackage, unescapeOoxml, walkXml, type XlsxPackage, type XlsxSheet } from './xlsx-package.ts';

const LABEL = 'Excel';
/** No report table is this wide; a sheet that uses column XFD must not make every row 16 384 cells long. */
const MAX_COLUMNS = 256;
/** A single cell with this much text is a paragraph, not a table label. */
const PARAGRAPH_CHARS = 60;
const NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?%?$/;

interface SheetCell {
  col: number;
  text: string;
  bordered: boolean;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "AB12" → { col: 28, row: 12 }; undefined parts when the reference is malformed. */
function parseRef(ref: string): { col?: number; row?: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return {};
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

function parseRange(ref: string): Merge | undefined {
  const [from, to] = ref.split(':');
  if (from === undefined || to === undefined) return undefined;
  const a = parseRef(from);
  const b = parseRef(to);
  if (a.col === undefined || a.row === undefined || b.col === undefined || b.row === undefined) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** Excel day number → the date as a Chinese document prints it. */
function excelDate(serial: number, date1904: boolean): string | undefined {
  if (!(serial >= 1 && serial < 2_958_466)) return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.floor(serial) * 86_400_000);
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** Alt+Enter line breaks become '\n' (like <br> in a cell); other blanks collapse. */
function cellText(raw: string): string {
  if (raw === '') return '';
  return unescapeOoxml(raw)
    .split(/\r\n|\r|\n/)
    .map(normalizeSpace)
    .filter((part) => part !== '')
    .join('\n');
}

function valueText(type: string | undefined, value: string, style: number, pkg: XlsxPackage): string {
  switch (type) {
    case 's':
      return pkg.sharedStrings[Number.parseInt(value, 10)] ?? '';
    case 'b':
      return value.trim() === '1' ? 'TRUE' : 'FALSE';
    case 'str':
    case 'inlineStr':
    case 'e':
    case 'd':
      return value;
    default: {
      const trimmed = value.trim();
      const n = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(n)) return trimmed;
      if (pkg.dateStyle[style]) return excelDate(n, pkg.date1904) ?? String(n);
      // 71.060000000000002 as Excel stores it is 71.06 as Excel shows it.
      return String(n === 0 ? 0 : n);
    }
  }
}

/** Cells by row and the merges of one sheet, in one streaming pass over its XML. */
function parseSheet(sheet: XlsxSheet, pkg: XlsxPackage): { rows: Map<number, SheetCell[]>; merges: Merge[] } {
  const rows = new Map<number, SheetCell[]>();
  const merges: Merge[] = [];
  let rowNumber = 0;
  let col = 0;
  let cell: { type: string | undefined; style: number; value: string[] } | undefined;
  let inValue = false;
  let inInline = false;
  let inText = false;
  walkXml(
    sheet.xml,
    (name, attribs) => {
      switch (name) {
        case 'row': {
          const r = Number.parseInt(attribs.r ?? '', 10);
          rowNumber = Number.isFinite(r) && r > 0 ? r : rowNumber + 1;
          col = 0;
          break;
        }
        case 'c': {
          const ref = attribs.r ? parseRef(attribs.r) : {};
          col = ref.col ?? col + 1;
          if (ref.row !== undefined) rowNumber = ref.row;
          cell = { type: attribs.t, style: Number.parseInt(attribs.s ?? '0', 10) || 0, value: [] };
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          inText = inInline;
          break;
        case 'mergeCell': {
          const merge = attribs.ref ? parseRange(attribs.ref) : undefined;
          if (merge && (merge.bottom > merge.top || merge.right > merge.left)) merges.push(merge);
          break;
        }
      }
    },
    (data) => {
      if (cell && (inValue || (inInline && inText))) cell.value.push(data);
    },
    (name) => {
      if (name === 'v') inValue = false;
      else if (name === 'is') inInline = false;
      else if (name === 't') inText = false;
      else if (name === 'c' && cell) {
        if (col >= 1 && col <= MAX_COLUMNS && rowNumber >= 1) {
          const text = cellText(valueText(cell.type, cell.value.join(''), cell.style, pkg));
          const bordered = pkg.bordered[cell.style] ?? false;
          if (text !== '' || bordered) {
            let list = rows.get(rowNumber);
            if (!list) rows.set(rowNumber, (list = []));
            list.push({ col, text, bordered });
          }
        }
        cell = undefined;
      }
    },
  );
  return { rows, merges };
}

function readSheet(sheet: XlsxSheet, pkg: XlsxPackage): DocBlock[] {
  const { rows, merges } = parseSheet(sheet, pkg);
  const numbers = [...rows.keys()].filter((r) => rows.get(r)?.some((c) => c.text !== '')).sort((a, b) => a - b);
  let minCol = Infinity;
  let maxCol = 0;
  for (const r of numbers) {
    for (const c of rows.get(r) ?? []) {
      if (c.text === '') continue;
      minCol = Math.min(minCol, c.col);
      maxCol = Math.max(maxCol, c.col);
    }
  }
  // Sweep merges by row: only those spanning the current row are checked for covered cells.
  const byTop = [...merges].sort((a, b) => a.top - b.top);
  let next = 0;
  let active: Merge[] = [];
  const blocks: DocBlock[] = [];
  for (const r of numbers) {
    while (next < byTop.length && (byTop[next] as Merge).top <= r) active.push(byTop[next++] as Merge);
    active = active.filter((m) => m.bottom >= r);
    const covered = (c: number): boolean =>
      active.some((m) => c >= m.left && c <= m.right && (c !== m.left || r !== m.top));
    const cells = (rows.get(r) ?? []).filter((c) => !covered(c.col));
    const filled = cells.filter((c) => c.text !== '');
    const only = filled.length === 1 ? filled[0] : undefined;
    const bordered = (rows.get(r) ?? []).some((c) => c.bordered);
    if (only && (only.text.length >= PARAGRAPH_CHARS || (!NUMBER.test(only.text) && !bordered))) {
      blocks.push({ kind: 'line', text: only.text.replace(/\n/g, ' '), source: { table: sheet.number, row: r } });
      continue;
    }
    const byCol = new Map(cells.map((c) => [c.col, c.text]));
    const docCells: DocCell[] = [];
    for (let c = minCol; c <= maxCol; c++) {
      if (covered(c)) continue;
      docCells.push({ text: byCol.get(c) ?? '', source: { table: sheet.number, row: r, col: c } });
    }
    blocks.push({ kind: 'row', cells: docCells, source: { table: sheet.number, row: r } });
  }
  return blocks;
}

export async function readXlsx(bytes: Uint8Array): Promise<ReportDocument> {
  const zip = await openZip(bytes, LABEL);
  const pkg = await readXlsxPackage(zip);
  const blocks: DocBlock[] = [];
  for (const sheet of pkg.sheets) if (!sheet.hidden) blocks.push(...readSheet(sheet, pkg));
  return { kind: 'xlsx', blocks };
}
