import { AppError } from '../../core/platform/app-error.ts';
import type { Action } from '../../core/platform/policy.ts';
import type { Report } from '../../core/report/report-schema.ts';
import {
  insertReportComment,
  listAcknowledgements,
  updateReportVersioned,
} from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow, AnnualReportRow, AnnualReportTable } from '../../db/schema.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { reportFor } from './report-access.ts';
import { blockers, previousReport, runChecks } from './report-checks.ts';

export type ReportState = 'draft' | 'submitted' | 'returned' | 'cleared' | 'published';

export const STATE_LABELS: Readonly<Record<ReportState, string>> = {
  draft: '起草中',
  submitted: '已报送待审核',
  returned: '已退回修改',
  cleared: '审核通过待发布',
  published: '已发布',
};

export interface TransitionSpec {
  id: string;
  version: number;
  action: Action;
  /** States the report must be in. */
  from: readonly ReportState[];
  auditAction: string;
  /** Recheck and refuse while errors or unacknowledged warnings remain (submission, publication). */
  gate?: boolean;
  /** Finding codes the gate lets through (publication records its own lateness instead of blocking). */
  gateIgnores?: readonly string[];
  comment?: { kind: string; body: string };
  change: (
    row: AnnualReportRow,
    report: Report,
    agency: AgencyRow,
    at: string,
  ) => Partial<Omit<AnnualReportTable, 'id' | 'agency_id' | 'year' | 'version' | 'created_at'>> & { report?: Report };
}

/**
 * One step of the workflow draft → submitted → returned | cleared → published: the policy, the expected state and
 * version, the recheck gate, the change, an optional comment, and the audit entry — in one transaction.
 */
export async function transitionReport(ctx: UseCaseContext, spec: TransitionSpec): Promise<AnnualReportRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, agency } = await reportFor(trx, ctx.actor, spec.id, spec.action);
    if (row.version !== spec.version) throw new AppError('CONFLICT');
    if (!spec.from.includes(row.state as ReportState))
      throw new AppError(
        'CONFLICT',
        `报告当前状态为“${STATE_LABELS[row.state as ReportState] ?? row.state}”，不能执行此操作`,
      );
    const at = nowIso(ctx);
    const report = JSON.parse(row.report_json) as Report;
    const { report: changed, ...patch } = spec.change(row, report, agency, at);
    const next = changed ?? report;
    const checked = runChecks(next, agency, await previousReport(trx, agency.id, row.year));
    if (spec.gate) {
      const acks = new Set((await listAcknowledgements(trx, row.id)).map((a) => a.finding_key));
      const ignored = new Set(spec.gateIgnores ?? []);
      const blocking = blockers(
        checked.findings.filter((f) => !ignored.has(f.code)),
        acks,
      );
      if (blocking.length > 0) throw new AppError('VALIDATION', blocking.join('；'), { findings: blocking.join('；') });
    }
    const updated = await updateReportVersioned(trx, row.id, row.version, {
      ...patch,
      report_json: JSON.stringify(next),
      findings_json: JSON.stringify(checked.findings),
      error_count: checked.errors,
      warning_count: checked.warnings,
      updated_at: at,
    });
    if (!updated) throw new AppError('CONFLICT');
    if (spec.comment) {
      await insertReportComment(trx, {
        id: newId(),
        report_id: row.id,
        author_id: ctx.actor?.id ?? null,
        author_label: ctx.actor ? ctx.actor.displayName : '系统',
        kind: spec.comment.kind,
        body: spec.comment.body,
        created_at: at,
      });
    }
    await recordAudit(trx, ctx, {
      action: spec.auditAction,
      entity: 'annual_report',
      entityId: row.id,
      before: { state: row.state, version: row.version },
      after: { state: updated.state, version: updated.version, errors: checked.errors, warnings: checked.warnings },
    });
    return updated;
  });
}
