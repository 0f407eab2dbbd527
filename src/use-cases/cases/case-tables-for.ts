import type { CaseSummary, AppealSummary } from '../../core/cases/case-summary.ts';
import { computeTables } from '../../core/cases/compute-tables.ts';
import type { ApplicantType } from '../../core/cases/applicant-type.ts';
import type { OutcomeRow } from '../../core/cases/outcome-row.ts';
import type { Report2021 } from '../../core/report/report-schema.ts';
import { sumFees, tableRows, type TableRow } from '../../db/repositories/cases/case-repository.ts';
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
 * Tables 3 and 4 of the annual report (2021 format) for `year` from the case records of the given agencies (one
 * agency, or every agency of a subtree — the caller decides which and whether the reader may see them), and the
 * 信息处理费 collected in the year. The counting is the core's (computeTables): 本年新收, 上年结转, the outcome rows,
 * 结转下年度 with carry-over between years by construction.
 *
 * The annual-report module depends on exactly this name and signature.
 */
export async function caseTablesFor(
  db: Executor,
  agencyIds: string[],
  year: number,
): Promise<{ t3: Report2021['t3']; t4: Report2021['t4']; fees: { yuan: number; applications: number } }> {
  const rows = await tableRows(db, agencyIds, year);
  const { t3, t4 } = computeTables(rows.map(summaryOfRow), year);
  const fees = await sumFees(db, agencyIds, year);
  return { t3, t4, fees };
}
