/**
 * Registers the CJK faces on a pdfkit document as `body` and `bold`, parsing each font file once per process.
 *
 * Why the cache: Noto CJK collections are 20–27 MB and pdfkit re-reads and re-parses the font for every document
 * (fontkit.create), which was ~45 % of the time of a report PDF. The font bytes are read once; the parsed fontkit
 * font is reused through the constructor of pdfkit's own embedded-font class, taken from the first document (pdfkit
 * does not export it). Each document still gets its own subset, so documents stay independent. Should a future
 * pdfkit change those internals, the code falls back to plain registerFont (correct, only slower).
 *
 * Text is laid out from the font's character map only, without OpenType shaping: Chinese has no ligatures or
 * contextual forms, the SC face's default glyphs are already the simplified-Chinese forms, and shaping through
 * Noto's large GSUB tables was another ~25 % of the time. The patch is per font instance, not global.
 */
import { readFileSync } from 'node:fs';
import { compactCffOnEncode, type FontkitCffSubset } from './compact-cff-subset.ts';
import { findCjkFont, type CjkFonts, type FontFace } from './find-cjk-font.ts';

/** `body` 宋-like text, `bold` 黑体-like headings, `title` 小标宋-like titles (registered only by writers that use it). */
export type FontRole = 'body' | 'bold' | 'title';

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitFont {
  glyphsForString(text: string): FontkitGlyph[];
}
interface EmbeddedFont {
  font?: FontkitFont;
  subset?: FontkitCffSubset;
  scale?: number;
  layoutRun?: unknown;
  constructor: unknown;
}
type EmbeddedFontCtor = new (doc: unknown, font: unknown, id: string) => EmbeddedFont;
interface PdfkitInternals {
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
  _font?: EmbeddedFont;
}

/** pdfkit's layoutRun contract: glyphs plus positions in 1/1000 em, advanceWidth the sum. */
function plainLayoutRun(this: EmbeddedFont, text: string) {
  const scale = this.scale ?? 1;
  const glyphs = this.font?.glyphsForString(text) ?? [];
  let advanceWidth = 0;
  const positions = glyphs.map((g) => {
    const advance = g.advanceWidth * scale;
    advanceWidth += advance;
    return { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance };
  });
  return { glyphs, positions, advanceWidth };
}

/** Per-instance tuning: layout without shaping, and a compact CFF subset (compact-cff-subset.ts). */
function tuned(font: EmbeddedFont): EmbeddedFont {
  if (typeof font.layoutRun === 'function' && typeof font.font?.glyphsForString === 'function') {
    font.layoutRun = plainLayoutRun;
  }
  if (font.subset && typeof font.subset.encode === 'function' && font.subset.cff) compactCffOnEncode(font.subset);
  return font;
}

const bytes = new Map<string, Buffer>();
const parsed = new Map<string, { ctor: EmbeddedFontCtor; font: unknown }>();

function faceKey(face: FontFace): string {
  return `${face.path}#${face.postscriptName ?? ''}`;
}

function fontBytes(path: string): Buffer {
  let data = bytes.get(path);
  if (!data) {
    data = readFileSync(path);
    bytes.set(path, data);
  }
  return data;
}

function register(doc: PDFKit.PDFDocument, role: FontRole, face: FontFace): void {
  const internals = doc as unknown as PdfkitInternals;
  const cached = parsed.get(faceKey(face));
  if (cached && internals._fontFamilies && typeof internals._fontCount === 'number') {
    internals._fontCount += 1;
    internals._fontFamilies[role] = tuned(new cached.ctor(doc, cached.font, `F${internals._fontCount}`));
    return;
  }
  doc.registerFont(role, fontBytes(face.path), face.postscriptName);
  doc.font(role); // parses now, so the parsed font can be kept for the next document
  const loaded = internals._font;
  if (loaded) tuned(loaded);
  if (loaded && loaded.font && typeof loaded.constructor === 'function') {
    parsed.set(faceKey(face), { ctor: loaded.constructor as EmbeddedFontCtor, font: loaded.font });
  }
}

/** Makes `doc.font(role)` available with one more face (e.g. `title`), parsed once per process like the others. */
export function useCjkFace(doc: PDFKit.PDFDocument, role: FontRole, face: FontFace): void {
  register(doc, role, face);
}

/** Makes `doc.font('body')` and `doc.font('bold')` available; throws (in Chinese) when no CJK font is installed. */
export function useCjkFonts(doc: PDFKit.PDFDocument, fonts: CjkFonts = findCjkFont()): void {
  register(doc, 'body', fonts.regular);
  register(doc, 'bold', fonts.bold);
}
