/**
 * Plain text as agencies paste it from their web pages. Three table layouts occur (see the seed reports):
 * - TAB grids, one table row per line, merged cells left as empty gaps → `row` blocks;
 * - one cell per line ending in ` |`, rows separated by lines of bare `|` → `cell` blocks (row unknown);
 * - one cell per line separated by blank lines → plain `line` blocks; the interpreter reads them as a
 *   stream inside the table sections.
 * Pure: no Node APIs, so the browser can use it too.
 */
import type { DocBlock, ReportDocument } from '../core/read/report-document.ts';
import { isRunOnReport, splitRunOnReport } from '../core/read/run-on-text.ts';

const PIPE_CELL = /^(.*?)\s*\|+\s*$/;
const PIPES_ONLY = /^[\s|]*$/;

export function readText(text: string): ReportDocument {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const blocks: DocBlock[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.includes('\t')) {
      const cells = raw.split('\t').map((cell, col) => ({ text: cell.trim(), source: { line, col: col + 1 } }));
      if (cells.some((c) => c.text !== '')) blocks.push({ kind: 'row', cells, source: { line } });
      return;
    }
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (trimmed.includes('|')) {
      if (PIPES_ONLY.test(trimmed)) return; // a row separator of the `|` layout carries no cell
      const m = PIPE_CELL.exec(trimmed);
      if (m) {
        blocks.push({ kind: 'cell', text: (m[1] ?? '').trim(), source: { line } });
        return;
      }
    }
    if (isRunOnReport(trimmed)) {
      // A dump that lost its line breaks: cut back where the template starts a new piece (run-on-text.ts).
      for (const piece of splitRunOnReport(trimmed)) blocks.push({ kind: 'line', text: piece, source: { line } });
      return;
    }
    blocks.push({ kind: 'line', text: trimmed, source: { line } });
  });
  return { kind: 'text', blocks };
}
