/**
 * Checking as you write (issue 9 item 2): the core checker on every save, and the gate of submission and
 * publication — no error-level finding, every warning acknowledged with a reason.
 */
import { createHash } from 'node:crypto';
import { checkReport } from '../../core/check/check-report.ts';
import type { Deadline } from '../../core/check/check-front-matter.ts';
import { sortFindings } from '../../core/check/check-document.ts';
import type { Finding } from '../../core/check/finding.ts';
import type { Report } from '../../core/report/report-schema.ts';
import { findReportOf } from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow, Executor } from '../../db/schema.ts';

export function deadlineOf(agency: Pick<AgencyRow, 'report_deadline'>): Deadline {
  const m = /^(\d{2})-(\d{2})$/.exec(agency.report_deadline);
  return m ? { month: Number(m[1]), day: Number(m[2]) } : { month: 1, day: 31 };
}

/** The ISO date by which the report of `year` must be published (条例第四十九条: 每年1月31日前, per agency). */
export function deadlineDate(agency: Pick<AgencyRow, 'report_deadline'>, year: number): string {
  const d = deadlineOf(agency);
  return `${year + 1}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Last year's report of the agency, if stored (for X1/X2). */
export async function previousReport(ex: Executor, agencyId: string, year: number): Promise<Report | undefined> {
  const prev = await findReportOf(ex, agencyId, year - 1);
  return prev ? (JSON.parse(prev.report_json) as Report) : undefined;
}

export interface CheckedFigures {
  findings: Finding[];
  errors: number;
  warnings: number;
}

export function runChecks(report: Report, agency: AgencyRow, previous: Report | undefined): CheckedFigures {
  const findings = sortFindings(checkReport(report, { previous, deadline: deadlineOf(agency) }));
  return {
    findings,
    errors: findings.filter((f) => f.level === 'error').length,
    warnings: findings.filter((f) => f.level === 'warning').length,
  };
}

/** A stable key for a finding, so an acknowledgement survives re-checks while the finding stays the same. */
export function findingKey(f: Finding): string {
  return createHash('sha256')
    .update(`${f.code}\u0000${(f.cells ?? []).join(',')}\u0000${f.message}`)
    .digest('hex')
    .slice(0, 24);
}

/** What still blocks submission or publication, in Chinese; empty when nothing does. */
export function blockers(findings: readonly Finding[], acknowledged: ReadonlySet<string>): string[] {
  const errors = findings.filter((f) => f.level === 'error');
  const open = findings.filter((f) => f.level === 'warning' && !acknowledged.has(findingKey(f)));
  const out: string[] = [];
  if (errors.length > 0) out.push(`报告有${errors.length}处错误，须更正后才能提交或发布`);
  if (open.length > 0) out.push(`有${open.length}条提示尚未说明理由，请逐条确认`);
  return out;
}
