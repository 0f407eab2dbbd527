import type { CaseSummary, AppealSummary } from '../../core/cases/case-summary.ts';
import { computeTables } from '../../core/cases/compute-tables.ts';
import type { ApplicantType } from '../../core/cases/applicant-type.ts';
import type { OutcomeRow } from '../../core/cases/outcome-row.ts';
import type { Report2021 } from '../../core/report/report-schema.ts';
import {
  appealRows,
  sumFees,
  tableGroups,
  type TableGroup,
  type TableRow,
} from '../../db/repositories/cases/case-repository.ts';
import type { Executor } from '../../db/schema.ts';

/** The stored columns of a case as the core's table input. */
export function summaryOfRow(r: TableRow): CaseSummary {
  return {
    applicantType: r.applicant_type as ApplicantType,
    receivedOn: r.received_on,
    outcome:
      r.outcome_row !== null && r.finished_on !== null
        ? { row: r.outcome_row as OutcomeRow, date: r.finished_on }
        : null,
    appeals: JSON.parse(r.appeals_json) as AppealSummary[],
  };
}

/**
 * Table 3 of one group: the counting rules look only at the buckets (received before / in the year; finished in /
 * after the year / not), so one representative case per bucket, counted by the core and multiplied by the group's
 * size, gives exactly the counts of the real dates — without a summary object per case (a district's year is
 * hundreds of thousands of them).
 */
function groupTable(g: TableGroup, year: number): Report2021['t3'] {
  const receivedOn = g.before_start === 1 ? `${year - 1}-12-31` : `${year}-01-01`;
  const outcome =
    g.fin === 'n' || g.outcome_row === null
      ? null
      : { row: g.outcome_row as OutcomeRow, date: g.fin === 'i' ? `${year}-12-31` : `${year + 1}-01-01` };
  const one: CaseSummary = { applicantType: g.applicant_type as ApplicantType, receivedOn, outcome, appeals: [] };
  return computeTables([one], year).t3;
}

/** Adds `times` × `part` into `sum`, cell by cell. */
function addScaled(sum: Report2021['t3'], part: Report2021['t3'], times: number): void {
  const into = sum as unknown as Record<string, Record<string, number>>;
  for (const [row, cells] of Object.entries(part as unknown as Record<string, Record<string, number>>))
    for (const [column, n] of Object.entries(cells)) if (n !== 0) into[row]![column]! += n * times;
}

/**
 * Tables 3 and 4 of the annual report (2021 format) for `year` from the case records of the given agencies (one
 * agency, or every agency of a subtree — the caller decides which and whether the reader may see them), and the
 * 信息处理费 collected in the year. The counting is the core's (computeTables): 本年新收, 上年结转, the outcome rows,
 * 结转下年度 with carry-over between years by construction; table 4 from the cases with appeals filed in the year.
 *
 * The annual-report module depends on exactly this name and signature.
 */
export async function caseTablesFor(
  db: Executor,
  agencyIds: string[],
  year: number,
): Promise<{ t3: Report2021['t3']; t4: Report2021['t4']; fees: { yuan: number; applications: number } }> {
  const { t3 } = computeTables([], year);
  for (const g of await tableGroups(db, agencyIds, year)) addScaled(t3, groupTable(g, year), g.n);
  const { t4 } = computeTables((await appealRows(db, agencyIds, year)).map(summaryOfRow), year);
  const fees = await sumFees(db, agencyIds, year);
  return { t3, t4, fees };
}
