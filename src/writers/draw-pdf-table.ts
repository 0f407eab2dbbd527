/**
 * Draws one report table (the shared model of report-tables.ts, with the template's merged cells) on a pdfkit
 * page flow. Layout is done before drawing so that
 * - row heights follow the wrapped label text (a merged cell that needs more room than its rows widens them);
 * - a page break falls only between rows, never inside one, and never right after a header row or a group
 *   heading (第二十条第（一）项 + 信息内容 + the first data row stay together);
 * - a merged cell that crosses a page break is drawn as a box on both pages, its text once on the first (so a
 *   reader sees it once, as an HTML rowspan), and the break is moved up if that first part is too short for it.
 * Every cell is stroked as its own rectangle: readers that rebuild cells from ruling lines see each merge exactly.
 */
import { placeCells, type PlacedCell, type ReportTable } from './report-tables.ts';
import type { PdfPageFlow } from './pdf-page-flow.ts';
import { wrapCjkText } from './wrap-cjk-text.ts';

interface CellLayout {
  placed: PlacedCell;
  x: number;
  width: number;
  lines: string[];
  size: number;
  /** Height the text needs, with padding. */
  need: number;
  align: 'left' | 'center';
}

export interface TableStyle {
  fontSize: number;
  leading: number;
  padX: number;
  padY: number;
  lineWidth: number;
}

export function tableStyle(table: ReportTable): TableStyle {
  // Table 4 has fifteen columns of two-character labels: a smaller size keeps 结果/维持 on two lines.
  return table.key === 't4'
    ? { fontSize: 8.5, leading: 11.5, padX: 2.5, padY: 3.5, lineWidth: 0.6 }
    : { fontSize: 9, leading: 12.5, padX: 3.5, padY: 3.5, lineWidth: 0.6 };
}

/**
 * Column widths in points from the model's percentages, each at least two characters wide (a 5 % column would
 * otherwise stack 三、本年度办理结果 one character per line); the room is taken from the wider columns.
 */
function columnWidths(table: ReportTable, width: number, style: TableStyle): number[] {
  const total = table.columnWidths.reduce((s, w) => s + w, 0);
  const widths = table.columnWidths.map((w) => (w / total) * width);
  const min = 2 * style.fontSize + 2 * style.padX + 1;
  const deficit = widths.reduce((s, w) => s + Math.max(0, min - w), 0);
  const spare = widths.reduce((s, w) => s + Math.max(0, w - min), 0);
  if (deficit === 0 || spare <= deficit) return widths;
  return widths.map((w) => (w < min ? min : w - ((w - min) / spare) * deficit));
}

function layoutCells(flow: PdfPageFlow, table: ReportTable, style: TableStyle): { cells: CellLayout[]; rows: number } {
  const xs = [flow.box.left];
  for (const w of columnWidths(table, flow.width, style)) xs.push((xs[xs.length - 1] ?? 0) + w);
  const placed = placeCells(table);
  let rows = 0;
  const cells = placed.map((p): CellLayout => {
    rows = Math.max(rows, p.row + p.cell.rowSpan);
    const x = xs[p.col] ?? flow.box.left;
    const width = (xs[p.col + p.cell.colSpan] ?? flow.box.right) - x;
    const size = p.cell.kind === 'note' ? style.fontSize - 0.5 : style.fontSize;
    const measure = (s: string) => flow.measure('body', size, s);
    const lines =
      p.cell.text === '' ? [] : wrapCjkText(p.cell.text, width - 2 * style.padX, measure, { balanced: true });
    const align = p.cell.kind === 'note' || p.cell.scope === 'row' ? 'left' : 'center';
    return { placed: p, x, width, lines, size, need: lines.length * style.leading + 2 * style.padY, align };
  });
  return { cells, rows };
}

function rowHeights(cells: CellLayout[], rows: number, style: TableStyle): number[] {
  const heights = Array.from({ length: rows }, () => style.leading + 2 * style.padY);
  for (const c of cells) {
    if (c.placed.cell.rowSpan === 1) heights[c.placed.row] = Math.max(heights[c.placed.row] ?? 0, c.need);
  }
  for (const c of cells) {
    const { row } = c.placed;
    const span = c.placed.cell.rowSpan;
    if (span === 1) continue;
    const have = heights.slice(row, row + span).reduce((s, h) => s + h, 0);
    if (have < c.need) for (let r = row; r < row + span; r++) heights[r] = (heights[r] ?? 0) + (c.need - have) / span;
  }
  return heights;
}

/** Rows before which a page may not break: inside a header, right after a group heading or column header. */
function keptRows(table: ReportTable): Set<number> {
  const kept = new Set<number>();
  let start = 0;
  let headBefore = false;
  for (const group of table.rowGroups) {
    const n = group.rows.length;
    if (group.head) for (let i = 1; i < n; i++) kept.add(start + i);
    else {
      if (headBefore) kept.add(start);
      for (let i = 1; i < Math.min(3, n); i++) kept.add(start + i);
    }
    headBefore = group.head;
    start += n;
  }
  return kept;
}

interface TableLayout {
  style: TableStyle;
  cells: CellLayout[];
  rows: number;
  heights: number[];
  breakable: (r: number, pageStart: number) => boolean;
  /** Height of the rows before the first place the table may break (its header and first data row). */
  lead: number;
}

function layoutTable(flow: PdfPageFlow, table: ReportTable): TableLayout {
  const style = tableStyle(table);
  const { cells, rows } = layoutCells(flow, table, style);
  const heights = rowHeights(cells, rows, style);
  const kept = keptRows(table);
  // A break before row r would leave a merged cell's first part shorter than its text: not allowed either.
  const breakable = (r: number, pageStart: number) =>
    r > pageStart &&
    !kept.has(r) &&
    cells.every((c) => {
      const { row } = c.placed;
      if (row >= r || row + c.placed.cell.rowSpan <= r) return true;
      return heights.slice(row, r).reduce((s, h) => s + h, 0) >= c.need;
    });
  let firstBreak = 1;
  while (firstBreak < rows && !breakable(firstBreak, 0)) firstBreak++;
  const lead = heights.slice(0, firstBreak).reduce((s, h) => s + h, 0);
  return { style, cells, rows, heights, breakable, lead };
}

/** What must fit below a heading for the heading to stay on the page with its table. */
export function tableLeadHeight(flow: PdfPageFlow, table: ReportTable): number {
  return layoutTable(flow, table).lead;
}

export function drawPdfTable(flow: PdfPageFlow, table: ReportTable): void {
  const { style, cells, rows, heights, breakable, lead } = layoutTable(flow, table);

  // Pass 1: page (0 = the current one) and top of every row.
  const page: number[] = [];
  const top: number[] = [];
  let pageNo = 0;
  let pageStart = 0;
  let y = flow.y;
  if (y + lead > flow.box.bottom && y > flow.box.top) {
    pageNo = 1; // the table's head does not fit below the text already on this page
    y = flow.box.top;
  }
  for (let r = 0; r < rows; r++) {
    const h = heights[r] ?? 0;
    if (y + h > flow.box.bottom && r > pageStart) {
      let b = r;
      while (b > pageStart && !breakable(b, pageStart)) b--;
      if (b === pageStart) b = r; // an unbreakable run taller than a page: break where it overflows
      pageNo += 1;
      pageStart = b;
      y = flow.box.top;
      for (let k = b; k < r; k++) {
        page[k] = pageNo;
        top[k] = y;
        y += heights[k] ?? 0;
      }
    }
    page[r] = pageNo;
    top[r] = y;
    y += h;
  }

  // Pass 2: draw page by page.
  const doc = flow.doc;
  doc.lineWidth(style.lineWidth).strokeColor('#000');
  for (let p = 0; p <= pageNo; p++) {
    if (p > 0) flow.newPage();
    for (const c of cells) {
      const first = c.placed.row;
      const last = first + c.placed.cell.rowSpan - 1;
      const onPage = [];
      for (let r = first; r <= last; r++) if (page[r] === p) onPage.push(r);
      if (onPage.length === 0) continue;
      const y0 = top[onPage[0] ?? first] ?? 0;
      const rLast = onPage[onPage.length - 1] ?? last;
      const y1 = (top[rLast] ?? 0) + (heights[rLast] ?? 0);
      doc.rect(c.x, y0, c.width, y1 - y0).stroke();
      if (page[first] !== p || c.lines.length === 0) continue;
      const textHeight = c.lines.length * style.leading;
      let ty = y0 + (y1 - y0 - textHeight) / 2 + (style.leading - c.size) / 2;
      for (const line of c.lines) {
        const w = flow.measure('body', c.size, line.trimEnd());
        const x = c.align === 'left' ? c.x + style.padX : c.x + (c.width - w) / 2;
        flow.text('body', c.size, line, x, ty);
        ty += style.leading;
      }
    }
  }
  flow.y = y;
}
