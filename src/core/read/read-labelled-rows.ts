/**
 * Reads the rows of a table by their labels: find each row label among the tokens, then take the values that
 * follow it — the rest of its grid row, or in a stream the cells up to the next label. A row whose value count
 * differs from the template is never realigned: it is returned with its raw values and no cells, so the caller
 * reports it and leaves the cells null.
 */
import type { SourceLocation } from '../check/finding.ts';
import { parseCellValue, type CellValue } from './parse-cell-value.ts';
import { isNarrative, isTableVocabulary, type Token } from './table-tokens.ts';

export interface LabelledRowSpec {
  key: string;
  label: string;
  match: string[];
  expected: number;
}

export interface RowRead {
  spec: LabelledRowSpec;
  labelSource: SourceLocation;
  /** The printed values after the label, blanks at the ends removed. */
  raw: { text: string; source: SourceLocation; col: number }[];
  /** Parsed values when the count matches the template, else null. */
  values: CellValue[] | null;
  mode: 'grid' | 'stream';
}

export function matchesSpec(norm: string, spec: { match: string[] }): boolean {
  return spec.match.some((fragment) => norm.includes(fragment));
}

export function readLabelledRows(
  tokens: Token[],
  specs: LabelledRowSpec[],
  isLabel: (norm: string) => boolean,
  /** TAB grids print merged-cell gaps as empty cells, so blanks right after the label are gaps, not data. */
  leadingBlanksAreGaps = false,
): Map<string, RowRead> {
  const result = new Map<string, RowRead>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.norm === '') continue;
    const spec = specs.find((s) => !result.has(s.key) && matchesSpec(token.norm, s));
    if (!spec) continue;
    let raw: RowRead['raw'] = [];
    let mode: RowRead['mode'];
    if (token.row !== null) {
      mode = 'grid';
      for (let j = i + 1; j < tokens.length && tokens[j]?.row === token.row; j++) {
        const t = tokens[j]!;
        raw.push({ text: t.text, source: t.source, col: t.col });
      }
      i += raw.length;
      // Merged-cell gaps show as empty cells at the ends of a grid row; a blank inside the data stays a blank.
      while (raw.length > 0 && raw[raw.length - 1]!.text.trim() === '') raw.pop();
      while ((leadingBlanksAreGaps || raw.length > spec.expected) && raw[0]?.text.trim() === '') raw.shift();
    } else {
      mode = 'stream';
      for (let j = i + 1; j < tokens.length; j++) {
        const t = tokens[j]!;
        if (t.row !== null || isLabel(t.norm) || isTableVocabulary(t.norm) || isNarrative(t.text)) break;
        if (t.norm === '') continue;
        raw.push({ text: t.text, source: t.source, col: t.col });
      }
      i += raw.length;
    }
    raw = raw.map((r) => ({ ...r, text: r.text.trim() }));
    const values = raw.length === spec.expected ? raw.map((r) => parseCellValue(r.text)) : null;
    result.set(spec.key, { spec, labelSource: token.source, raw, values, mode });
  }
  return result;
}
