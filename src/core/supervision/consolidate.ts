/**
 * The consolidated report of a supervising government (issue 9 item 5): its agencies' reports (and its own) for one
 * year, tables 2, 3 and 4 summed cell by cell. Every identity I1–I4 is linear, so a sum of reports that satisfy them
 * satisfies them too — the tests check it rather than assume it.
 *
 * - A cell blank (null) in any part makes the sum cell null — a blank is "not reported", never 0 — and the result
 *   lists each such cell with the parts that left it blank.
 * - 万元 amounts are summed exactly in decimal (0.1 + 0.2 = 0.3, not 0.30000000000000004).
 * - Only the 2021 format (国办公开办函〔2021〕30号) is summed. A 2019-format part is refused with a message naming it:
 *   its tables have other rows and columns (（六）其他处理 unsplit, table 2 entirely different), so adding cell by cell
 *   would be wrong, and guessing a split would invent figures.
 *
 * The narrative of a consolidated report is not a sum: section 一 says what was consolidated, the rest is left for
 * the supervising office (drafting/draft-report.ts can prefill it from the summed tables and its own fee records).
 */
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, t2Cells } from '../report/layout.ts';
import { emptyReport } from '../report/empty-report.ts';
import { setCell } from '../report/cell-path.ts';
import type { Report, Report2021 } from '../report/report-schema.ts';
import { describeCell } from './describe-cell.ts';

export interface ConsolidationPart {
  report: Report;
  /** How the part is named in messages; default the report's agency. */
  label?: string;
}

export interface ConsolidateOptions {
  /** The supervising government, e.g. 无锡市滨湖区人民政府. */
  agency: string;
  year: number;
  dated?: string | null;
  title?: string;
}

export interface BlankInSum {
  path: string;
  /** The cell as the template prints it. */
  label: string;
  /** The parts that left it blank. */
  parts: string[];
}

export type ConsolidationResult =
  { ok: true; report: Report2021; blanks: BlankInSum[]; parts: string[] } | { ok: false; errors: string[] };

interface CellSpec {
  path: string;
  /** The path split once: a district sums some 250 cells of hundreds of reports. */
  keys: string[];
  amount: boolean;
}

/** Every numeric cell path of the 2021 format, with whether it holds a decimal amount. */
const CELLS: CellSpec[] = [
  ...t2Cells('2021').map((c) => ({ path: c.path, amount: c.kind === 'amount' })),
  ...T3_ROWS['2021'].flatMap((r) => T3_COLUMNS.map((c) => ({ path: `t3.${r.key}.${c}`, amount: false }))),
  ...T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => ({ path: `t4.${g}.${c}`, amount: false }))),
].map((c) => ({ ...c, keys: c.path.split('.') }));

function read(report: Report, keys: string[]): unknown {
  let node: unknown = report;
  for (const key of keys)
    node = node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[key];
  return node;
}

export function consolidateReports(
  parts: readonly ConsolidationPart[],
  options: ConsolidateOptions,
): ConsolidationResult {
  const labels = parts.map((p, i) => p.label?.trim() || p.report.agency?.trim() || `第${i + 1}份报告`);
  const errors = refusals(parts, labels, options);
  if (errors.length > 0) return { ok: false, errors };

  const report = emptyReport('2021') as Report2021;
  report.agency = options.agency;
  report.year = options.year;
  report.title = options.title ?? `${options.agency}${options.year}年政府信息公开工作年度报告（汇总）`;
  report.dated = options.dated ?? null;
  const blanks: BlankInSum[] = [];
  for (const cell of CELLS) {
    const values = parts.map((p) => read(p.report, cell.keys));
    const blankParts = labels.filter((_, i) => typeof values[i] !== 'number');
    if (blankParts.length > 0) {
      blanks.push({ path: cell.path, label: describeCell(cell.path, '2021'), parts: blankParts });
      setCell(report, cell.path, null);
      continue;
    }
    const numbers = values as number[];
    setCell(report, cell.path, cell.amount ? addDecimals(numbers) : numbers.reduce((s, v) => s + v, 0));
  }
  report.sections['1'] =
    `本报告汇总${options.agency}及所属${parts.length}个机关（单位）${options.year}年度政府信息公开工作年度报告的统计数据：${labels.join('、')}。`;
  return { ok: true, report, blanks, parts: labels };
}

function refusals(parts: readonly ConsolidationPart[], labels: string[], options: ConsolidateOptions): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(options.year) || options.year < 2021) {
    errors.push(`汇总年度须为2021年及以后（国办公开办函〔2021〕30号格式）：${options.year}`);
  }
  if (parts.length === 0) errors.push('没有可汇总的报告');
  parts.forEach((part, i) => {
    const label = labels[i];
    if (part.report.format !== '2021') {
      errors.push(
        `“${label}”的报告使用2019年试行格式（国办公开办函〔2019〕60号），表格的行列与2021年格式不同，不能逐格相加，请先按2021年格式重新填报`,
      );
    }
    if (part.report.year !== options.year) {
      errors.push(
        `“${label}”的报告为${part.report.year === null ? '年度不明' : `${part.report.year}年度`}，与汇总年度${options.year}年不符`,
      );
    }
  });
  const seen = new Map<string, number>();
  for (const label of labels) seen.set(label, (seen.get(label) ?? 0) + 1);
  for (const [label, count] of seen) {
    if (count > 1) errors.push(`“${label}”的报告出现了${count}次，汇总时会被重复计算`);
  }
  return errors;
}

/**
 * Sums decimal amounts exactly: each number is taken at its shortest decimal form (what String() prints, which
 * is what the report showed), the digits are added as integers, and the decimal result is converted once.
 */
export function addDecimals(values: readonly number[]): number {
  const parts = values.map(decimalOf);
  const scale = parts.reduce((m, p) => Math.max(m, p.scale), 0);
  const total = parts.reduce((s, p) => s + p.digits * 10n ** BigInt(scale - p.scale), 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return Number(`${negative ? '-' : ''}${text}`);
}

function decimalOf(value: number): { digits: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`不是有限的数值：${value}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!m) throw new RangeError(`无法解析的数值：${value}`);
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? 0) - fraction.length;
  let digits = BigInt(`${m[2]}${fraction}`);
  if (m[1] === '-') digits = -digits;
  if (exponent >= 0) return { digits: digits * 10n ** BigInt(exponent), scale: 0 };
  return { digits, scale: -exponent };
}
