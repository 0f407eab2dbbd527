/**
 * Removes what a printed page repeats outside the report: page numbers (“- 1 -”, “第 1 页”, “1/3”, “第1页 共3页”)
 * and running headers or footers (the same text at the same place on several pages). Only lines in the top or
 * bottom tenth of a page and set apart from the text count, so a table cell holding a lone number is never taken
 * for a page number.
 */
import type { GridZone } from './pdf-grid-rows.ts';
import type { PdfLine } from './pdf-lines.ts';

const PAGE_NUMBER = [
  /^[-—–−‒]*\s*\d{1,4}\s*[-—–−‒]*$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i,
];

export interface PageLines {
  number: number;
  height: number;
  lines: PdfLine[];
  /** Tables read from their drawn grid (pdf-grid-rows.ts), top of page first. */
  grids?: GridZone[];
}

function inMargin(line: PdfLine, height: number): boolean {
  return line.y < 0.1 * height || line.y > 0.9 * height;
}

/** Vertical distance to the nearest other line of the page. */
function isolation(line: PdfLine, lines: PdfLine[]): number {
  let nearest = Infinity;
  for (const other of lines) if (other !== line) nearest = Math.min(nearest, Math.abs(other.y - line.y));
  return nearest;
}

export function dropPageFurniture(pages: PageLines[]): PageLines[] {
  // Running headers/footers: margin text repeated (digits aside) at about the same height on two or more pages.
  const seen = new Map<string, Set<number>>();
  const key = (line: PdfLine) => `${Math.round(line.y / 4)}|${line.text.replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const wordy = (line: PdfLine) => (line.text.match(/[\p{L}]/gu) ?? []).length >= 2; // not a row of numbers
  for (const page of pages) {
    for (const line of page.lines) {
      if (!inMargin(line, page.height) || !wordy(line)) continue;
      const pagesWithIt = seen.get(key(line)) ?? new Set<number>();
      pagesWithIt.add(page.number);
      seen.set(key(line), pagesWithIt);
    }
  }
  return pages.map((page) => ({
    ...page,
    lines: page.lines.filter((line) => {
      if (!inMargin(line, page.height)) return true;
      const apart = isolation(line, page.lines) >= 1.2 * line.size;
      if (apart && line.segments.length === 1 && PAGE_NUMBER.some((re) => re.test(line.text.trim()))) return false;
      return !(apart && wordy(line) && (seen.get(key(line))?.size ?? 0) >= 2);
    }),
  }));
}
