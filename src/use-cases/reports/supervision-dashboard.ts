import { AppError } from '../../core/platform/app-error.ts';
import { T3_COLUMNS } from '../../core/report/layout.ts';
import type { Report } from '../../core/report/report-schema.ts';
import { consolidateReports, type ConsolidationResult } from '../../core/supervision/consolidate.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { listReports, reportJsonsOf, type ReportListRow } from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { reportScopeFor } from './report-access.ts';
import { deadlineDate } from './report-checks.ts';
import { beijingDate } from './report-figures.ts';
import { recordAlertsOf, type RecordAlerts } from './supervision-records.ts';

export interface AgencyStatus {
  agency: AgencyRow;
  report: ReportListRow | null;
  /** Published after the deadline, or not published and the deadline has passed. */
  late: boolean;
  deadline: string;
  /** From the records, not the report: overdue applications (today) and late publications of the year. */
  alerts: RecordAlerts;
  figures: {
    received: number | null;
    granted: number | null;
    denied: number | null;
    review: number | null;
    suits: number | null;
  } | null;
}

export interface SupervisionDashboard {
  home: AgencyRow;
  year: number;
  agencies: AgencyStatus[];
  counts: Record<string, number>;
  /** Sums over the subtree's reports of the year: table 3 outcome groups and applicant columns. */
  outcomes: { label: string; value: number }[];
  applicants: { label: string; value: number }[];
  /** 本年新收 applications summed per year, over every stored year. */
  trend: { year: number; value: number }[];
}

const OUTCOME_GROUPS: { label: string; rows: string[] }[] = [
  { label: '予以公开', rows: ['granted'] },
  { label: '部分公开', rows: ['partial'] },
  { label: '不予公开', rows: ['denied1', 'denied2', 'denied3', 'denied4', 'denied5', 'denied6', 'denied7', 'denied8'] },
  { label: '无法提供', rows: ['unable1', 'unable2', 'unable3'] },
  { label: '不予处理', rows: ['notProcessed1', 'notProcessed2', 'notProcessed3', 'notProcessed4', 'notProcessed5'] },
  { label: '其他处理', rows: ['other1', 'other2', 'other3'] },
];
const APPLICANT_LABELS: Record<string, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  social: '社会公益组织',
  legal: '法律服务机构',
  other: '其他',
};

const cell = (r: Report, row: string, col: string): number | null =>
  ((r.t3 as Record<string, Record<string, number | null>>)[row]?.[col] ?? null) as number | null;
const add = (...v: (number | null)[]) =>
  v.some((x) => x === null) ? null : v.reduce<number>((a, b) => a + (b ?? 0), 0);

/** What a supervising office sees for its subtree and a year (issue 9 item 4). */
export async function supervisionDashboard(ctx: UseCaseContext, year: number): Promise<SupervisionDashboard> {
  const scope = reportScopeFor(ctx.actor, 'report.review');
  if (!scope || scope.kind !== 'subtree') throw new AppError('FORBIDDEN');
  const home = await findAgency(ctx.db, ctx.actor!.agencyId);
  if (!home) throw new AppError('NOT_FOUND');
  const agencies = await listAgencies(ctx.db, { kind: 'subtree', path: scope.path });
  const all = await listReports(ctx.db, scope);
  const ofYear = all.filter((r) => r.year === year);
  const json = await reportJsonsOf(
    ctx.db,
    all.map((r) => r.id),
  );
  const parsed = new Map([...json].map(([id, j]) => [id, JSON.parse(j) as Report]));
  const byAgency = new Map(ofYear.map((r) => [r.agency_id, r]));
  const today = beijingDate(ctx.clock());
  const alerts = await recordAlertsOf(ctx, scope.path, agencies, year);
  const counts: Record<string, number> = {
    none: 0,
    draft: 0,
    submitted: 0,
    returned: 0,
    cleared: 0,
    published: 0,
    late: 0,
    imported: 0,
    overdueApplications: 0,
    latePublications: 0,
  };
  const statuses: AgencyStatus[] = agencies.map((agency) => {
    const report = byAgency.get(agency.id) ?? null;
    const deadline = report?.deadline ?? deadlineDate(agency, year);
    const late = report?.state === 'published' ? report.late === 1 : today > deadline;
    counts[report?.state ?? 'none'] = (counts[report?.state ?? 'none'] ?? 0) + 1;
    if (late) counts['late']!++;
    if (report?.origin === 'imported') counts['imported']!++;
    const own = alerts.get(agency.id) ?? { overdueApplications: 0, latePublications: 0 };
    counts['overdueApplications']! += own.overdueApplications;
    counts['latePublications']! += own.latePublications;
    const r = report ? parsed.get(report.id) : undefined;
    const figures = r
      ? {
          received: cell(r, 'new', 'total'),
          granted: cell(r, 'granted', 'total'),
          denied: add(...OUTCOME_GROUPS[2]!.rows.map((row) => cell(r, row, 'total'))),
          review: r.t4.review.total,
          suits: add(r.t4.suitDirect.total, r.t4.suitAfterReview.total),
        }
      : null;
    return { agency, report, late, deadline, alerts: own, figures };
  });
  const yearReports = ofYear.map((r) => parsed.get(r.id)!).filter((r) => r.format === '2021');
  const sum = (rows: string[], col: string) =>
    yearReports.reduce((n, r) => n + rows.reduce((m, row) => m + (cell(r, row, col) ?? 0), 0), 0);
  const trendMap = new Map<number, number>();
  for (const r of all)
    trendMap.set(r.year, (trendMap.get(r.year) ?? 0) + (cell(parsed.get(r.id)!, 'new', 'total') ?? 0));
  return {
    home,
    year,
    agencies: statuses,
    counts,
    outcomes: OUTCOME_GROUPS.map((g) => ({ label: g.label, value: sum(g.rows, 'total') })),
    applicants: T3_COLUMNS.filter((c) => c !== 'total').map((c) => ({
      label: APPLICANT_LABELS[c]!,
      value: sum(['new'], c),
    })),
    trend: [...trendMap].sort((a, b) => a[0] - b[0]).map(([y, value]) => ({ year: y, value })),
  };
}

/**
 * The consolidated report of the supervising government (issue 9 item 5): the sum of its subtree's reports of the
 * year (drafted or imported, any state) through the core's consolidateReports — identities preserved, blanks
 * listed with the parts that left them blank.
 */
export async function consolidatedReport(ctx: UseCaseContext, year: number): Promise<ConsolidationResult> {
  const scope = reportScopeFor(ctx.actor, 'report.review');
  if (!scope || scope.kind !== 'subtree') throw new AppError('FORBIDDEN');
  const home = await findAgency(ctx.db, ctx.actor!.agencyId);
  if (!home) throw new AppError('NOT_FOUND');
  const rows = await listReports(ctx.db, scope, { year });
  if (rows.length === 0) return { ok: false, errors: [`${year}年度尚无下级机关的年度报告，无法汇总`] };
  const json = await reportJsonsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const top = home.parent_id === null ? home : ((await findAgency(ctx.db, home.parent_id)) ?? home);
  const government = ['city', 'district', 'town'].includes(home.kind) ? home : top;
  return consolidateReports(
    rows.map((r) => ({ report: JSON.parse(json.get(r.id)!) as Report, label: r.agency_name })),
    { agency: government.name, year, dated: beijingDate(ctx.clock()) },
  );
}
