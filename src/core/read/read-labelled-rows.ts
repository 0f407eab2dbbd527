/**
 * Reads the rows of a table by their labels: find each row label among the tokens, then take the values that
 * follow it — the rest of its grid row, or in a stream the cells up to the next label. A row whose value count
 * differs from the template is never realigned: it is returned with its raw values and no cells, so the caller
 * reports it and leaves the cells null.
 */
import type { SourceLocation } from '../check/finding.ts';
import { gluedLabel, gluedSplits } from './glued-cells.ts';
import { parseCellValue, type CellValue } from './parse-cell-value.ts';
import { isNarrative, isTableVocabulary, type Token } from './table-tokens.ts';

export interface LabelledRowSpec {
  key: string;
  label: string;
  match: string[];
  expected: number;
  /** The row's own identity (table 3: 总计 = the sum of the six columns), used to split glued digits. */
  identity?: (values: number[]) => boolean;
}

export interface RowRead {
  spec: LabelledRowSpec;
  labelSource: SourceLocation;
  /** The printed values after the label, blanks at the ends removed. */
  raw: { text: string; source: SourceLocation; col: number }[];
  /** Parsed values when the count matches the template, else null. */
  values: CellValue[] | null;
  mode: 'grid' | 'stream';
  /** Grid mode: every cell after the label, blanks included, with its column. */
  cells: { text: string; source: SourceLocation; col: number }[];
  /**
   * A damaged text dump glued the row's values to its label (`规章000`): the digit run and the splits that fit the
   * template (glued-cells.ts). Values are filled only when there is exactly one split.
   */
  glued?: { digits: string; splits: number[][] };
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
    let cells: RowRead['cells'] = [];
    let mode: RowRead['mode'];
    if (token.row !== null) {
      mode = 'grid';
      for (let j = i + 1; j < tokens.length && tokens[j]?.row === token.row; j++) {
        const t = tokens[j]!;
        raw.push({ text: t.text, source: t.source, col: t.col });
      }
      i += raw.length;
      cells = [...raw];
      // Documents with real cells (HTML, Word, XLSX, PDF) hold a blank cell as an empty cell, so a row with exactly
      // the template's count is taken as it stands. Otherwise empty cells at the ends are merge gaps or padding
      // (always so in TAB grids); a blank inside the data stays a blank.
      if (leadingBlanksAreGaps || raw.length !== spec.expected) {
        while (raw.length > 0 && raw[raw.length - 1]!.text.trim() === '') raw.pop();
        while ((leadingBlanksAreGaps || raw.length > spec.expected) && raw[0]?.text.trim() === '') raw.shift();
      }
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
    const glued = raw.length === 0 ? gluedLabel(token.norm) : null;
    if (glued && matchesSpec(glued.label, spec)) {
      const { splits } = gluedSplits(glued.digits, spec.expected, spec.identity);
      const only = splits.length === 1 ? (splits[0] as number[]) : null;
      if (only) raw = only.map((v) => ({ text: String(v), source: token.source, col: token.col }));
      result.set(spec.key, {
        spec,
        labelSource: token.source,
        raw,
        values: only ? raw.map((r) => parseCellValue(r.text)) : null,
        mode,
        cells,
        glued: { digits: glued.digits, splits },
      });
      continue;
    }
    const values = raw.length === spec.expected ? raw.map((r) => parseCellValue(r.text)) : null;
    result.set(spec.key, { spec, labelSource: token.source, raw, values, mode, cells });
  }
  return result;
}

/**
 * In a regular TAB grid the well-read rows show in which column the data start. A row whose count came out
 * wrong only because a blank cell at its edge looked like a merge gap is read again by position — but only
 * when every printed value lies inside that window, so nothing is ever moved into another column.
 */
export function rereadByColumns(rows: Map<string, RowRead>): void {
  const counts = new Map<number, number>();
  for (const r of rows.values()) {
    if (r.mode === 'grid' && r.values !== null && r.raw[0])
      counts.set(r.raw[0].col, (counts.get(r.raw[0].col) ?? 0) + 1);
  }
  const start = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (start === undefined) return;
  for (const r of rows.values()) {
    if (r.mode !== 'grid' || r.values !== null) continue;
    const end = start + r.spec.expected;
    const window = r.cells.filter((c) => c.col >= start && c.col < end);
    const outside = r.cells.filter((c) => (c.col < start || c.col >= end) && c.text.trim() !== '');
    if (window.length !== r.spec.expected || outside.length > 0) continue;
    r.raw = window.map((c) => ({ ...c, text: c.text.trim() }));
    r.values = r.raw.map((c) => parseCellValue(c.text));
  }
}
