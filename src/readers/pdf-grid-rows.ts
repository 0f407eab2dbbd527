/**
 * The rows of a table whose grid the PDF draws (issue 10): glyphs go to the cell containing their centre
 * (src/core/read/ruled-grid.ts), and each band between two row rules is one row — in the shape pdf-blocks.ts
 * stitches across pages (ZoneRow, as the text-position reader of borderless tables gives).
 *
 * - The value area starts at the leftmost grid column holding a number; cells left of it are labels.
 * - A band with a number is a data row; a band with a label and nothing in the value area is a row whose
 *   values are all blank (or, first on a page, the rest of a label the page break cut); any other band
 *   (header, block heading such as 第二十条第（一）项 spanning the table) is free text of the table.
 * - Empty label cells are left out: they are the parts of merged cells a page break cut, drawn again empty.
 */
import {
  cutAtRules,
  gridRows,
  glyphCentreY,
  gridContains,
  type Glyph,
  type RuledGrid,
} from '../core/read/ruled-grid.ts';
import type { PdfFragment } from './pdf-page-text.ts';
import { isNumericText } from './pdf-lines.ts';
import type { ZoneRow } from './pdf-rows.ts';

export interface GridZone {
  /** Top of the table. */
  y: number;
  rows: ZoneRow[];
  /** Column rules, to tell whether a table on the next page continues this one. */
  xs: number[];
}

export function gridZoneRows(grid: RuledGrid, glyphs: Glyph[]): ZoneRow[] {
  const bands = gridRows(grid, glyphs);
  const numericCols = bands.flatMap((b) =>
    b.cells.filter((c) => c.text !== '' && isNumericText(c.text)).map((c) => c.col),
  );
  const valueStart = numericCols.length > 0 ? Math.min(...numericCols) : Infinity;
  return bands
    .map((band): ZoneRow => {
      const labelCells = band.cells.filter((c) => c.col < valueStart && c.text !== '');
      const valueCells = band.cells.filter((c) => c.col >= valueStart);
      const hasNumber = valueCells.some((c) => c.text !== '' && isNumericText(c.text));
      const valueText = valueCells.some((c) => c.text !== '' && !isNumericText(c.text));
      const cells = [...labelCells, ...valueCells].map((c) => ({ text: c.text, x0: c.x0, x1: c.x1 }));
      if (hasNumber || (labelCells.length > 0 && valueCells.length > 0 && !valueText)) {
        return { kind: 'data', y: band.y, cells, labels: labelCells.length, ...(hasNumber ? {} : { blank: true }) };
      }
      const free = band.cells.filter((c) => c.text !== '').map((c) => ({ text: c.text, x0: c.x0, x1: c.x1 }));
      return { kind: 'free', y: band.y, cells: free, labels: free.length };
    })
    .filter((row) => row.cells.length > 0);
}

/**
 * Splits a page's text between its drawn tables and the rest: fragments whose centre lies in a grid are read as
 * that grid's cells (cut where they cross a column rule); the others are running text or borderless tables.
 */
export function splitByGrids(grids: RuledGrid[], fragments: PdfFragment[]): { zones: GridZone[]; rest: PdfFragment[] } {
  const inGrid = grids.map(() => [] as Glyph[]);
  const rest: PdfFragment[] = [];
  for (const f of fragments) {
    const k = grids.findIndex((g) => gridContains(g, (f.x0 + f.x1) / 2, glyphCentreY(f)));
    if (k < 0) rest.push(f);
    else inGrid[k]?.push(...cutAtRules(grids[k] as RuledGrid, f));
  }
  const zones: GridZone[] = [];
  grids.forEach((grid, k) => {
    const glyphs = inGrid[k] ?? [];
    if (glyphs.length === 0) return; // a drawn frame with nothing in it
    const rows = gridZoneRows(grid, glyphs);
    // A frame around running text (a bordered page, a boxed note) is not a table: its text stays text.
    const prose = rows.some((r) => r.cells.some((c) => c.text.length > 150 && /[。；]/.test(c.text)));
    if (prose) rest.push(...glyphs);
    else if (rows.length > 0) zones.push({ y: grid.ys[0] as number, rows, xs: grid.xs });
  });
  return { zones, rest };
}
