/**
 * The workflow steps of an annual report (issue 9 items 2–3), each one operation on `transitionReport`:
 * saving the text (checked on every save), submitting to the supervising office (条例第五十条 content, no error,
 * warnings acknowledged), returning with comments or clearing (上级监督), and publishing (条例第四十九条: by the
 * agency's deadline, lateness recorded).
 */
import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import type { Report } from '../../core/report/report-schema.ts';
import { SECTION_NUMBERS } from '../../core/report/layout.ts';
import type { AnnualReportRow } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { beijingDate, beijingDateTime } from './report-figures.ts';
import { transitionReport } from './report-transition.ts';

const sectionText = z.string().max(20_000);

export const saveTextInput = z.object({
  version: z.number().int().min(1),
  s1: sectionText,
  s2: sectionText,
  s3: sectionText,
  s4: sectionText,
  s5: sectionText,
  s6: sectionText,
});

/** Saves sections 一–六 (tables stay as drafted from the records) and rechecks. */
export function saveReportText(ctx: UseCaseContext, id: string, input: z.infer<typeof saveTextInput>) {
  return transitionReport(ctx, {
    id,
    version: input.version,
    action: 'report.edit',
    from: ['draft', 'returned'],
    auditAction: 'report.saveText',
    change: (_row, report) => {
      const next = structuredClone(report) as Report;
      for (const n of SECTION_NUMBERS) next.sections[n] = input[`s${n}`].replace(/\r\n?/g, '\n');
      return { report: next };
    },
  });
}

export const stepInput = z.object({ version: z.number().int().min(1) });

export function submitReport(
  ctx: UseCaseContext,
  id: string,
  input: z.infer<typeof stepInput>,
): Promise<AnnualReportRow> {
  return transitionReport(ctx, {
    id,
    version: input.version,
    action: 'report.submit',
    from: ['draft', 'returned'],
    auditAction: 'report.submit',
    gate: true,
    comment: { kind: 'submitted', body: '报送上级审核' },
    change: (_row, _report, _agency, at) => ({ state: 'submitted', submitted_at: at }),
  });
}

export const reviewInput = z.object({
  version: z.number().int().min(1),
  verdict: z.enum(['returned', 'cleared']),
  comment: z.string().trim().max(5000).default(''),
});

/** The supervising office returns the report with comments (required) or clears it. */
export function reviewReport(ctx: UseCaseContext, id: string, input: z.infer<typeof reviewInput>) {
  if (input.verdict === 'returned' && input.comment === '')
    return Promise.reject(validation('comment', '退回时须填写审核意见'));
  return transitionReport(ctx, {
    id,
    version: input.version,
    action: 'report.review',
    from: ['submitted'],
    auditAction: input.verdict === 'returned' ? 'report.return' : 'report.clear',
    comment: { kind: input.verdict, body: input.comment || '审核通过' },
    change: (_row, _report, _agency, at) =>
      input.verdict === 'returned' ? { state: 'returned' } : { state: 'cleared', cleared_at: at },
  });
}

/** Publishes a cleared report: 发布时间 set, lateness against the agency's deadline recorded. */
export function publishReport(ctx: UseCaseContext, id: string, input: z.infer<typeof stepInput>) {
  const now = ctx.clock();
  return transitionReport(ctx, {
    id,
    version: input.version,
    action: 'report.publish',
    from: ['cleared'],
    auditAction: 'report.publish',
    gate: true,
    // 条例第四十九条: a late report is still published — its lateness is recorded (late = 1), not a blocker.
    gateIgnores: ['LATE_PUBLICATION'],
    comment: { kind: 'published', body: '已在政府信息公开年报栏目发布' },
    change: (row, report, _agency, at) => {
      const next = structuredClone(report) as Report;
      next.publishedAt = beijingDateTime(now);
      return { report: next, state: 'published', published_at: at, late: beijingDate(now) > row.deadline ? 1 : 0 };
    },
  });
}

function validation(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { [field]: message });
}
