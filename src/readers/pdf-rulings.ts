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

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export interface OperatorListLike {
  fnArray: number[];
  argsArray: unknown[];
}

/** Segments of one path, in user space: [x0, y0, x1, y1] per straight piece; curves break the path. */
function pathPieces(data: ArrayLike<number>): { pieces: number[][]; subpaths: number[][][] } {
  const pieces: number[][] = [];
  const subpaths: number[][][] = [];
  let points: number[][] = [];
  let start: number[] | null = null;
  let cur: number[] | null = null;
  const endSub = () => {
    if (points.length > 0) subpaths.push(points);
    points = [];
  };
  for (let k = 0; k < data.length;) {
    const code = data[k++];
    if (code === DRAW.moveTo) {
      endSub();
      cur = [data[k] as number, data[k + 1] as number];
      start = cur;
      points.push(cur);
      k += 2;
    } else if (code === DRAW.lineTo) {
      const next = [data[k] as number, data[k + 1] as number];
      if (cur) pieces.push([cur[0] as number, cur[1] as number, next[0] as number, next[1] as number]);
      points.push(next);
      cur = next;
      k += 2;
    } else if (code === DRAW.curveTo) {
      cur = [data[k + 4] as number, data[k + 5] as number];
      points.push(cur);
      k += 6;
    } else if (code === DRAW.quadraticCurveTo) {
      cur = [data[k + 2] as number, data[k + 3] as number];
      points.push(cur);
      k += 4;
    } else if (code === DRAW.closePath) {
      if (cur && start && (cur[0] !== start[0] || cur[1] !== start[1])) {
        pieces.push([cur[0] as number, cur[1] as number, start[0] as number, start[1] as number]);
      }
      cur = start;
      endSub();
    } else break; // unknown code: stop rather than misread the rest
  }
  endSub();
  return { pieces, subpaths };
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

/** The mark the edited worker adds to a page's text content when the page (or a form on it) paints an image. */
export function isTextContentImage(item: object): boolean {
  return (item as { type?: unknown }).type === 'gongkaiImage';
}

/** The painted paths among a page's text content items (edited worker), `null` past MAX_POINTS as above. */
export function textContentPaths(items: readonly object[]): PaintedPath[] | null {
  const out: PaintedPath[] = [];
  let points = 0;
  for (const item of items) {
    if (!isTextContentPaths(item)) continue;
    if (!Array.isArray(item.data)) return null;
    // One typed array per item, paths as views into it: every path then reaches pathPieces in the same form.
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
 */
export function pathRulings(paths: PaintedPath[] | null, view: number[]): RuleSegment[] {
  if (!paths) return [];
  const [vx = 0, , , vy1 = 0] = view;
  const out: RuleSegment[] = [];
  const push = (m: Matrix, x0: number, y0: number, x1: number, y1: number) => {
    const [ax, ay] = apply(m, x0, y0);
    const [bx, by] = apply(m, x1, y1);
    out.push({ x0: ax - vx, y0: vy1 - ay, x1: bx - vx, y1: vy1 - by });
  };
  for (const { paint, data, ctm: rawCtm } of paths) {
    const ctm = Array.from(rawCtm) as Matrix;
    const { pieces, subpaths } = pathPieces(data);
    if (STROKES.has(paint)) {
      for (const p of pieces) push(ctm, p[0] as number, p[1] as number, p[2] as number, p[3] as number);
    } else if (FILLS.has(paint)) {
      // A thin filled rectangle is a rule along its long side (through its middle).
      for (const sub of subpaths) {
        const tp = sub.map((p) => apply(ctm, p[0] as number, p[1] as number));
        if (tp.length < 4 || tp.length > 5) continue;
        const xs = tp.map((p) => p[0]);
        const ys = tp.map((p) => p[1]);
        const x0 = Math.min(...xs);
        const x1 = Math.max(...xs);
        const y0 = Math.min(...ys);
        const y1 = Math.max(...ys);
        const axisAligned = tp.every(
          (p) =>
            (Math.abs(p[0] - x0) < 0.5 || Math.abs(p[0] - x1) < 0.5) &&
            (Math.abs(p[1] - y0) < 0.5 || Math.abs(p[1] - y1) < 0.5),
        );
        if (!axisAligned) continue;
        const id: Matrix = [1, 0, 0, 1, 0, 0];
        if (y1 - y0 <= THIN_FILL && x1 - x0 > y1 - y0) push(id, x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
        else if (x1 - x0 <= THIN_FILL && y1 - y0 > x1 - x0) push(id, (x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
      }
    }
  }
  return out;
}

/** Rules of a page from its operator list (pdf.js without this project's edits). */
export function pageRulings(list: OperatorListLike, view: number[]): RuleSegment[] {
  return pathRulings(operatorListPaths(list), view);
}
