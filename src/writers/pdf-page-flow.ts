/**
 * The writing position on an A4 pdfkit document: the y of the next line, page breaks, and the page number at the
 * foot of each page (“- 1 -”, as printed government documents number pages; readers drop it as page furniture).
 * Coordinates are pdfkit's: points, origin top-left.
 */
import type { FontRole } from './use-cjk-fonts.ts';

export interface PageBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A4 with margins close to GB/T 9704 (公文格式) but a little narrower, for the wide tables. */
export const A4: PageBox = {
  width: 595.28,
  height: 841.89,
  left: 62,
  right: 595.28 - 62,
  top: 70,
  bottom: 841.89 - 70,
};

const MEASURE_CACHE_LIMIT = 20_000;

export class PdfPageFlow {
  readonly doc: PDFKit.PDFDocument;
  readonly box: PageBox;
  y: number;
  page = 1;
  /** Text widths at 1 pt per font role: the same characters recur in every report, so measure each once. */
  private static widths = new Map<string, number>();

  constructor(doc: PDFKit.PDFDocument, box: PageBox = A4) {
    this.doc = doc;
    this.box = box;
    this.y = box.top;
    this.drawPageNumber();
  }

  get width(): number {
    return this.box.right - this.box.left;
  }

  /** Starts a new page unless the current one still has `height` points left (or is empty anyway). */
  ensure(height: number): void {
    if (this.y + height > this.box.bottom && this.y > this.box.top) this.newPage();
  }

  newPage(): void {
    this.doc.addPage({ size: [this.box.width, this.box.height], margin: 0 });
    this.page += 1;
    this.y = this.box.top;
    this.drawPageNumber();
  }

  /** Width of `text` in points in font `role` at `size`. */
  measure(role: FontRole, size: number, text: string): number {
    const key = `${role}\u0000${text}`;
    let unit = PdfPageFlow.widths.get(key);
    if (unit === undefined) {
      this.doc.font(role).fontSize(1);
      unit = this.doc.widthOfString(text);
      if (PdfPageFlow.widths.size > MEASURE_CACHE_LIMIT) PdfPageFlow.widths.clear();
      PdfPageFlow.widths.set(key, unit);
    }
    return unit * size;
  }

  /** One line of text whose top is at `top` (no wrapping: lines are broken by wrapCjkText beforehand). */
  text(role: FontRole, size: number, text: string, x: number, top: number): void {
    this.doc.font(role).fontSize(size).text(text, x, top, { lineBreak: false });
  }

  private drawPageNumber(): void {
    const label = `- ${this.page} -`;
    const size = 10;
    const x = (this.box.width - this.measure('body', size, label)) / 2;
    this.text('body', size, label, x, this.box.bottom + 28);
  }
}
