/**
 * The report as plain text, the way agencies paste it into a web page (seeds 003/004) but without their defects:
 *
 *   title
 *   发布时间：2026-01-20 14:26          (only when publishedAt is set)
 *   <blank line>
 *   一、总体情况                         (each heading follows exactly one blank line)
 *   narrative lines, exactly as in the JSON (empty lines kept)
 *   table rows, TAB-separated           (sections 二–四, after the narrative)
 *   <blank line>
 *   …
 *   <blank line>
 *   落款 agency                          (everything after the last blank line is the 落款)
 *   2026年1月15日
 *
 * Tables are printed as full grids, the way a pasted Word/web table comes out: every line of a table has the same
 * number of cells, a merged cell's text stands in its top-left position and the positions it covers are empty. A
 * blank data cell is therefore an empty string in its own column, and the reader can tell it from a merge gap by
 * column position. Lines must not be trimmed. TAB only ever separates cells: a TAB or line break inside the
 * narrative, title or 落款 is printed as a space.
 */
import type { Report } from '../core/report/report-schema.ts';
import { reportOutline } from './report-outline.ts';
import { placeCells, type ReportTable } from './report-tables.ts';

export function renderReportText(report: Report): string {
  const outline = reportOutline(report);
  const lines: string[] = [flatten(outline.title)];
  if (outline.published !== null) lines.push(`发布时间：${outline.published.text}`);
  for (const section of outline.sections) {
    lines.push('', section.heading, ...section.lines.map(flatten));
    if (section.table !== null) {
      lines.push(...gridLines(section.table));
    }
  }
  // The separator is written even without a 落款, so the last section always ends the same way.
  lines.push('');
  const { agency, date } = outline.signature;
  if (agency !== null) lines.push(flatten(agency));
  if (date !== null) lines.push(date.text);
  return `${lines.join('\n')}\n`;
}

function gridLines(table: ReportTable): string[] {
  const placed = placeCells(table);
  const width = Math.max(...placed.map((p) => p.col + p.cell.colSpan));
  const height = Math.max(...placed.map((p) => p.row + p.cell.rowSpan));
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(''));
  for (const p of placed) grid[p.row]![p.col] = flatten(p.cell.text);
  return grid.map((cells) => cells.join('\t'));
}

function flatten(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}
