/**
 * Table cells recognised by OCR (a scanned PDF, issue 10 item 6) are kept only where an identity of the report
 * confirms them, and abstain elsewhere. OCR misreads digits (8 for 0, 1 for 7) without saying so; a misread value
 * that still satisfies every identity it is part of would need a second misreading that cancels it exactly. So a
 * cell on a recognised page is kept when at least one identity it takes part in holds with all its cells read:
 * - I1 per column of table 3: 新收 + 上年结转 = 办理结果总计 + 结转下年度;
 * - I2 per column of table 3: 总计 = the sum of the outcome rows （一）…（六）;
 * - I3 per row of table 3: 总计 = 自然人 + the five kinds of 法人或其他组织;
 * - I4 per group of table 4: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
 * Identities are evaluated on the values as recognised, before any is set aside, so a row that fails I3 because of
 * one misread digit still has its other cells confirmed by their columns. Table 2 has no identity: its recognised
 * values are never kept. Every cell set aside is named, by page and row, in a reading finding (never error level);
 * the checker then evaluates the identities on the kept cells only (a null cell is not evaluated).
 */
import type { Finding, SourceLocation } from '../check/finding.ts';
import { describeSource } from '../check/describe-source.ts';
import { getCell, setCell } from '../report/cell-path.ts';
import {
  T3_COLUMNS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUP_LABELS,
  T4_GROUPS,
  t2Cells,
  type FormatVersion,
} from '../report/layout.ts';
import type { Report } from '../report/report-schema.ts';
import type { CellSources } from './read-tables.ts';

/** sum(left) = sum(right), over cell paths. */
interface Equation {
  left: string[];
  right: string[];
}

/** Rows of table 3 whose sum is （七）总计 (I2): every row between 二、上年结转 and （七）总计. */
function outcomeRows(format: FormatVersion): string[] {
  const keys = T3_ROWS[format].map((r) => r.key);
  return keys.slice(keys.indexOf('carriedOver') + 1, keys.indexOf('total'));
}

export function identityEquations(format: FormatVersion): Equation[] {
  const equations: Equation[] = [];
  const outcomes = outcomeRows(format);
  for (const col of T3_COLUMNS) {
    const at = (row: string) => `t3.${row}.${col}`;
    equations.push({ left: [at('new'), at('carriedOver')], right: [at('total'), at('carryForward')] });
    equations.push({ left: [at('total')], right: outcomes.map(at) });
  }
  for (const row of T3_ROWS[format]) {
    const at = (col: string) => `t3.${row.key}.${col}`;
    equations.push({ left: [at('total')], right: T3_COLUMNS.filter((c) => c !== 'total').map(at) });
  }
  for (const group of T4_GROUPS) {
    const at = (col: string) => `t4.${group}.${col}`;
    equations.push({ left: [at('total')], right: T4_COLUMNS.filter((c) => c !== 'total').map(at) });
  }
  return equations;
}

/** The table cells of a format with the label of their row, in template order. */
function tableCellRows(format: FormatVersion): { path: string; row: string }[] {
  const cells = t2Cells(format).map((c) => ({ path: c.path, row: c.row }));
  for (const row of T3_ROWS[format])
    for (const col of T3_COLUMNS) cells.push({ path: `t3.${row.key}.${col}`, row: row.label });
  for (const group of T4_GROUPS) {
    for (const col of T4_COLUMNS) cells.push({ path: `t4.${group}.${col}`, row: T4_GROUP_LABELS[group] });
  }
  return cells;
}

const TABLE_NAMES: Record<string, string> = { t2: '表二', t3: '表三', t4: '表四' };

/** Sets aside the unconfirmed cells read from `pages` (mutates the report); the reading findings that say so. */
export function confirmOcrCells(report: Report, sources: CellSources, pages: number[]): Finding[] {
  const recognised = new Set(pages);
  const value = (path: string) => getCell(report, path);
  const confirmed = new Set<string>();
  let checked = 0;
  for (const eq of identityEquations(report.format)) {
    const values = [...eq.left, ...eq.right].map(value);
    if (!values.every((v): v is number => typeof v === 'number')) continue;
    checked++;
    const sum = (paths: string[]) => paths.reduce((s, p) => s + (value(p) as number), 0);
    if (Math.abs(sum(eq.left) - sum(eq.right)) < 1e-6) for (const p of [...eq.left, ...eq.right]) confirmed.add(p);
  }

  const setAside: { path: string; row: string; value: number | string; source: SourceLocation }[] = [];
  let kept = 0;
  for (const { path, row } of tableCellRows(report.format)) {
    const source = sources.get(path);
    const v = value(path);
    if (v === null || v === undefined || source?.page === undefined || !recognised.has(source.page)) continue;
    if (confirmed.has(path)) {
      kept++;
      continue;
    }
    setCell(report, path, null);
    setAside.push({ path, row, value: v, source });
  }

  const pageList = pages.length === 1 ? `第${pages[0]}页` : `第${pages.join('、')}页`;
  const findings: Finding[] = [
    {
      code: 'OCR_TEXT',
      level: 'warning',
      kind: 'reading',
      message: `${pageList}是扫描图像，文字由 OCR（文字识别）读出：表格数值只在勾稽关系核实时采用（采用${kept}个，未采用${setAside.length}个，核对了${checked}个勾稽关系）；标题、正文、落款和日期是识别结果，可能有错字，请与原件核对`,
      source: { page: pages[0] },
    },
  ];
  for (const table of ['t2', 't3', 't4']) {
    const cells = setAside.filter((c) => c.path.startsWith(`${table}.`));
    if (cells.length === 0) continue;
    const rows = new Map<string, { where: string; values: string[] }>();
    for (const c of cells) {
      const key = `${describeSource({ page: c.source.page, table: c.source.table, row: c.source.row })}“${c.row}”`;
      const entry = rows.get(key) ?? { where: key, values: [] };
      entry.values.push(String(c.value));
      rows.set(key, entry);
    }
    const why = table === 't2' ? '表二没有勾稽关系可以核实' : '所在的勾稽关系不成立或涉及未读出的单元格';
    findings.push({
      code: 'LAYOUT_UNCERTAIN',
      level: 'warning',
      kind: 'reading',
      message: `扫描件 OCR 识别的${TABLE_NAMES[table]}数值有${cells.length}个未能由勾稽关系核实（${why}），未采用（按空处理），请与原件核对：${[...rows.values()].map((r) => `${r.where}识别为${r.values.join('、')}`).join('；')}`,
      cells: cells.map((c) => c.path),
      source: cells[0]?.source,
    });
  }
  return findings;
}

/**
 * What the interpreter says is missing from a recognised document — a section heading, a row, a column — may be text
 * the OCR misread (`四、政府信息公开行政复议、…` cut into pieces, a column of faint zeros): on such a document these
 * are uncertainties of reading, warnings that say so, never errors against the agency (issue 10, item 4).
 */
export function recognisedAsReading(findings: Finding[]): Finding[] {
  return findings.map((f) =>
    f.level === 'error'
      ? {
          ...f,
          level: 'warning',
          kind: 'reading',
          message: `扫描件经 OCR 识别，可能是识别不全而非报告本身的问题：${f.message}`,
        }
      : f,
  );
}
