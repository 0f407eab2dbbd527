/**
 * A damaged text dump with the whole report on one line (issue 10): a site's text export that lost every line
 * break. The report is still recognisable, so the line is cut back into pieces where the template says a new piece
 * starts — the six section headings, 发布时间, the labels of tables 2 and 3 in template order, the end of each
 * sentence, table 4's run of values, and the 落款 date at the very end. Table cells stay glued to their labels
 * (`规章000`); glued-cells.ts decides whether they can be split.
 */
import { SECTION_NUMBERS, SECTION_TITLES, T2_BLOCKS, T3_ROWS, type FormatVersion } from '../report/layout.ts';

/** A line this long with two or more section headings in it is a run-on dump, not a paragraph. */
const RUN_ON_LENGTH = 300;

function t2Labels(format: FormatVersion): string[] {
  return T2_BLOCKS[format].flatMap((block) => [block.block, ...block.rows.map((r) => r.label)]);
}

function t3Labels(format: FormatVersion): string[] {
  const out: string[] = [];
  let group: string | undefined;
  for (const row of T3_ROWS[format]) {
    if (row.group && row.group !== group && !out.includes(row.group)) out.push(row.group);
    group = row.group;
    out.push(row.label);
  }
  return out;
}

/** Cut positions of `labels` found in order, each searched after the previous one. */
function orderedCuts(text: string, from: number, to: number, labels: string[]): number[] {
  const cuts: number[] = [];
  let at = from;
  for (const label of labels) {
    const i = text.indexOf(label, at);
    if (i < 0 || i >= to) continue;
    cuts.push(i);
    at = i + label.length;
  }
  return cuts;
}

export function isRunOnReport(line: string): boolean {
  if (line.length < RUN_ON_LENGTH) return false;
  return SECTION_NUMBERS.filter((s) => line.includes(SECTION_TITLES[s])).length >= 2;
}

export function splitRunOnReport(line: string): string[] {
  const cuts = new Set<number>();
  const headingAt: Partial<Record<string, number>> = {};
  let at = 0;
  for (const s of SECTION_NUMBERS) {
    const i = line.indexOf(SECTION_TITLES[s], at);
    if (i < 0) continue;
    headingAt[s] = i;
    cuts.add(i);
    cuts.add(i + SECTION_TITLES[s].length);
    at = i + SECTION_TITLES[s].length;
  }
  const published = line.indexOf('发布时间');
  if (published > 0) cuts.add(published);
  const end = (s: string) =>
    SECTION_NUMBERS.map((n) => headingAt[n]).find((i) => i !== undefined && i > (headingAt[s] ?? Infinity)) ??
    line.length;
  const format: FormatVersion = line.includes('其他处理') ? '2021' : '2019';
  if (headingAt['2'] !== undefined)
    for (const c of orderedCuts(line, headingAt['2'], end('2'), t2Labels(format))) cuts.add(c);
  if (headingAt['3'] !== undefined)
    for (const c of orderedCuts(line, headingAt['3'], end('3'), t3Labels(format))) cuts.add(c);
  // Sentences end running text; no table cell holds a full stop.
  for (let i = line.indexOf('。'); i >= 0; i = line.indexOf('。', i + 1)) cuts.add(i + 1);
  // Table 4: its header runs straight into the fifteen values.
  if (headingAt['4'] !== undefined) {
    const t4 = line.slice(headingAt['4'], end('4'));
    const m = /(总计)(\d{15,})(?!\d)/.exec(t4);
    if (m) cuts.add(headingAt['4'] + m.index + (m[1] as string).length);
  }
  // The 落款 date closing the report.
  const date = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/.exec(line);
  if (date) cuts.add(date.index);
  const sorted = [...cuts].filter((c) => c > 0 && c < line.length).sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const c of [...sorted, line.length]) {
    const piece = line.slice(start, c).trim();
    if (piece !== '') pieces.push(piece);
    start = c;
  }
  return pieces;
}
