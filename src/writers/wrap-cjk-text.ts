/**
 * Line breaking for Chinese text in the PDF writer. The writer places every line itself (rather than letting
 * pdfkit flow text) so that row heights are known before a table row is drawn and a row is never cut by a page
 * break. Rules: break between any two CJK characters; never inside a run of Latin letters/digits (a number stays on
 * one line, so a reader cannot split it); a closing mark never starts a line and an opening mark never ends one
 * (避头尾), by moving the previous piece down with it.
 */

/** Measures a string in points at the current font and size. */
export type Measure = (text: string) => number;

const NO_LINE_START = new Set([...'，。、；：？！）》」』〕】〉…—·%,.;:?!)]}’”']);
const NO_LINE_END = new Set([...'（《「『〔【〈([{‘“']);
/** Latin words and numbers (with their decimal point, sign, percent) are unbreakable pieces. */
const PIECE = /[A-Za-z0-9]+(?:[.,:/%+-][A-Za-z0-9]+)*%?|\s+|[\s\S]/gu;

function pieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

function isSpace(piece: string): boolean {
  return /^\s+$/.test(piece);
}

/**
 * Greedy fill. Lines never break next to a space when another break is possible: a PDF text layer does not keep a
 * space at the edge of a line, so a reader joining the lines would lose it (`24 小时` would come back `24小时`).
 * Only between two Latin words, where every break is at a space, is the space dropped; readers put it back there.
 */
function greedy(parts: string[], maxWidth: number, measure: Measure, firstIndent = 0): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  let width = firstIndent;
  for (const part of parts) {
    const w = measure(part);
    if (width + w <= maxWidth + 0.01 || line.length === 0) {
      line.push(part);
      width += w;
      continue;
    }
    // Keep `k` pieces on this line, move the rest (and `part`) to the next one.
    let k = line.length;
    const movedFirst = (n: number) => (n < line.length ? line[n] : part) as string;
    // No break beside a space; 避头尾: a closing mark may not start a line, an opening mark may not end one.
    const bad = (n: number) =>
      isSpace(line[n - 1] as string) ||
      isSpace(movedFirst(n)) ||
      NO_LINE_START.has(movedFirst(n)[0] ?? '') ||
      NO_LINE_END.has(line[n - 1] as string);
    while (k > 1 && bad(k)) k--;
    if (k <= 1 && (isSpace(line[line.length - 1] as string) || isSpace(part))) k = line.length; // Latin text: break at the space
    const next = [...line.slice(k), part];
    lines.push(line.slice(0, k));
    line = next;
    while (line.length > 0 && isSpace(line[0] as string)) line.shift();
    const last = lines[lines.length - 1] as string[];
    while (last.length > 1 && isSpace(last[last.length - 1] as string)) last.pop();
    width = line.reduce((s, p) => s + measure(p), 0);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => l.join(''));
}

export interface WrapOptions {
  /** Lines about equally long: a table header 结果维持 becomes 结果/维持 rather than 结果维/持, as Word does. */
  balanced?: boolean;
  /** Points taken from the first line of each paragraph (首行缩进). */
  firstIndent?: number;
}

/** Breaks `text` into lines no wider than `maxWidth`; explicit line feeds are kept. */
export function wrapCjkText(text: string, maxWidth: number, measure: Measure, options: WrapOptions = {}): string[] {
  const { balanced = false, firstIndent = 0 } = options;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    // A piece wider than a whole line (a URL, a long Latin name in a title) cannot stay whole: it would run off the
    // page. It is cut between characters, where it reaches the edge.
    const parts = pieces(paragraph).flatMap((p) => (measure(p) > maxWidth - firstIndent + 0.01 ? [...p] : [p]));
    let lines = greedy(parts, maxWidth, measure, firstIndent);
    if (balanced && lines.length > 1 && firstIndent === 0) {
      // The narrowest width that still needs no more lines than the greedy fill (binary search on points).
      let lo = measure(paragraph) / lines.length;
      let hi = maxWidth;
      for (let i = 0; i < 12 && hi - lo > 0.5; i++) {
        const mid = (lo + hi) / 2;
        if (greedy(parts, mid, measure).length <= lines.length) hi = mid;
        else lo = mid;
      }
      lines = greedy(parts, hi, measure);
    }
    out.push(...lines);
  }
  return out;
}
