/**
 * Turns the text lines of all pages into the reader contract (report-document.ts): table rows and running text,
 * in reading order.
 *
 * - Table zones: every line carrying numbers seeds a zone, which grows over neighbouring lines that look like
 *   table text (several segments, or one short segment, at about the table's font size, not a sentence and not
 *   a section heading) and are at most ~4 lines apart. pdf-rows.ts rebuilds the rows of each zone.
 * - A zone at the top of a page continues the table at the bottom of the previous page: the header a word
 *   processor repeats there is dropped, and a label cut by the page break (the row's first part with its values
 *   on the first page, the rest of the label on the next) is joined back.
 * - Running text: wrapped lines of one paragraph are joined (the earlier line reaches the right edge, the next
 *   starts at the left edge without first-line indent or list marker, one line-height below, same size); a
 *   centred title broken over two lines is joined too (larger than the running text, or its second line short of
 *   the first's edges). Paragraphs continue across page breaks.
 */
import type { DocBlock, DocCell } from '../core/read/report-document.ts';
import { sectionOfHeadingText } from '../core/read/find-sections.ts';
import type { PageLines } from './drop-page-furniture.ts';
import { LIST_MARKER, type PdfLine } from './pdf-lines.ts';
import { readTableHead, readTableZone, type ZoneRow } from './pdf-rows.ts';

/**
 * Template section headings: never part of a table, even at the table's font size. Numbered, and worded as the
 * headings (not as the row labels 一、本年新收政府信息公开申请数量 or 四、结转下年度继续办理, also numbered).
 */
const SECTION_HEADING_WORDS =
  /^[一二三四五六七八九十]{1,2}\s*[、.．]\s*\S{0,8}?(总体情况|主动公开政府信息|(收到|受理)和?处理政府信息公开申请|行政复议.*行政诉讼|复议.*诉讼情况|存在的?主要问题|其他需要报告)/;
/** A heading with a typo is still a heading (find-sections.ts), and so never part of a table. */
const SECTION_HEADING = {
  test: (text: string) => SECTION_HEADING_WORDS.test(text) || sectionOfHeadingText(text) !== null,
};

type Item =
  | { kind: 'line'; page: number; line: PdfLine; row: number }
  /** `xs`: the column rules of a table read from its drawn grid. */
  | { kind: 'zone'; page: number; rows: ZoneRow[]; lines: PdfLine[]; xs?: number[] }
  /** Table-like lines without numbers ending a page: a table head whose rows went to the next page, or text. */
  | { kind: 'head'; page: number; lines: { line: PdfLine; row: number }[] };

function isAnchor(line: PdfLine): boolean {
  return line.segments.some((s) => s.numeric);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Where an item starts on its page, for putting drawn tables in reading order among the text. */
function itemTop(item: Item): number {
  if (item.kind === 'line') return item.line.y;
  if (item.kind === 'head') return item.lines[0]?.line.y ?? 0;
  return item.rows[0]?.y ?? item.lines[0]?.y ?? 0;
}

function pageItems(page: PageLines): Item[] {
  const textItems = pageTextItems(page);
  const grids = page.grids ?? [];
  if (grids.length === 0) return textItems;
  const gridItems: Item[] = grids.map((g) => ({
    kind: 'zone',
    page: page.number,
    rows: g.rows,
    lines: [],
    xs: g.xs,
  }));
  const items: Item[] = [];
  let k = 0;
  for (const item of textItems) {
    while (k < gridItems.length && itemTop(gridItems[k] as Item) <= itemTop(item)) items.push(gridItems[k++] as Item);
    items.push(item);
  }
  items.push(...gridItems.slice(k));
  return items;
}

function pageTextItems(page: PageLines): Item[] {
  const lines = [...page.lines].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const textWidth = Math.max(1, right - left);
  const zoneOf = new Array<number>(lines.length).fill(-1);
  const zones: number[][] = [];
  lines.forEach((line, i) => {
    if (zoneOf[i] !== -1 || !isAnchor(line)) return;
    const size = median(line.segments.filter((s) => s.numeric).map((s) => s.size));
    const tableish = (l: PdfLine) =>
      isAnchor(l) ||
      (!SECTION_HEADING.test(l.text) &&
        !(l.segments.length === 1 && /[。；;]$/.test(l.text)) &&
        l.size <= 1.15 * size &&
        l.size >= 0.7 * size &&
        (l.segments.length >= 2 || l.x1 - l.x0 <= 0.6 * textWidth));
    const near = (a: PdfLine, b: PdfLine) => Math.abs(a.y - b.y) <= 4.2 * size;
    let lo = i;
    while (
      lo > 0 &&
      zoneOf[lo - 1] === -1 &&
      tableish(lines[lo - 1] as PdfLine) &&
      near(lines[lo - 1] as PdfLine, lines[lo] as PdfLine)
    )
      lo--;
    let hi = i;
    while (
      hi < lines.length - 1 &&
      tableish(lines[hi + 1] as PdfLine) &&
      near(lines[hi + 1] as PdfLine, lines[hi] as PdfLine)
    )
      hi++;
    const zone: number[] = [];
    for (let k = lo; k <= hi; k++) {
      if (zoneOf[k] !== -1) continue;
      zoneOf[k] = zones.length;
      zone.push(k);
    }
    zones.push(zone);
  });

  // The page's last lines, when they look like a table head (several cells per line, no sentence, no heading).
  let headStart = lines.length;
  while (headStart > 0 && zoneOf[headStart - 1] === -1) {
    const l = lines[headStart - 1] as PdfLine;
    if (
      SECTION_HEADING.test(l.text) ||
      /[。；;]$/.test(l.text) ||
      (l.segments.length < 2 && l.x1 - l.x0 > 0.6 * textWidth)
    )
      break;
    headStart--;
  }
  const head = lines.slice(headStart);
  const isHead = head.length >= 2 && head.some((l) => l.segments.length >= 2);

  const items: Item[] = [];
  const emitted = new Set<number>();
  lines.forEach((line, i) => {
    const z = zoneOf[i] ?? -1;
    if (isHead && i >= headStart) {
      if (i === headStart)
        items.push({ kind: 'head', page: page.number, lines: head.map((l, k) => ({ line: l, row: i + k + 1 })) });
      return;
    }
    if (z === -1) {
      items.push({ kind: 'line', page: page.number, line, row: i + 1 });
      return;
    }
    if (emitted.has(z)) return;
    emitted.add(z);
    const zoneLines = (zones[z] ?? []).map((k) => lines[k] as PdfLine);
    items.push({ kind: 'zone', page: page.number, rows: readTableZone(zoneLines), lines: zoneLines });
  });
  return items;
}

/** Left and right edges of running text per font size, over the whole document (margins repeat on every page). */
function textEdges(pages: PageLines[]): (size: number) => { left: number; right: number } {
  const all = pages.flatMap((p) => p.lines);
  return (size: number) => {
    const same = all.filter((l) => Math.abs(l.size - size) <= 0.05 * size);
    return { left: Math.min(...same.map((l) => l.x0)), right: Math.max(...same.map((l) => l.x1)) };
  };
}

/** The font size of the running text: the size that most characters of the document have (to the half point). */
function bodySize(pages: PageLines[]): number {
  const chars = new Map<number, number>();
  for (const p of pages)
    for (const l of p.lines) {
      const size = Math.round(l.size * 2) / 2;
      chars.set(size, (chars.get(size) ?? 0) + l.text.length);
    }
  let best = 0;
  let most = -1;
  for (const [size, n] of chars) if (n > most) [best, most] = [size, n];
  return best;
}

interface Layout {
  edges: (size: number) => { left: number; right: number };
  pageWidth: number;
  bodySize: number;
}

function continuesParagraph(prev: PdfLine, next: PdfLine, samePage: boolean, layout: Layout): boolean {
  if (Math.abs(prev.size - next.size) > 0.05 * prev.size) return false;
  if (SECTION_HEADING.test(prev.text) || LIST_MARKER.test(next.text) || SECTION_HEADING.test(next.text)) return false;
  const size = prev.size;
  if (samePage && (next.y - prev.y <= 0.5 * size || next.y - prev.y > 1.9 * size)) return false;
  const { left, right } = layout.edges(size);
  // Writers break early rather than next to a space or before a closing mark, so a full line may end ~5 em short.
  if (prev.x1 >= right - 6 * size && next.x0 <= left + 0.6 * size) return true;
  // A centred title wrapped onto two lines: both centred on the page, and either larger than the running text (a
  // balanced wrap gives two lines of nearly equal length, so their lengths say nothing) or the second visibly short
  // of both edges of the first.
  const centre = (l: PdfLine) => (l.x0 + l.x1) / 2;
  if (
    !samePage ||
    Math.abs(centre(prev) - layout.pageWidth / 2) > 0.5 * size ||
    Math.abs(centre(next) - layout.pageWidth / 2) > 0.5 * size ||
    /[。；;]$/.test(prev.text)
  )
    return false;
  if (size >= 1.15 * layout.bodySize) return true;
  return prev.x1 - prev.x0 >= 0.7 * (right - left) && next.x0 > left + 2 * size && next.x1 < right - 2 * size;
}

function joinLines(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

function isHeaderRow(row: ZoneRow): boolean {
  return row.kind === 'free';
}

export function pdfBlocks(pages: PageLines[], pageWidth: number): DocBlock[] {
  const layout: Layout = { edges: textEdges(pages), pageWidth, bodySize: bodySize(pages) };
  const blocks: DocBlock[] = [];
  let table = 0;
  let tableRow = 0;
  type LastTable = {
    header: string[];
    lastData: { block: Extract<DocBlock, { kind: 'row' }>; labels: number } | null;
    /** Column rules of the table's last drawn part, if it was read from a grid. */
    xs?: number[];
  };
  let lastTable: LastTable | null = null;
  let lastLine: { line: PdfLine; page: number; block: Extract<DocBlock, { kind: 'line' }> } | null = null;
  /** A table head left at the foot of the previous page: the next zone continues it. */
  let headPending = false;

  const emitRows = (rows: ZoneRow[], page: number) => {
    for (const r of rows) {
      tableRow += 1;
      const source = { page, table, row: tableRow };
      const cells: DocCell[] = r.cells.map((c, col) => ({ text: c.text, source: { ...source, col: col + 1 } }));
      const block: Extract<DocBlock, { kind: 'row' }> = { kind: 'row', cells, source };
      blocks.push(block);
      if (r.kind === 'data' && lastTable) lastTable.lastData = { block, labels: r.labels };
    }
    lastLine = null;
  };
  const startTable = (rows: ZoneRow[]) => {
    table += 1;
    tableRow = 0;
    const header: string[] = [];
    for (const r of rows) {
      if (!isHeaderRow(r)) break;
      header.push(rowKey(r));
    }
    lastTable = { header, lastData: null };
  };
  const emitLine = (line: PdfLine, page: number, row: number) => {
    const text = line.text.trim();
    if (text === '') return;
    const previous = blocks[blocks.length - 1];
    if (
      lastLine &&
      previous === lastLine.block &&
      continuesParagraph(lastLine.line, line, lastLine.page === page, layout)
    ) {
      lastLine.block.text = joinLines(lastLine.block.text, text);
      lastLine = { ...lastLine, line, page };
      return;
    }
    const block: Extract<DocBlock, { kind: 'line' }> = { kind: 'line', text, source: { page, row } };
    blocks.push(block);
    lastLine = { line, page, block };
  };

  const allItems = pages.map(pageItems);
  allItems.forEach((items, pageIndex) => {
    items.forEach((item, itemIndex) => {
      if (item.kind === 'line') {
        emitLine(item.line, item.page, item.row);
        return;
      }
      if (item.kind === 'head') {
        const next = allItems[pageIndex + 1]?.[0];
        if (itemIndex === items.length - 1 && next?.kind === 'zone') {
          const rows = readTableHead(item.lines.map((l) => l.line));
          startTable(rows);
          emitRows(rows, item.page);
          headPending = true;
        } else {
          for (const l of item.lines) emitLine(l.line, item.page, l.row);
        }
        return;
      }

      // A zone first on its page, right after a table that ended the previous page, continues that table.
      // Two drawn tables are one only if the column rules agree (most rules of the new part at a rule of the old).
      const previousXs = (lastTable as LastTable | null)?.xs;
      const sameColumns =
        !previousXs ||
        !item.xs ||
        item.xs.filter((x) => previousXs.some((p) => Math.abs(p - x) <= 2)).length >= 0.8 * item.xs.length;
      const continued =
        itemIndex === 0 &&
        pageIndex > 0 &&
        lastTable !== null &&
        blocks[blocks.length - 1]?.kind === 'row' &&
        sameColumns;
      let rows = item.rows;
      const current = lastTable as LastTable | null;
      if (continued && current) {
        const header = new Set(current.header);
        let k = 0;
        while (k < rows.length && isHeaderRow(rows[k] as ZoneRow) && header.has(rowKey(rows[k] as ZoneRow))) k++;
        rows = rows.slice(k);
        const first = rows[0];
        const tail = current.lastData;
        const firstLabel = first?.cells[0]?.text ?? '';
        // A label that starts a numbered item (“（七）”, “2.”) is a row of its own, not the rest of a cut label.
        if (
          !headPending &&
          first?.kind === 'data' &&
          first.blank &&
          tail &&
          tail.labels > 0 &&
          !LIST_MARKER.test(firstLabel)
        ) {
          // The rest of a label the page break cut: it belongs to the last row of the previous page.
          const target = tail.block.cells[tail.labels - 1];
          if (target) target.text = joinLines(target.text, first.cells[0]?.text ?? '');
          rows = rows.slice(1);
        }
      } else {
        startTable(rows);
      }
      headPending = false;
      if (lastTable) (lastTable as LastTable).xs = item.xs;
      emitRows(rows, item.page);
    });
  });
  return blocks;
}

function rowKey(row: ZoneRow): string {
  return row.cells.map((c) => c.text.replace(/\s+/g, '')).join('|');
}
