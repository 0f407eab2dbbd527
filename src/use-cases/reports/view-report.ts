import type { Finding } from '../../core/check/finding.ts';
import type { Report } from '../../core/report/report-schema.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import {
  findReport,
  listAcknowledgements,
  listReportComments,
  listPublishedReports as listPublished,
  listReports,
  reportJsonsOf,
  type ReportListRow,
} from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow, AnnualReportRow, Db, ReportCommentRow } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { reportFor, reportScopeFor } from './report-access.ts';
import { findingKey } from './report-checks.ts';

export interface ReportView {
  row: AnnualReportRow;
  agency: AgencyRow;
  report: Report;
  findings: (Finding & { key: string; reason?: string })[];
  comments: ReportCommentRow[];
}

/** One report for staff, with its findings (and the reasons given for warnings) and comments. */
export async function viewReport(ctx: UseCaseContext, id: string): Promise<ReportView> {
  const { row, agency } = await reportFor(ctx.db, ctx.actor, id, 'report.read');
  const acks = new Map((await listAcknowledgements(ctx.db, id)).map((a) => [a.finding_key, a.reason]));
  const findings = (JSON.parse(row.findings_json) as Finding[]).map((f) => {
    const key = findingKey(f);
    return { ...f, key, reason: acks.get(key) };
  });
  return {
    row,
    agency,
    report: JSON.parse(row.report_json) as Report,
    findings,
    comments: await listReportComments(ctx.db, id),
  };
}

/** The reports the actor may read (own agency, or the supervisor's subtree). */
export async function listVisibleReports(
  ctx: UseCaseContext,
  filter: { year?: number } = {},
): Promise<ReportListRow[]> {
  const scope = reportScopeFor(ctx.actor, 'report.read');
  if (!scope) throw new AppError('FORBIDDEN');
  return listReports(ctx.db, scope, filter);
}

/** A published report for the public (条例第四十九条); anything else is not found. */
export async function publishedReport(
  db: Db,
  id: string,
): Promise<{ row: AnnualReportRow; agency: AgencyRow; report: Report }> {
  const row = await findReport(db, id);
  const agency = row && row.state === 'published' ? await findAgency(db, row.agency_id) : undefined;
  if (!row || !agency) throw new AppError('NOT_FOUND', '未找到该年度报告');
  return { row, agency, report: JSON.parse(row.report_json) as Report };
}

/** The published reports of a year as `gongkai.report/1` JSON, for the bulk download (issue 9 item 9). */
export async function publishedReportsOfYear(db: Db, year: number): Promise<Report[]> {
  const rows = await listPublished(db, { year });
  const json = await reportJsonsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => JSON.parse(json.get(r.id)!) as Report);
}

export function listPublishedReports(db: Db) {
  return listPublished(db);
}
