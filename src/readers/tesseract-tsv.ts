/**
 * Tesseract's TSV output (`tesseract page.png - tsv`) as the positioned text fragments the PDF reader builds its lines
 * and borderless tables from (pdf-page-text.ts): the words of a scanned page become what pdf.js would have given for
 * a text layer, so a scan is read by the same path as a borderless PDF (issue 10, item 6).
 *
 * TSV rows of level 5 are words with a pixel box (left, top, width, height) and a confidence; rows of level 4 are
 * the lines those words belong to. Conversions, each because of what Tesseract does with Chinese:
 * - The baseline of a word is the median bottom of its line's words: a quote mark or 、 sits higher or lower than
 *   the characters beside it, and grouping by each word's own bottom would cut the line (pdf-lines.ts groups by
 *   baseline within 0.3 em).
 * - The font size is estimated from the height of the ink: a Chinese character fills ~0.92 em, a digit ~0.75 em.
 * - chi_sim word boxes sometimes reach over the next word (`第` drawn 4 characters wide): a box is clipped at the
 *   start of the next word on the line, so gaps — which decide what is one table cell — stay true.
 * - Word boxes are ink boxes, narrower than the characters' em boxes: `行政` and `强制` of one cell are ~0.5 em apart,
 *   where pdf.js would give touching runs, and `行政` ending at the same place on four rows looked like a column
 *   edge (pdf-lines.ts). Words of one OCR line closer than half an em (a quarter next to a digit, so the values of
 *   neighbouring cells never join) are one fragment; the gaps between cells are far wider.
 * - Vertical bars are the ruling lines of a table that the OCR took for text: dropped, also at the edge of a word
 *   (`0|`), as are words recognised with a confidence under 20 (specks, stamps). A word with bars inside (`|olol`:
 *   two cells and their rules read as one word) is cut at the bars — and at `l`, `I`, `!`, `[`, `]`, which in such a
 *   word are rules read as letters — each piece placed by its share of the characters;
 *   a piece that is only digits and the letters o/O is a number whose zeros were read as letters. Values changed this
 *   way are still only kept where an identity confirms them (confirm-ocr-cells.ts).
 * - A word of Chinese characters or full-width punctuation is widened to one em per character, centred on its ink:
 *   the ink of `、` is a quarter of its em, and the gaps beside it looked like the gap between two cells.
 */
import { normalizeExtracted, type PdfFragment } from './pdf-page-text.ts';

interface Word {
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

const CJK = /[\u3400-\u9fff]/u;
const RULE = /[|丨¦│┃︱]/u;
/** Inside a word that holds a rule, these are rules too: a thin vertical line read as a letter. */
const RULE_LIKE = /[|丨¦│┃︱lI![\]]/u;
const ZEROS_AS_LETTERS = /^[\doO]*\d[\doO]*$|^[oO]$/;
/** Characters set on a full em: Chinese characters and full-width punctuation. */
const FULL_WIDTH = /^[\u3000-\u303f\u3400-\u9fff\uff01-\uff0f\uff1a-\uff20“”‘’]+$/u;
const MIN_CONFIDENCE = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function parseWords(tsv: string): Word[] {
  const words: Word[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = normalizeExtracted(f.slice(11).join('\t').trim());
    const [left, top, width, height, conf] = f.slice(6, 11).map(Number) as [number, number, number, number, number];
    if (text === '' || !(conf >= MIN_CONFIDENCE) || !(width > 0) || !(height > 0)) continue;
    const word = { line: f.slice(1, 5).join('.'), left, top, width, height, conf, text };
    words.push(...(RULE.test(text) ? cutAtRules(word) : [word]));
  }
  return words;
}

/** The pieces of a word between the table rules read inside it, each at its share of the word's width. */
function cutAtRules(word: Word): Word[] {
  const chars = [...word.text];
  const unit = word.width / chars.length;
  const pieces: Word[] = [];
  let start = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && !RULE_LIKE.test(chars[i] as string)) continue;
    const text = chars.slice(start, i).join('');
    if (text !== '') {
      const digits = ZEROS_AS_LETTERS.test(text) && text !== word.text ? text.replace(/[oO]/g, '0') : text;
      pieces.push({ ...word, text: digits, left: word.left + start * unit, width: (i - start) * unit });
    }
    start = i + 1;
  }
  return pieces;
}

/** Font size (points) a word's ink height suggests. */
function sizeOf(word: Word): number {
  return word.height / (CJK.test(word.text) ? 0.92 : 0.75);
}

/** The widest gap (in em) at which two words of an OCR line are one piece of text. */
function joinGap(left: string, right: string): number {
  return /\d/.test(left.slice(-1)) || /\d/.test(right.charAt(0)) ? 0.25 : 0.5;
}

/**
 * Fragments of one page from Tesseract's TSV; `scale` converts pixels to points (72 / dpi). Coordinates are from
 * the top left of the page, as pageFragments gives them.
 */
export function tsvFragments(tsv: string, scale: number): PdfFragment[] {
  const lines = new Map<string, Word[]>();
  for (const w of parseWords(tsv)) {
    const line = lines.get(w.line);
    if (line) line.push(w);
    else lines.set(w.line, [w]);
  }
  const fragments: PdfFragment[] = [];
  for (const words of lines.values()) {
    words.sort((a, b) => a.left - b.left);
    const size = median(words.map(sizeOf));
    const baseline = median(words.map((w) => w.top + w.height));
    let last: PdfFragment | null = null;
    words.forEach((w, i) => {
      const next = words[i + 1];
      const bottom = w.top + w.height;
      // A word far off its line's baseline is on a line of its own that Tesseract merged (a wrapped cell).
      const y = (Math.abs(bottom - baseline) > 0.4 * size ? bottom : baseline) * scale;
      const em = FULL_WIDTH.test(w.text) ? [...w.text].length * size : 0;
      const widen = Math.max(0, em - w.width) / 2;
      const right = Math.min(w.left + w.width + widen, next && next.left > w.left ? next.left : Infinity);
      const x0 = (w.left - widen) * scale;
      if (last && last.y === y && x0 - last.x1 <= joinGap(last.text, w.text) * size * scale) {
        last.text += w.text;
        last.x1 = Math.max(last.x1, right * scale);
        return;
      }
      last = { text: w.text, x0, x1: right * scale, y, size: size * scale };
      fragments.push(last);
    });
  }
  return fragments;
}
