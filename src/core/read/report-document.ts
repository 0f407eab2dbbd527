/**
 * What every format reader (text, HTML, DOCX, PDF, XLSX) produces: the document as a flat sequence of
 * blocks in reading order. The table interpreter (interpret-document.ts) turns it into a report plus findings,
 * so how tables are recognised is written once, whatever the input format.
 *
 * - `line`: running text (a paragraph, a heading, a line of a plain-text page).
 * - `row`:  one table row whose cells are known (TAB grid, HTML <tr>, Word <w:tr>, PDF row rebuilt from glyph
 *           positions, XLSX row). Cells appear as the document holds them: a cell covered by a rowspan from above
 *           is NOT repeated, a colspan cell appears once, an empty cell is kept with text ''.
 * - `cell`: one table cell whose row is unknown (plain-text layouts that put one cell per line, e.g. `0 |`).
 */
import type { SourceLocation } from '../check/finding.ts';

export type InputKind = 'text' | 'html' | 'docx' | 'pdf' | 'xlsx';

export interface DocCell {
  text: string;
  source: SourceLocation;
}

export type DocBlock =
  | { kind: 'line'; text: string; source: SourceLocation }
  | { kind: 'row'; cells: DocCell[]; source: SourceLocation }
  | { kind: 'cell'; text: string; source: SourceLocation };

export interface ReportDocument {
  kind: InputKind;
  blocks: DocBlock[];
  /**
   * Pages whose text was recognised by OCR (a scanned PDF, issue 10 item 6): their table cells are kept only where
   * the identities confirm them (confirm-ocr-cells.ts).
   */
  ocr?: { pages: number[] };
}
