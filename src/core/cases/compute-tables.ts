/**
 * Tables 3 and 4 of the annual report from case records, in the report JSON shape (report-schema.ts). Counting
 * rules (docs/cases.md):
 *   一、本年新收     received in the year;
 *   二、上年结转     received before the year and not finished before it starts;
 *   三、办理结果     finished in the year, in the row of its outcome — whatever year it was received in;
 *   四、结转下年度   received by the end of the year and not finished in it.
 * So a case received in N and answered in N+1 is in N's 四, and in N+1's 二 and outcome row; 一+二 = 三(七)+四
 * (I1) holds by construction, and N's 四 equals N+1's 二 (X1).
 * Table 4 counts each 复议/诉讼 in the year it was filed, with its result if decided by `appealsDecidedBy` (default
 * the last day of the year), else 尚未审结.
 */
import { T3_COLUMNS, T4_COLUMNS, T4_GROUPS, type T3Column } from '../report/layout.ts';
import type { Report2019, Report2021 } from '../report/report-schema.ts';
import type { CaseSummary } from './case-summary.ts';
import { OUTCOME_ROWS } from './outcome-row.ts';

export interface TableOptions {
  format?: '2021' | '2019';
  /** Appeal results known on this day are counted; later ones are 尚未审结. Default `${year}-12-31`. */
  appealsDecidedBy?: string;
}

export interface ComputedTables<T3> {
  t3: T3;
  t4: Report2021['t4'];
  /** Records that cannot be counted (an outcome dated before the receipt), by index, with the reason. */
  excluded: { index: number; reason: string }[];
}

type Row = Record<T3Column, number>;
const zeroRow = (): Row => Object.fromEntries(T3_COLUMNS.map((c) => [c, 0])) as Row;

export function computeTables(
  cases: readonly CaseSummary[],
  year: number,
  options?: { format?: '2021' } & TableOptions,
): ComputedTables<Report2021['t3']>;
export function computeTables(
  cases: readonly CaseSummary[],
  year: number,
  options: { format: '2019' } & TableOptions,
): ComputedTables<Report2019['t3']>;
export function computeTables(
  cases: readonly CaseSummary[],
  year: number,
  options: TableOptions = {},
): ComputedTables<Report2021['t3'] | Report2019['t3']> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows: Record<string, Row> = {};
  for (const key of ['new', 'carriedOver', ...OUTCOME_ROWS, 'total', 'carryForward']) rows[key] = zeroRow();
  const add = (key: string, col: T3Column) => {
    rows[key]![col]++;
    rows[key]!.total++;
  };
  const excluded: ComputedTables<unknown>['excluded'] = [];

  cases.forEach((c, index) => {
    if (c.outcome && c.outcome.date < c.receivedOn) {
      excluded.push({ index, reason: `办结日期${c.outcome.date}早于收到申请日期${c.receivedOn}` });
      return;
    }
    if (c.receivedOn > end) return;
    const col = c.applicantType;
    const finishedBefore = c.outcome !== null && c.outcome.date < start;
    if (finishedBefore) return;
    if (c.receivedOn >= start) add('new', col);
    else add('carriedOver', col);
    if (c.outcome !== null && c.outcome.date <= end) {
      add(c.outcome.row, col);
      add('total', col);
    } else add('carryForward', col);
  });

  const t4 = computeT4(cases, year, options.appealsDecidedBy ?? end);
  if (options.format === '2019') {
    const { other1, other2, other3, ...rest } = rows;
    const other = zeroRow();
    for (const col of T3_COLUMNS) other[col] = other1![col] + other2![col] + other3![col];
    return { t3: { ...rest, other } as unknown as Report2019['t3'], t4, excluded };
  }
  return { t3: rows as unknown as Report2021['t3'], t4, excluded };
}

function computeT4(cases: readonly CaseSummary[], year: number, decidedBy: string): Report2021['t4'] {
  const t4 = Object.fromEntries(
    T4_GROUPS.map((g) => [g, Object.fromEntries(T4_COLUMNS.map((c) => [c, 0]))]),
  ) as Report2021['t4'] & Record<string, Record<string, number>>;
  const prefix = String(year);
  for (const c of cases) {
    for (const a of c.appeals) {
      if (a.filedOn.slice(0, 4) !== prefix) continue;
      const decided = a.result !== null && a.decidedOn !== null && a.decidedOn <= decidedBy;
      const column = decided ? a.result! : 'pending';
      const group = t4[a.kind] as Record<string, number>;
      group[column]!++;
      group.total!++;
    }
  }
  return t4;
}
