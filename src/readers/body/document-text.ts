/**
 * The plain text of any document the report readers can read, for search: their flat ReportDocument (lines,
 * table rows, cells) laid out as lines, a row's cells separated by tabs. Cut at `maxChars` — a search index
 * needs the words, not a 500-page annex in full.
 */
import type { ReportDocument } from '../../core/read/report-document.ts';

export function documentText(doc: ReportDocument, maxChars: number): { text: string; truncated: boolean } {
  const lines: string[] = [];
  let size = 0;
  for (const block of doc.blocks) {
    const line = block.kind === 'row' ? block.cells.map((c) => c.text).join('\t') : block.text;
    if (line.trim() === '') continue;
    if (size + line.length + 1 > maxChars) {
      lines.push(line.slice(0, Math.max(0, maxChars - size)));
      return { text: lines.join('\n'), truncated: true };
    }
    lines.push(line);
    size += line.length + 1;
  }
  return { text: lines.join('\n'), truncated: false };
}
