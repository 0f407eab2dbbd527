/**
 * The ruling lines a PDF page draws (issue 10), from the painted paths pdf.js reports — in the page's text content
 * with this project's edited worker (pdfjs-worker-patches.ts edit 4, one pass over the page), else in its
 * `getOperatorList()`: every stroked path segment (moveTo/lineTo, rectangles as their four sides) and every thin
 * filled rectangle (word processors draw cell borders as filled bars), in top-down page points. The current transform is tracked through save/restore,
 * `cm` and form XObjects, since writers draw tables inside transformed groups. Curves are skipped.
 *
 * What the segments mean (grids, cells, spans) is pure geometry in src/core/read/ruled-grid.ts.
 */
import type { RuleSegment } from '../core/read/ruled-grid.ts';

/** pdf.js operator numbers (OPS) and path drawing codes (DrawOPS) used here; stable across pdf.js 4–5. */
const OP = {
  setLineWidth: 2,
  save: 10,
  restore: 11,
  transform: 12,
  constructPath: 91,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
} as const;
const PAINT = { stroke: 20, closeStroke: 21, fill: 22, eoFill: 23, fillStroke: 24, eoFillStroke: 25 } as const;
const STROKES = new Set<number>([
  PAINT.stroke,
  PAINT.closeStroke,
  PAINT.fillStroke,
  PAINT.eoFillStroke,
  26, // closeFillStroke
  27, // closeEOFillStroke
]);
const FILLS = new Set<number>([PAINT.fill, PAINT.eoFill]);
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

/** A filled rectangle thinner than this (points) is a rule, not a shaded cell. */
const THIN_FILL = 2.5;
/** More path points than this on one page is a drawing or a chart, not a table: its rules are not read. */
const MAX_POINTS = 200000;

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  // Apply n first, then m (PDF: cm concatenates the new matrix in front of the current one).
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

export interface OperatorListLike {
  fnArray: number[];
  argsArray: unknown[];
}

/** One painted path: the paint operator (OPS), the path as pdf.js's DrawOPS codes and points, the transform then. */
export interface PaintedPath {
  paint: number;
  data: ArrayLike<number>;
  ctm: ArrayLike<number>;
}

/**
 * The painted paths of an operator list, each with the transform current when it was painted (tracked through
 * save/restore, `cm` and form XObjects). `null` when the page holds more path points than a table would
 * (MAX_POINTS): a drawing or a chart.
 */
export function operatorListPaths(list: OperatorListLike): PaintedPath[] | null {
  const out: PaintedPath[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let points = 0;
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OP.save) stack.push(ctm);
    else if (fn === OP.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OP.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === OP.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0];
      if (Array.isArray(matrix) || ArrayBuffer.isView(matrix))
        ctm = multiply(ctm, Array.from(matrix as ArrayLike<number>) as Matrix);
    } else if (fn === OP.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OP.constructPath && args) {
      const data = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
      if (!data) continue;
      points += data.length;
      if (points > MAX_POINTS) return null;
      out.push({ paint: args[0] as number, data, ctm });
    }
  }
  return out;
}

/**
 * The item the edited pdf.js worker adds to a page's text content (pdfjs-worker-patches.ts, edit
 * "paths-in-text-content"), so one pass over the page gives its text and its drawing: the painted paths since the
 * previous text content chunk, flat — per path its paint operator, the six numbers of the transform then, the count
 * of path numbers, and those numbers (pdf.js's DrawOPS codes and points, rounded to 32 bits as in its operator
 * lists). `data: null` marks a page whose paths exceeded the worker's limit.
 */
export interface TextContentPaths {
  type: 'gongkaiPaths';
  data: number[] | null;
}

export function isTextContentPaths(item: object): item is TextContentPaths {
  return (item as { type?: unknown }).type === 'gongkaiPaths';
}

/** The painted paths among a page's text content items (edited worker), `null` past MAX_POINTS as above. */
export function textContentPaths(items: readonly object[]): PaintedPath[] | null {
  const out: PaintedPath[] = [];
  let points = 0;
  for (const item of items) {
    if (!isTextContentPaths(item)) continue;
    if (!Array.isArray(item.data)) return null;
    // One typed array per item, paths as views into it: every path then reaches pathRulings in the same form.
    const flat = Float64Array.from(item.data);
    for (let k = 0; k + 8 <= flat.length;) {
      const count = flat[k + 7] as number;
      const data = flat.subarray(k + 8, k + 8 + count);
      points += data.length;
      if (points > MAX_POINTS) return null;
      out.push({ paint: flat[k] as number, ctm: flat.subarray(k + 1, k + 7), data });
      k += 8 + count;
    }
  }
  return out;
}

/**
 * Rules drawn by painted paths. `view` is the page's view box [x0, y0, x1, y1]; results are in the same top-down
 * coordinates as the text fragments (pdf-page-text.ts). `null` paths (a drawing, not a table) have no rules.
 *
 * A stroked path gives each straight piece (lineTo, and closePath back to the subpath's start; curves only move the
 * current point). A filled path gives, for each subpath of 4 or 5 points that is an axis-aligned rectangle once
 * transformed, its centre line along the long side if it is thin. Chromium draws every cell border as its own
 * filled rectangle (thousands per page), so this walks the numbers without building arrays per point.
 */
export function pathRulings(paths: PaintedPath[] | null, view: number[]): RuleSegment[] {
  if (!paths) return [];
  const [vx = 0, , , vy1 = 0] = view;
  const out: RuleSegment[] = [];
  /** The points of the current subpath of a fill, transformed: only rectangles (4 or 5 points) are kept. */
  const px = new Float64Array(5);
  const py = new Float64Array(5);
  for (const { paint, data, ctm } of paths) {
    const stroke = STROKES.has(paint);
    if (!stroke && !FILLS.has(paint)) continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = ctm as ArrayLike<number> & number[];
    const segment = (x0: number, y0: number, x1: number, y1: number) =>
      out.push({
        x0: a * x0 + c * y0 + e - vx,
        y0: vy1 - (b * x0 + d * y0 + f),
        x1: a * x1 + c * y1 + e - vx,
        y1: vy1 - (b * x1 + d * y1 + f),
      });
    let count = 0;
    const point = (x: number, y: number) => {
      if (count < 5) {
        px[count] = a * x + c * y + e;
        py[count] = b * x + d * y + f;
      }
      count++;
    };
    const endSubpath = () => {
      if (!stroke && (count === 4 || count === 5)) thinRectangle(px, py, count, vx, vy1, out);
      count = 0;
    };
    let started = false; // a current point exists
    let opened = false; // a subpath start exists (a moveTo)
    let x = 0;
    let y = 0;
    let sx = 0;
    let sy = 0;
    for (let k = 0; k < data.length;) {
      const code = data[k++];
      if (code === DRAW.moveTo) {
        endSubpath();
        x = sx = data[k] as number;
        y = sy = data[k + 1] as number;
        started = opened = true;
        point(x, y);
        k += 2;
      } else if (code === DRAW.lineTo) {
        const nx = data[k] as number;
        const ny = data[k + 1] as number;
        if (stroke && started) segment(x, y, nx, ny);
        point(nx, ny);
        x = nx;
        y = ny;
        started = true;
        k += 2;
      } else if (code === DRAW.curveTo || code === DRAW.quadraticCurveTo) {
        const end = code === DRAW.curveTo ? 4 : 2;
        x = data[k + end] as number;
        y = data[k + end + 1] as number;
        started = true;
        point(x, y);
        k += end + 2;
      } else if (code === DRAW.closePath) {
        if (stroke && started && opened && (x !== sx || y !== sy)) segment(x, y, sx, sy);
        x = sx;
        y = sy;
        started = opened;
        endSubpath();
      } else break; // unknown code: stop rather than misread the rest
    }
    endSubpath();
  }
  return out;
}

/** A thin filled rectangle (`count` transformed points) is a rule along its long side, through its middle. */
function thinRectangle(
  px: Float64Array,
  py: Float64Array,
  count: number,
  vx: number,
  vy1: number,
  out: RuleSegment[],
): void {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < count; i++) {
    x0 = Math.min(x0, px[i] as number);
    x1 = Math.max(x1, px[i] as number);
    y0 = Math.min(y0, py[i] as number);
    y1 = Math.max(y1, py[i] as number);
  }
  for (let i = 0; i < count; i++) {
    const onX = Math.abs((px[i] as number) - x0) < 0.5 || Math.abs((px[i] as number) - x1) < 0.5;
    const onY = Math.abs((py[i] as number) - y0) < 0.5 || Math.abs((py[i] as number) - y1) < 0.5;
    if (!onX || !onY) return; // not axis-aligned
  }
  if (y1 - y0 <= THIN_FILL && x1 - x0 > y1 - y0) {
    const ym = vy1 - (y0 + y1) / 2;
    out.push({ x0: x0 - vx, y0: ym, x1: x1 - vx, y1: ym });
  } else if (x1 - x0 <= THIN_FILL && y1 - y0 > x1 - x0) {
    const xm = (x0 + x1) / 2 - vx;
    out.push({ x0: xm, y0: vy1 - y0, x1: xm, y1: vy1 - y1 });
  }
}

/** Rules of a page from its operator list (pdf.js without this project's edits). */
export function pageRulings(list: OperatorListLike, view: number[]): RuleSegment[] {
  return pathRulings(operatorListPaths(list), view);
}
