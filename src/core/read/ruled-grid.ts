/**
 * Table grids from the ruling lines a PDF draws (issue 10): pure geometry, no PDF library. The reader
 * (src/readers/pdf-rulings.ts) extracts the stroked segments and thin filled rectangles of a page; this module
 * snaps and joins them, groups the lines that touch into tables, builds the cells with their row and column
 * spans, and puts every glyph into the cell that contains its centre. Rows are the bands between horizontal
 * rules, not text baselines — so values printed on another baseline than their label, a label of two paragraphs
 * with the values centred between them, or text closer to its neighbour than any gap threshold are read as the
 * drawing shows them. This is the "lattice" reading of Tabula/Camelot and pdfplumber's "lines" strategy.
 *
 * Coordinates are page points, top-down (y grows downwards), like the text fragments of the reader.
 */

export interface RuleSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A horizontal rule at `at` from `from` to `to` (x), or a vertical one at x = `at` from `from` to `to` (y). */
interface Rule {
  at: number;
  from: number;
  to: number;
}

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface RuledGrid {
  /** Column rules, left to right (xs.length - 1 grid columns). */
  xs: number[];
  /** Row rules, top to bottom (ys.length - 1 bands). */
  ys: number[];
  cells: GridCell[];
}

/** Positions closer than this (points) are one rule: borders drawn per cell, rounding, line width. */
const SNAP = 2;
/** A segment this far from perpendicular still counts as horizontal/vertical. */
const SKEW = 1;
/** Rules shorter than this are glyph strokes or ticks, not table borders. */
const MIN_RULE = 4;

function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - (last[last.length - 1] as number) <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((group) => group.reduce((s, v) => s + v, 0) / group.length);
}

/** Rules grouped by their position (`at`), each group in the order given. */
function rulesByPosition(rules: Rule[]): Map<number, Rule[]> {
  const byAt = new Map<number, Rule[]>();
  for (const r of rules) {
    const list = byAt.get(r.at);
    if (list) list.push(r);
    else byAt.set(r.at, [r]);
  }
  return byAt;
}

function snapTo(positions: number[], v: number): number {
  let best = v;
  let bestDistance = Infinity;
  for (const p of positions) {
    const d = Math.abs(p - v);
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

/** Collinear rules at one position that touch or overlap (within SNAP) become one. */
function joinCollinear(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const [at, list] of rulesByPosition(rules)) {
    list.sort((a, b) => a.from - b.from);
    let cur: Rule | null = null;
    for (const r of list) {
      if (cur && r.from <= cur.to + SNAP) cur.to = Math.max(cur.to, r.to);
      else {
        if (cur) out.push(cur);
        cur = { at, from: r.from, to: r.to };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

/** Horizontal and vertical rules of a page, snapped and joined. Diagonal and tiny segments are dropped. */
export function normalizeRules(segments: RuleSegment[]): { horizontal: Rule[]; vertical: Rule[] } {
  const h: Rule[] = [];
  const v: Rule[] = [];
  for (const s of segments) {
    const dx = Math.abs(s.x1 - s.x0);
    const dy = Math.abs(s.y1 - s.y0);
    if (dy <= SKEW && dx >= MIN_RULE) {
      h.push({ at: (s.y0 + s.y1) / 2, from: Math.min(s.x0, s.x1), to: Math.max(s.x0, s.x1) });
    } else if (dx <= SKEW && dy >= MIN_RULE) {
      v.push({ at: (s.x0 + s.x1) / 2, from: Math.min(s.y0, s.y1), to: Math.max(s.y0, s.y1) });
    }
  }
  const snapAll = (rules: Rule[]) => {
    const positions = clusterPositions(rules.map((r) => r.at));
    return joinCollinear(rules.map((r) => ({ at: snapTo(positions, r.at), from: r.from, to: r.to })));
  };
  return { horizontal: snapAll(h), vertical: snapAll(v) };
}

function touches(h: Rule, v: Rule): boolean {
  return v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP;
}

/** Length of [from, to] covered by the rules (at one position). */
function covered(rules: Rule[], from: number, to: number): number {
  let total = 0;
  for (const r of rules) total += Math.max(0, Math.min(r.to, to) - Math.max(r.from, from));
  return total;
}

/**
 * The tables of a page: rules that touch form one table; a table needs at least two column rules and two row
 * rules. Each comes back with its cells, merged cells (no rule between two grid boxes) given as spans.
 */
export function ruledGrids(segments: RuleSegment[]): RuledGrid[] {
  const { horizontal, vertical } = normalizeRules(segments);
  const all = [...horizontal.map((r) => ({ r, h: true })), ...vertical.map((r) => ({ r, h: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let i = 0; i < horizontal.length; i++) {
    for (let j = 0; j < vertical.length; j++) {
      if (touches(horizontal[i] as Rule, vertical[j] as Rule)) parent[find(i)] = find(horizontal.length + j);
    }
  }
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  all.forEach((item, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    (item.h ? g.h : g.v).push(item.r);
    groups.set(find(i), g);
  });
  const grids: RuledGrid[] = [];
  for (const { h, v } of groups.values()) {
    const ys = [...new Set(h.map((r) => r.at))].sort((a, b) => a - b);
    const xs = [...new Set(v.map((r) => r.at))].sort((a, b) => a - b);
    if (ys.length < 2 || xs.length < 2 || (ys.length < 3 && xs.length < 3)) continue;
    const grid = buildCells(xs, ys, h, v);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => (a.ys[0] as number) - (b.ys[0] as number));
}

function buildCells(xs: number[], ys: number[], h: Rule[], v: Rule[]): RuledGrid | null {
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows * cols > 20000) return null; // not a report table; keeps hostile drawings bounded
  const hAt = rulesByPosition(h);
  const vAt = rulesByPosition(v);
  /** A rule separates two boxes when it covers most of their common edge. */
  const walled = (rules: Rule[] | undefined, from: number, to: number) =>
    covered(rules ?? [], from, to) >= 0.5 * (to - from);
  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const y0 = ys[r] as number;
      const y1 = ys[r + 1] as number;
      const x0 = xs[c] as number;
      const x1 = xs[c + 1] as number;
      if (c + 1 < cols && !walled(vAt.get(x1), y0, y1)) union(id(r, c), id(r, c + 1));
      if (r + 1 < rows && !walled(hAt.get(y1), x0, x1)) union(id(r, c), id(r + 1, c));
    }
  }
  const boxes = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      const b = boxes.get(root);
      if (b) {
        b.r0 = Math.min(b.r0, r);
        b.r1 = Math.max(b.r1, r);
        b.c0 = Math.min(b.c0, c);
        b.c1 = Math.max(b.c1, c);
      } else boxes.set(root, { r0: r, r1: r, c0: c, c1: c });
    }
  }
  const cells: GridCell[] = [...boxes.values()].map((b) => ({
    row: b.r0,
    col: b.c0,
    rowSpan: b.r1 - b.r0 + 1,
    colSpan: b.c1 - b.c0 + 1,
    x0: xs[b.c0] as number,
    x1: xs[b.c1 + 1] as number,
    y0: ys[b.r0] as number,
    y1: ys[b.r1 + 1] as number,
  }));
  // One box holding everything (a frame around the page or a text box) is not a table.
  if (cells.length < 2) return null;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { xs, ys, cells };
}

/** A positioned glyph (or run of glyphs that no rule cuts): baseline `y`, font size `size`. */
export interface Glyph {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** The vertical centre of a glyph: its baseline is near the bottom of the em box. */
export function glyphCentreY(g: Glyph): number {
  return g.y - 0.35 * g.size;
}

export function gridContains(grid: RuledGrid, x: number, y: number): boolean {
  return (
    x >= (grid.xs[0] as number) &&
    x <= (grid.xs[grid.xs.length - 1] as number) &&
    y >= (grid.ys[0] as number) &&
    y <= (grid.ys[grid.ys.length - 1] as number)
  );
}

function cellAt(grid: RuledGrid, x: number, y: number): GridCell | undefined {
  return grid.cells.find((c) => x >= c.x0 && x < c.x1 && y >= c.y0 && y < c.y1);
}

const LATIN = /[A-Za-z0-9]/;

/** The text of the glyphs of one cell: lines by baseline (within 0.3 em), top to bottom, each left to right. */
export function cellText(glyphs: Glyph[]): string {
  const sorted = [...glyphs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Glyph[][] = [];
  for (const g of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs((line[0] as Glyph).y - g.y) <= 0.3 * Math.min(g.size, (line[0] as Glyph).size)) line.push(g);
    else lines.push([g]);
  }
  let text = '';
  for (const line of lines) {
    line.sort((a, b) => a.x0 - b.x0);
    let prev: Glyph | null = null;
    for (const g of line) {
      const last = text.slice(-1);
      const gap = prev ? g.x0 - prev.x1 : 0;
      // A space only between Latin letters or digits, where the line breaks or a visible gap separates them.
      const space =
        text !== '' && LATIN.test(last) && LATIN.test(g.text[0] ?? '') && (prev === null || gap > 0.2 * g.size);
      text += (space ? ' ' : '') + g.text;
      prev = g;
    }
  }
  return text;
}

export interface GridRow {
  /** Top of the band. */
  y: number;
  /** The cells that start in this band, left to right (a cell a rowspan from above covers is not repeated). */
  cells: { text: string; col: number; colSpan: number; x0: number; x1: number }[];
}

/** Puts every glyph into the cell containing its centre and returns the rows (bands) with their texts. */
export function gridRows(grid: RuledGrid, glyphs: Glyph[]): GridRow[] {
  const inCell = new Map<GridCell, Glyph[]>();
  for (const g of glyphs) {
    const cell = cellAt(grid, (g.x0 + g.x1) / 2, glyphCentreY(g));
    if (!cell) continue;
    const list = inCell.get(cell);
    if (list) list.push(g);
    else inCell.set(cell, [g]);
  }
  const rows: GridRow[] = [];
  for (let r = 0; r < grid.ys.length - 1; r++) {
    const cells = grid.cells
      .filter((c) => c.row === r)
      .map((c) => ({ text: cellText(inCell.get(c) ?? []), col: c.col, colSpan: c.colSpan, x0: c.x0, x1: c.x1 }));
    rows.push({ y: grid.ys[r] as number, cells });
  }
  return rows.filter((row) => row.cells.length > 0);
}

/** Characters about one em wide (CJK, full-width forms); others are counted as about half an em. */
export const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6“”‘’…—]/u;

/**
 * Cuts a text run that crosses a column rule of `grid` into single glyphs with estimated positions (CJK one em
 * wide, others about half, scaled to the run's width), so each lands in its own cell; other runs stay whole.
 */
export function cutAtRules(grid: RuledGrid, run: Glyph): Glyph[] {
  const inner = 0.2 * run.size;
  const crosses = grid.xs.some((x) => x > run.x0 + inner && x < run.x1 - inner);
  if (!crosses) return [run];
  const chars = [...run.text];
  const ems = chars.map((ch) => (/\s/.test(ch) ? 0.3 : WIDE.test(ch) ? 1 : 0.55));
  const total = ems.reduce((s, e) => s + e, 0);
  const scale = (run.x1 - run.x0) / Math.max(total, 1e-6);
  const out: Glyph[] = [];
  let x = run.x0;
  chars.forEach((ch, i) => {
    const w = (ems[i] as number) * scale;
    if (!/\s/.test(ch)) out.push({ text: ch, x0: x, x1: x + w, y: run.y, size: run.size });
    x += w;
  });
  return out;
}
