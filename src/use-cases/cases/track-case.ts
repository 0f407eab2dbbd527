import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CASE_STATUS_LABELS } from '../../core/cases/case-state.ts';
import { evaluateDeadline } from '../../core/cases/deadline-status.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { findCaseByTrackingCode, type CaseWithAgency } from '../../db/repositories/cases/case-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { hashSecret } from '../platform/session-token.ts';
import { normaliseSecret, normaliseTrackingCode } from './applicant-data.ts';
import { checkedSnapshot, loadCaseRecord, saveCaseChange, today, type LoadedCase } from './case-record.ts';

/**
 * The applicant's side, without an account (issue 7 item 6): the tracking code from the 回执 plus the secret shown
 * once at submission. Both are needed; a wrong pair and an unknown code give the same answer. The page shows only
 * what concerns the applicant — status, due date, messages to them, files released to them — never internal notes,
 * never another case. The routes rate-limit every attempt.
 */
export const trackingInput = z.object({
  code: z.string().trim().min(1, '请填写受理编号').max(40, '受理编号过长'),
  secret: z.string().trim().min(1, '请填写查询密码').max(40, '查询密码过长'),
});
export type TrackingInput = z.infer<typeof trackingInput>;

const NOT_FOUND_MESSAGE = '受理编号或查询密码不正确';

async function findTracked(ctx: UseCaseContext, input: TrackingInput): Promise<CaseWithAgency> {
  const row = await findCaseByTrackingCode(ctx.db, normaliseTrackingCode(input.code));
  // Hash even when the code is unknown: the time taken does not tell whether a code exists.
  const given = Buffer.from(hashSecret(normaliseSecret(input.secret)), 'hex');
  const stored = Buffer.from(row ? row.secret_hash : '0'.repeat(64), 'hex');
  const match = row !== undefined && stored.length === given.length && timingSafeEqual(stored, given);
  if (!match || !row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return row;
}

export interface TrackedCase {
  trackingCode: string;
  agencyName: string;
  receivedOn: string;
  statusLabel: string;
  deadlineMessage: string;
  dueOn: string | null;
  awaitingCorrection: { correctBy: string } | null;
  entries: { seq: number; at: string; kind: string; body: string; filename: string | null; fromApplicant: boolean }[];
}

function trackedView(loaded: LoadedCase, day: string): TrackedCase {
  const s = loaded.snapshot;
  const deadline = evaluateDeadline(s, loaded.calendar, day);
  return {
    trackingCode: loaded.row.tracking_code,
    agencyName: loaded.row.agency_name,
    receivedOn: loaded.row.received_on,
    statusLabel: CASE_STATUS_LABELS[s.status],
    deadlineMessage: deadline.message,
    dueOn: deadline.due,
    awaitingCorrection:
      s.status === 'awaitingCorrection' && s.correction ? { correctBy: s.correction.correctBy } : null,
    entries: loaded.rows
      .filter((r) => r.to_applicant === 1 || r.from_applicant === 1)
      .map((r) => ({
        seq: r.seq,
        at: r.created_at,
        kind: r.kind,
        body: r.body,
        filename: r.filename,
        fromApplicant: r.from_applicant === 1,
      })),
  };
}

export async function trackCase(ctx: UseCaseContext, input: TrackingInput): Promise<TrackedCase> {
  const row = await findTracked(ctx, input);
  const day = today(ctx);
  return trackedView(await loadCaseRecord(ctx.db, row, day), day);
}

/** A file the applicant may download: one released to them or one they sent; anything else is NOT_FOUND. */
export async function trackedFile(
  ctx: UseCaseContext,
  input: TrackingInput & { seq: number },
): Promise<{ sha256: string; filename: string }> {
  const row = await findTracked(ctx, input);
  const loaded = await loadCaseRecord(ctx.db, row, today(ctx));
  const e = loaded.rows.find((r) => r.seq === input.seq);
  if (!e || !e.blob_sha256 || (e.to_applicant !== 1 && e.from_applicant !== 1))
    throw new AppError('NOT_FOUND', '未找到该文件');
  return { sha256: e.blob_sha256, filename: e.filename ?? '文件' };
}

export const correctionInput = trackingInput.extend({
  text: z.string().trim().min(2, '请填写补正内容').max(2000, '补正内容不能超过2000字'),
});

/**
 * 补正 from the applicant (第三十条): recorded as received today — the answer period runs anew from it — with the
 * corrected text as a message from the applicant.
 */
export async function submitCorrection(ctx: UseCaseContext, input: z.infer<typeof correctionInput>): Promise<void> {
  const row = await findTracked(ctx, input);
  const day = today(ctx);
  const loaded = await loadCaseRecord(ctx.db, row, day);
  if (loaded.snapshot.status !== 'awaitingCorrection')
    throw new AppError('CONFLICT', '该申请目前不需要补正（可能已经提交过补正）');
  const event = { type: 'corrected' as const, date: day };
  const snapshot = checkedSnapshot(loaded, [event], day);
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: 'case.corrected',
      entries: [
        { kind: 'state', event },
        { kind: 'correction', body: input.text, fromApplicant: true },
      ],
      snapshot,
      actorLabel: '申请人（网上补正）',
    }),
  );
}
