/**
 * Rebuilds the rows of one table from the text lines of a table zone (see pdf-blocks.ts for how zones are found),
 * using positions only — PDFs from LibreOffice's HTML import, for one, draw no cell borders at all.
 *
 * - Data rows are anchored on the lines that carry numbers. The value area starts at the leftmost number; text
 *   left of it is a row label, text over it on a line without numbers is a header or a block heading.
 * - Value columns (“slots”) are learned per band of rows between header lines, from where the numbers of all
 *   rows of the band sit; a row without a value in a slot gets an empty cell, and two pieces in one slot are one
 *   number drawn in pieces. Numbers are never glued: pieces separated by a gap or a space in different slots
 *   stay separate cells.
 * - A label that wraps onto several lines is joined back (lines about one line-height apart, overlapping
 *   horizontally, the next not starting with a list marker such as “2.” or “（三）”) and belongs to the row whose
 *   number line it contains or is nearest to. Group labels of merged cells (三、本年度办理结果, （三）不予公开)
 *   come first in the row they are nearest to. A label with no number line of its own, where the neighbouring row
 *   already has a label in that column, is a row whose values are all blank.
 */
import { WIDE } from '../core/read/ruled-grid.ts';
import { LIST_MARKER, type PdfLine, type PdfSegment } from './pdf-lines.ts';

export interface ZoneCell {
  text: string;
  x0: number;
  x1: number;
}

export interface ZoneRow {
  /** `data`: a row with values (or a label whose values are all blank); `free`: header, block heading, note. */
  kind: 'data' | 'free';
  /** Top of the row, for reading order. */
  y: number;
  cells: ZoneCell[];
  /** How many of the cells, from the left, are labels (the rest are values). */
  labels: number;
  /** A data row that has a label but no printed value. */
  blank?: boolean;
}

interface Piece {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** Index (in the zone) of the number line this piece sits on, if any. */
  anchor: number | null;
}

interface Box {
  pieces: Piece[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
}

/** Words of a segment with estimated positions: CJK characters are one em wide, others about half. */
function words(segment: PdfSegment): Piece[] {
  const out: Piece[] = [];
  for (const part of segment.parts) {
    const tokens = part.text.split(/(\s+)/).filter((t) => t !== '');
    const em = (t: string) => [...t].reduce((s, ch) => s + (WIDE.test(ch) ? 1 : 0.55), 0) * part.size;
    const spaces = tokens.filter((t) => /^\s+$/.test(t)).reduce((s, t) => s + t.length, 0);
    const inked = tokens.filter((t) => !/^\s+$/.test(t)).reduce((s, t) => s + em(t), 0);
    const width = part.x1 - part.x0;
    const scale = inked > width || spaces === 0 ? width / Math.max(inked, 1e-6) : 1;
    const space = spaces > 0 ? Math.max(0, width - inked * scale) / spaces : 0;
    let x = part.x0;
    for (const t of tokens) {
      if (/^\s+$/.test(t)) {
        x += space * t.length;
        continue;
      }
      const w = em(t) * scale;
      out.push({ text: t, x0: x, x1: x + w, y: part.y, size: part.size, anchor: null });
      x += w;
    }
  }
  return out;
}

/** Words of a segment with touching pieces joined (a cell drawn in several fonts is one word): split only at gaps. */
function cellWords(segment: PdfSegment): Piece[] {
  const out: Piece[] = [];
  for (const w of words(segment)) {
    const last = out[out.length - 1];
    if (last && w.x0 - last.x1 < 0.25 * w.size) {
      last.text += w.text;
      last.x1 = w.x1;
    } else out.push({ ...w });
  }
  return out;
}

function joinTexts(left: string, right: string): string {
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right) ? `${left} ${right}` : left + right;
}

function overlap(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/** Pieces grouped into visual lines (baselines within 0.3 em), top to bottom, each line left to right. */
function byLines(pieces: Piece[]): Piece[][] {
  const lines: Piece[][] = [];
  for (const p of [...pieces].sort((a, b) => a.y - b.y)) {
    const line = lines[lines.length - 1];
    if (line && Math.abs((line[0] as Piece).y - p.y) <= 0.3 * p.size) line.push(p);
    else lines.push([p]);
  }
  return lines.map((line) => line.sort((a, b) => a.x0 - b.x0));
}

function boxText(box: Box): string {
  return byLines(box.pieces)
    .flat()
    .reduce((text, p) => (text === '' ? p.text : joinTexts(text, p.text)), '');
}

function newBox(p: Piece): Box {
  return { pieces: [p], x0: p.x0, x1: p.x1, top: p.y - 0.85 * p.size, bottom: p.y + 0.2 * p.size, size: p.size };
}

/**
 * Joins wrapped text: a piece continues the box above it when it starts one line below (≤ 1.65 em), overlaps it
 * horizontally, has the same size, does not start a list item, no header line lies between, and the two are not
 * on two different number lines (two rows of a tight table).
 */
function mergeWrapped(pieces: Piece[], barriers: number[]): Box[] {
  const boxes: Box[] = [];
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  for (const p of sorted) {
    let best: Box | null = null;
    let bestGap = Infinity;
    for (const box of boxes) {
      const last = box.pieces.reduce((m, q) => (q.y > m.y ? q : m), box.pieces[0] as Piece);
      const gap = p.y - last.y;
      const sameLine = Math.abs(gap) <= 0.3 * p.size;
      if (sameLine) continue;
      if (gap <= 0.5 * p.size || gap > 1.65 * p.size) continue;
      if (Math.abs(p.size - box.size) > 0.1 * box.size) continue;
      const lastLine = box.pieces.filter((q) => Math.abs(q.y - last.y) <= 0.3 * q.size);
      const lineExtent = { x0: Math.min(...lastLine.map((q) => q.x0)), x1: Math.max(...lastLine.map((q) => q.x1)) };
      if (overlap(p, lineExtent) < 0.5 * Math.min(p.x1 - p.x0, lineExtent.x1 - lineExtent.x0)) continue;
      if (LIST_MARKER.test(p.text)) continue;
      if (barriers.some((y) => y > last.y + 0.3 * p.size && y < p.y - 0.3 * p.size)) continue;
      if (p.anchor !== null && last.anchor !== null && p.anchor !== last.anchor) continue;
      if (gap < bestGap) {
        best = box;
        bestGap = gap;
      }
    }
    if (best) {
      best.pieces.push(p);
      best.x0 = Math.min(best.x0, p.x0);
      best.x1 = Math.max(best.x1, p.x1);
      best.bottom = Math.max(best.bottom, p.y + 0.2 * p.size);
    } else {
      boxes.push(newBox(p));
    }
  }
  return boxes;
}

/** Value columns of a band: numbers that overlap or share a centre, left or right edge are one column. */
function slotsOf(values: Piece[]): { x0: number; x1: number }[] {
  const parent = values.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i] as Piece;
      const b = values[j] as Piece;
      const tol = Math.min(a.size, b.size);
      const same =
        overlap(a, b) > 0 ||
        Math.abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= 0.8 * tol ||
        Math.abs(a.x0 - b.x0) <= 0.4 * tol ||
        Math.abs(a.x1 - b.x1) <= 0.4 * tol;
      if (same) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, { x0: number; x1: number }>();
  values.forEach((v, i) => {
    const g = groups.get(find(i));
    groups.set(find(i), g ? { x0: Math.min(g.x0, v.x0), x1: Math.max(g.x1, v.x1) } : { x0: v.x0, x1: v.x1 });
  });
  return [...groups.values()].sort((a, b) => a.x0 - b.x0);
}

function slotIndex(slots: { x0: number; x1: number }[], p: { x0: number; x1: number }): number {
  const c = (p.x0 + p.x1) / 2;
  let best = -1;
  let bestDistance = Infinity;
  slots.forEach((s, i) => {
    const d = c < s.x0 ? s.x0 - c : c > s.x1 ? c - s.x1 : 0;
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/**
 * Cuts a header segment where its words fall into different value columns (pdf.js joins close cells with a space).
 * Only at a gap: pieces that touch are one cell spanning columns (第二十条第（一）项 drawn in several fonts).
 */
function splitBySlots(segment: PdfSegment, slots: { x0: number; x1: number }[], valueStart: number): Piece[] {
  const ws = cellWords(segment);
  if (ws.length <= 1 || slots.length === 0) return [{ ...segmentPiece(segment) }];
  const column = (w: Piece) => ((w.x0 + w.x1) / 2 < valueStart ? -1 : slotIndex(slots, w));
  const out: Piece[] = [];
  let prevColumn = NaN;
  for (const w of ws) {
    const col = column(w);
    const last = out[out.length - 1];
    if (last && col === prevColumn) {
      last.text = joinTexts(last.text, w.text);
      last.x1 = w.x1;
    } else out.push({ ...w });
    prevColumn = col;
  }
  return out;
}

function segmentPiece(s: PdfSegment, anchor: number | null = null): Piece {
  return { text: s.text, x0: s.x0, x1: s.x1, y: s.y, size: s.size, anchor };
}

/**
 * The columns of a band from its header when the values alone show fewer (a blank in a one-row table such as
 * table 4, a column blank in every row): the header's leaf cells — those with no header cell below them, unlike
 * 行政诉讼 or 第二十条第（五）项 — are the columns, provided every value column found lies under a different one.
 */
function withHeaderColumns(slots: { x0: number; x1: number }[], headerWords: Piece[]): { x0: number; x1: number }[] {
  const boxes = mergeWrapped(headerWords, []);
  const centre = (b: { x0: number; x1: number }) => (b.x0 + b.x1) / 2;
  const leaves = boxes
    .filter((b) => !boxes.some((o) => o !== b && o.top > b.bottom - 0.2 * b.size && overlap(o, b) > 0))
    .sort((a, b) => a.x0 - b.x0);
  const distinct = leaves.filter((b, i) => i === 0 || centre(b) - centre(leaves[i - 1] as Box) > 0.5 * b.size);
  if (distinct.length <= slots.length) return slots;
  const owner = slots.map((s) =>
    distinct.findIndex((b) => centre(s) >= b.x0 - 0.5 * b.size && centre(s) <= b.x1 + 0.5 * b.size),
  );
  if (owner.some((o) => o < 0) || new Set(owner).size !== owner.length) return slots;
  return distinct.map((b, i) => {
    const k = owner.indexOf(i);
    return k >= 0 ? (slots[k] as { x0: number; x1: number }) : { x0: b.x0, x1: b.x1 };
  });
}

/** Header boxes grouped into rows: boxes whose vertical centres agree, left to right. */
function headerRows(pieces: Piece[]): ZoneRow[] {
  const headerBoxes = mergeWrapped(pieces, []);
  headerBoxes.sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const grouped: Box[][] = [];
  for (const box of headerBoxes) {
    const centre = (box.top + box.bottom) / 2;
    const row = grouped.find((r) => {
      const c = (Math.min(...r.map((b) => b.top)) + Math.max(...r.map((b) => b.bottom))) / 2;
      return Math.abs(c - centre) <= 0.6 * box.size && !r.some((b) => overlap(b, box) > 0);
    });
    if (row) row.push(box);
    else grouped.push([box]);
  }
  return grouped.map((r) => {
    r.sort((a, b) => a.x0 - b.x0);
    const cells = r.map((b) => ({ text: boxText(b), x0: b.x0, x1: b.x1 }));
    return { kind: 'free', y: Math.min(...r.map((b) => b.top)), labels: r.length, cells };
  });
}

/** A table head without data rows (a word processor left it at the foot of the page before its rows). */
export function readTableHead(lines: PdfLine[]): ZoneRow[] {
  return headerRows(lines.flatMap((l) => l.segments.map((s) => segmentPiece(s)))).sort((a, b) => a.y - b.y);
}

export function readTableZone(lines: PdfLine[]): ZoneRow[] {
  const anchors = lines.filter((l) => l.segments.some((s) => s.numeric));
  if (anchors.length === 0) return readTableHead(lines);
  const numericSegments = anchors.flatMap((l) => l.segments.filter((s) => s.numeric));
  // The value area starts at the leftmost number — or at a header cell standing right of every row label, when the
  // first value column happens to be blank in every row (自然人 with no number under it).
  const labelRight = Math.max(
    -Infinity,
    ...anchors.flatMap((l) =>
      l.segments.filter((s) => !s.numeric && s.x1 < l.segments.find((n) => n.numeric)!.x0).map((s) => s.x1),
    ),
  );
  let valueStart = Math.min(...numericSegments.map((s) => s.x0));
  const reaches = (s: { x0: number; x1: number; size: number }) => s.x1 > valueStart + 0.5 * s.size;
  for (const l of lines) {
    if (anchors.includes(l) || !l.segments.some(reaches)) continue;
    for (const s of l.segments) if (s.x0 > labelRight + s.size && s.x0 < valueStart) valueStart = s.x0;
  }
  const inValueArea = (s: { x0: number; x1: number; size: number }) => s.x1 > valueStart + 0.5 * s.size;

  // Lines without numbers that reach into the value area are headers; they split the zone into bands.
  const freeLines = lines.filter((l) => !anchors.includes(l) && l.segments.some(inValueArea));
  const barriers = freeLines.map((l) => l.y);
  const bandOf = (y: number) => barriers.filter((b) => b < y).length;
  /** Header words in the value area of the header lines right above band `band` (no rows in between). */
  const headerAbove = (band: number): Piece[] => {
    const hasRows = (b: number) => anchors.some((l) => bandOf(l.y) === b);
    let first = band - 1;
    while (first > 0 && !hasRows(first)) first--;
    const head = freeLines.filter((l) => bandOf(l.y) >= first && bandOf(l.y) < band);
    return head.flatMap((l) => l.segments.filter(inValueArea).flatMap((s) => cellWords(s)));
  };

  // Values of every number line, with numbers pdf.js joined by spaces taken apart.
  const values = new Map<PdfLine, Piece[]>();
  const labelPieces: Piece[] = [];
  anchors.forEach((line, a) => {
    const vs: Piece[] = [];
    for (const s of line.segments) {
      if (s.numeric) vs.push(...words(s).map((w) => ({ ...w, anchor: a })));
      else if (s.x0 >= valueStart - 0.5 * s.size) vs.push(segmentPiece(s, a));
      else labelPieces.push(segmentPiece(s, a));
    }
    values.set(line, vs);
  });
  for (const line of lines) {
    if (anchors.includes(line) || freeLines.includes(line)) continue;
    labelPieces.push(...line.segments.map((s) => segmentPiece(s)));
  }

  const bandSlots = new Map<number, { x0: number; x1: number }[]>();
  for (const line of anchors) {
    const band = bandOf(line.y);
    if (!bandSlots.has(band)) {
      const inBand = anchors.filter((l) => bandOf(l.y) === band).flatMap((l) => values.get(l) ?? []);
      bandSlots.set(band, withHeaderColumns(slotsOf(inBand), headerAbove(band)));
    }
  }
  /** The first band with rows below a header line: the columns that line describes. */
  const slotsBelow = (y: number) => {
    const bands = [...bandSlots.keys()].filter((b) => b > bandOf(y)).sort((a, b) => a - b);
    return bandSlots.get(bands[0] ?? -1) ?? bandSlots.get(bandOf(y)) ?? [];
  };

  // Label boxes, then which row each belongs to.
  const boxes = mergeWrapped(labelPieces, barriers);
  const rowLabels = new Map<number, Box[]>(anchors.map((_, a) => [a, []]));
  const extraRows: { y: number; box: Box }[] = [];
  const freeBoxes: Box[] = [];
  const anchorOf = (box: Box): number | null => {
    const own = box.pieces.find((p) => p.anchor !== null);
    if (own) return own.anchor;
    const band = bandOf(box.top + 0.85 * box.size);
    const candidates = anchors.map((l, a) => ({ l, a })).filter(({ l }) => bandOf(l.y) === band);
    if (candidates.length === 0) return null;
    const inside = candidates.find(({ l }) => l.y >= box.top - 0.3 * box.size && l.y <= box.bottom + 0.3 * box.size);
    if (inside) return inside.a;
    const centre = (box.top + box.bottom) / 2;
    return candidates.reduce((m, c) => (Math.abs(c.l.y - centre) < Math.abs(m.l.y - centre) ? c : m)).a;
  };
  const distance = (box: Box, a: number) => {
    const y = anchors[a]?.y ?? 0;
    return y < box.top ? box.top - y : y > box.bottom ? y - box.bottom : 0;
  };
  // Per row: its own label is the rightmost box on or around its number line (else the nearest box). Other boxes
  // that end left of it and overlap it vertically are group labels of merged cells (三、本年度办理结果, （三）不予公开); a
  // box right of it is a heading of its own (第二十条第（六）项 centred over a table whose values sit further right);
  // any other box is another row, whose values are all blank — never a second label in this row.
  const candidates = new Map<number, Box[]>();
  for (const box of boxes) {
    const anchor = anchorOf(box);
    if (anchor === null) freeBoxes.push(box);
    else candidates.set(anchor, [...(candidates.get(anchor) ?? []), box]);
  }
  for (const [anchor, list] of candidates) {
    const on = list.filter((b) => distance(b, anchor) === 0);
    const own =
      on.length > 0
        ? on.reduce((m, b) => (b.x0 > m.x0 ? b : m))
        : list.reduce((m, b) => (distance(b, anchor) < distance(m, anchor) ? b : m));
    const labels = [own];
    for (const box of list) {
      if (box === own) continue;
      const tol = 0.5 * box.size;
      // A group label overlaps its row's label vertically. One that does not is taken as a row of its own: a group
      // label read as a blank row is harmless, a row label read as this row's group label would take its values.
      const gap = Math.max(box.top - own.bottom, own.top - box.bottom, 0);
      if (distance(box, anchor) === 0 || (box.x1 <= own.x0 + tol && gap <= 0.3 * box.size)) labels.push(box);
      else if (box.x0 >= own.x1 - tol) freeBoxes.push(box);
      else extraRows.push({ y: box.top, box });
    }
    rowLabels.set(anchor, labels);
  }

  const rows: ZoneRow[] = [];
  anchors.forEach((line, a) => {
    const slots = bandSlots.get(bandOf(line.y)) ?? [];
    const cellsBySlot: (ZoneCell | null)[] = slots.map(() => null);
    for (const v of values.get(line) ?? []) {
      const i = slotIndex(slots, v);
      const cell = cellsBySlot[i];
      // Two pieces in one column are one value drawn in pieces (“1” “2” → “12”).
      cellsBySlot[i] = cell
        ? { text: cell.text + v.text, x0: cell.x0, x1: v.x1 }
        : { text: v.text, x0: v.x0, x1: v.x1 };
    }
    const labels = (rowLabels.get(a) ?? []).sort((p, q) => p.x0 - q.x0);
    rows.push({
      kind: 'data',
      y: line.y - 0.85 * line.size,
      labels: labels.length,
      cells: [
        ...labels.map((b) => ({ text: boxText(b), x0: b.x0, x1: b.x1 })),
        ...cellsBySlot.map((c, i) => c ?? { text: '', x0: slots[i]?.x0 ?? 0, x1: slots[i]?.x1 ?? 0 }),
      ],
    });
  });
  for (const { y, box } of extraRows) {
    const slots = bandSlots.get(bandOf(box.top + 0.85 * box.size)) ?? [];
    rows.push({
      kind: 'data',
      y,
      blank: true,
      labels: 1,
      cells: [{ text: boxText(box), x0: box.x0, x1: box.x1 }, ...slots.map((s) => ({ text: '', x0: s.x0, x1: s.x1 }))],
    });
  }

  // Headers: the header lines' words (cut by the columns of the band below) and labels outside any band of rows.
  const freePieces: Piece[] = [];
  for (const line of freeLines) {
    const below = slotsBelow(line.y);
    for (const s of line.segments)
      freePieces.push(...(inValueArea(s) ? splitBySlots(s, below, valueStart) : [segmentPiece(s)]));
  }
  rows.push(...headerRows([...freePieces, ...freeBoxes.flatMap((b) => b.pieces)]));

  return rows.sort((a, b) => a.y - b.y);
}
