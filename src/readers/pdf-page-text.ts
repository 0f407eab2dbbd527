/**
 * The text of one PDF page as positioned fragments, from pdf.js getTextContent(): one fragment per text item,
 * in top-down page coordinates (points; y is the baseline, measured from the top of the page).
 *
 * Characters that only a font's character map puts in the text layer are normalised: Noto CJK and other fonts map
 * shared glyphs to Kangxi radicals (⼯ for 工) and CJK radicals (⺠ for 民, by the table in cjk-radical-supplement.ts:
 * NFKC has almost none of those), CJK compatibility ideographs and ligatures (ﬁ), the others with NFKC. The rest of
 * the text stays as printed — NFKC on everything would also turn the full-width punctuation of Chinese prose
 * (，：（）) into ASCII, and the narrative must come back exactly as written; the interpreter applies NFKC itself
 * where it matches labels and parses numbers. Rotated text (watermarks, stamps) is left out: reports are horizontal.
 */
import { RADICAL_SUPPLEMENT } from './cjk-radical-supplement.ts';

export interface PdfFragment {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** Font size in points (the text's vertical scale). */
  size: number;
}

export interface PdfPageText {
  number: number;
  width: number;
  height: number;
  fragments: PdfFragment[];
}

/** The parts of a pdf.js TextItem this reader uses. */
export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
}

/**
 * The mark the edited pdf.js worker adds to a page's text content when the page (or a form on it) paints an image
 * (pdfjs-worker-patches.ts, edit 5): such a page without text is a scan.
 */
export function isTextContentImage(item: object): boolean {
  return (item as { type?: unknown }).type === 'gongkaiImage';
}

/** Kangxi radicals and CJK radicals, CJK compatibility ideographs and forms, Latin ligatures. */
const FONT_ARTEFACTS = /[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb4f\ufe30-\ufe4f]/gu;

export function normalizeExtracted(text: string): string {
  return text.replace(FONT_ARTEFACTS, (ch) => RADICAL_SUPPLEMENT.get(ch) ?? ch.normalize('NFKC'));
}

export function pageFragments(items: TextItemLike[], view: number[]): PdfFragment[] {
  const [vx = 0, , , vy1 = 0] = view;
  const fragments: PdfFragment[] = [];
  for (const item of items) {
    const text = normalizeExtracted(item.str);
    if (text.trim() === '') continue; // pdf.js marks gaps with whitespace items; positions carry that information
    const [a = 0, b = 0, c = 0, d = 0, tx = 0, ty = 0] = item.transform;
    if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) continue;
    const size = Math.hypot(c, d);
    if (!(size > 0)) continue;
    // Leading/trailing spaces inside an item shift its visible text; estimate by the space's share of the width.
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    const unit = item.width / Math.max(1, text.length);
    const x0 = tx - vx + (lead > 0 ? lead * unit * 0.5 : 0);
    const x1 = tx - vx + item.width - (trail > 0 ? trail * unit * 0.5 : 0);
    fragments.push({ text: text.trim(), x0, x1: Math.max(x1, x0), y: vy1 - ty, size });
  }
  return fragments;
}
