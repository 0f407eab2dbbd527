/**
 * Visual lines of a PDF page: fragments whose baselines agree (within a fraction of the font size; digits in
 * another font sit a little off the Chinese baseline), ordered by x and cut into segments at horizontal gaps.
 *
 * A segment is text that reads as one piece: fragments closer than ~0.3 em, or closer than ~0.6 em when no digit
 * touches the gap (Chinese text drawn in several pieces). A digit next to a wider gap always starts a new segment,
 * so numbers in adjacent table cells never run together ("0" and "12" do not become "012"), while a number drawn
 * glyph by glyph ("1", "2") stays one number. Segments keep their fragments so a table zone can still cut a
 * segment where the columns of the table say it spans two cells.
 */
import type { PdfFragment } from './pdf-page-text.ts';

export interface PdfSegment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** One or more numbers and nothing else (several when pdf.js joined adjacent cells with a space). */
  numeric: boolean;
  parts: PdfFragment[];
}

export interface PdfLine {
  page: number;
  /** Baseline from the top of the page. */
  y: number;
  size: number;
  x0: number;
  x1: number;
  segments: PdfSegment[];
  text: string;
}

const NUMBER = '[-+]?\\d+(?:\\.\\d+)?%?';
const NUMERIC = new RegExp(`^${NUMBER}(?:\\s+${NUMBER})*$`);
const LATIN = /[A-Za-z0-9]/;

/** The start of a numbered item (“2.”, “（三）”, “四、”): a wrapped line rarely starts like this, a new item does. */
export const LIST_MARKER =
  /^(?:\d{1,2}\s*[.．、](?!\d)|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)/;

/** Digits may be printed full-width (２０２５): compare in NFKC. */
export function isNumericText(text: string): boolean {
  return NUMERIC.test(text.normalize('NFKC'));
}

/** Joins two pieces of one segment: a space only between Latin letters/digits that a visible gap separates. */
function joinText(left: string, right: string, gap: number, size: number): string {
  const space = gap > 0.2 * size && LATIN.test(left.slice(-1)) && LATIN.test(right[0] ?? '');
  return space ? `${left} ${right}` : left + right;
}

function segmentOf(parts: PdfFragment[]): PdfSegment {
  let text = parts[0]?.text ?? '';
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1] as PdfFragment;
    const cur = parts[i] as PdfFragment;
    text = joinText(text, cur.text, cur.x0 - prev.x1, Math.max(prev.size, cur.size));
  }
  const first = parts[0] as PdfFragment;
  return {
    text,
    x0: Math.min(...parts.map((p) => p.x0)),
    x1: Math.max(...parts.map((p) => p.x1)),
    y: first.y,
    size: Math.max(...parts.map((p) => p.size)),
    numeric: isNumericText(text),
    parts,
  };
}

function joins(left: PdfFragment, right: PdfFragment): boolean {
  const size = Math.max(left.size, right.size);
  const gap = right.x0 - left.x1;
  if (gap <= 0.3 * size) return true;
  const digit = /\d/.test(left.text.slice(-1).normalize('NFKC')) || /\d/.test((right.text[0] ?? '').normalize('NFKC'));
  return !digit && gap <= 0.6 * size;
}

/**
 * Right edges where short pieces of text end on several lines, with a gap after them: the edge of a column of a
 * borderless table (a group label column whose cells are right-aligned or centred). Text is never glued across
 * such an edge even when the gap is below the join threshold — `其他处` of a wrapped group label and the row label
 * beside it 5 pt away stay two cells (issue 10, observation 1).
 */
function columnEdges(clusters: PdfFragment[][]): number[] {
  const edges: number[] = [];
  for (const cluster of clusters) {
    const byX = [...cluster].sort((a, b) => a.x0 - b.x0);
    byX.forEach((f, i) => {
      const next = byX[i + 1];
      if (next && next.x0 - f.x1 > 0.3 * Math.max(f.size, next.size) && [...f.text].length <= 12) edges.push(f.x1);
    });
  }
  return edges;
}

function atColumnEdge(left: PdfFragment, right: PdfFragment, edges: number[]): boolean {
  const size = Math.max(left.size, right.size);
  if (right.x0 - left.x1 <= 0.3 * size || [...left.text].length > 12) return false;
  let same = 0;
  for (const e of edges) if (Math.abs(e - left.x1) <= 0.6) same++;
  return same >= 3; // this piece and at least two others on other lines
}

export function groupPdfLines(fragments: PdfFragment[], page: number): PdfLine[] {
  const sorted = [...fragments].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const clusters: PdfFragment[][] = [];
  let current: PdfFragment[] = [];
  let ref = 0;
  for (const f of sorted) {
    if (current.length > 0 && Math.abs(f.y - ref) <= 0.3 * Math.min(f.size, current[0]?.size ?? f.size)) {
      current.push(f);
      continue;
    }
    if (current.length > 0) clusters.push(current);
    current = [f];
    ref = f.y;
  }
  if (current.length > 0) clusters.push(current);

  const edges = columnEdges(clusters);
  return clusters.map((cluster) => {
    const byX = cluster.sort((a, b) => a.x0 - b.x0);
    const segments: PdfSegment[] = [];
    let parts: PdfFragment[] = [];
    for (const f of byX) {
      const last = parts[parts.length - 1];
      if (last && (!joins(last, f) || atColumnEdge(last, f, edges))) {
        segments.push(segmentOf(parts));
        parts = [];
      }
      parts.push(f);
    }
    if (parts.length > 0) segments.push(segmentOf(parts));
    // The line's size is that of its largest text (a heading's, not a footnote mark's); its baseline is the one
    // most of its characters sit on (a cell's last wrapped character may sit a little off the row's baseline).
    const size = Math.max(...byX.map((f) => f.size));
    const main = byX.filter((f) => f.size >= 0.9 * size).reduce((m, f) => (f.text.length > m.text.length ? f : m));
    return {
      page,
      y: main.y,
      size,
      x0: segments[0]?.x0 ?? 0,
      x1: Math.max(...segments.map((s) => s.x1)),
      segments,
      text: segments.map((s) => s.text).join(' '),
    };
  });
}
