import { z } from 'zod';
import { addDays } from '../../core/calendar/iso-date.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can, scopeOf } from '../../core/platform/policy.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import {
  findSubmission,
  findSubmissionByReference,
  saveReply,
} from '../../db/repositories/publication/submission-reply-repository.ts';
import type { Executor } from '../../db/schema.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { referenceOf } from '../platform/submit-public-feedback.ts';
import { publicationCalendar } from './publication-calendar.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';

/** Working days within which a 留言/纠错 is answered (the agency's service commitment; shown to the public). */
export const SUBMISSION_REPLY_WORKING_DAYS = 10;

export const submissionStatusLabels: Readonly<Record<string, string>> = {
  new: '待办理',
  answered: '已答复',
  closed: '已办结',
};

export const replyInput = z.object({
  reply: z.string().trim().min(2, '请填写答复内容').max(2000, '答复不超过2000字'),
  status: z.enum(['answered', 'closed'], { message: '请选择状态' }).default('answered'),
});
export type ReplyInput = z.infer<typeof replyInput>;

/**
 * The day a submission must be answered by: 10 working days after it was received (China time), on the agency's
 * calendar — the State Council notices as entered by the administrator and the agency's local closures.
 */
export function replyDueOn(createdAt: string, calendar?: WorkingCalendar): string {
  const received = addDays(createdAt.slice(0, 10), createdAt.slice(11, 13) >= '16' ? 1 : 0);
  const due = publicationCalendar(calendar).addWorkingDays(received, SUBMISSION_REPLY_WORKING_DAYS);
  return due.ok ? due.value : '';
}

async function agencyCalendar(ex: Executor, agencyPath: string): Promise<WorkingCalendar> {
  return (await loadWorkingCalendar(ex)).forAgency(agencyPath);
}

/** A submission for the staff of its agency (the supervisor reads its subtree). */
export async function submissionFor(ctx: UseCaseContext, id: string) {
  if (!ctx.actor || scopeOf(ctx.actor, 'submission.read') === null) throw new AppError('FORBIDDEN');
  const s = await findSubmission(ctx.db, id);
  const agency = s ? await findAgency(ctx.db, s.agency_id) : undefined;
  if (!s || !agency || !can(ctx.actor, 'submission.read', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('NOT_FOUND', '未找到该留言');
  return {
    submission: s,
    agency,
    reference: referenceOf(s.id, s.created_at),
    dueOn: replyDueOn(s.created_at, await agencyCalendar(ctx.db, agency.path)),
    mayReply: can(ctx.actor, 'submission.reply', { agencyId: agency.id, agencyPath: agency.path }),
  };
}

/** Asked before the reply form is read: NOT_FOUND outside the actor's view, FORBIDDEN without the right to reply. */
export async function requireSubmissionReply(ctx: UseCaseContext, id: string): Promise<void> {
  if (!(await submissionFor(ctx, id)).mayReply) throw new AppError('FORBIDDEN');
}

/** Staff answer a 留言/纠错 (the reply is public to whoever holds the reference). Audited. */
export async function replySubmission(ctx: UseCaseContext, id: string, input: ReplyInput): Promise<void> {
  const { mayReply, submission } = await submissionFor(ctx, id);
  if (!mayReply) throw new AppError('FORBIDDEN');
  await ctx.db.transaction().execute(async (trx) => {
    await saveReply(
      trx,
      { submission_id: id, reply: input.reply, replied_by: ctx.actor!.id, replied_at: nowIso(ctx) },
      input.status,
    );
    await recordAudit(trx, ctx, {
      action: 'submission.reply',
      entity: 'public_submission',
      entityId: id,
      before: { status: submission.status },
      after: { status: input.status, reply_chars: input.reply.length },
    });
  });
}

export interface SubmissionLookup {
  reference: string;
  kind: string;
  receivedOn: string;
  dueOn: string;
  status: string;
  reply: string | null;
  repliedOn: string | null;
}

/**
 * The public look-up by reference: status, due date and the reply — never the content or the contact data (a
 * reference could be guessed; 32 random bits per day behind the public rate limit).
 */
export async function lookupSubmission(ex: Executor, reference: string): Promise<SubmissionLookup | null> {
  const m = /^LY(\d{4})(\d{2})(\d{2})-([0-9A-F]{8})$/.exec(reference.trim().toUpperCase());
  if (!m) return null;
  const s = await findSubmissionByReference(ex, `${m[1]}-${m[2]}-${m[3]}`, (m[4] ?? '').toLowerCase());
  if (!s) return null;
  const agency = await findAgency(ex, s.agency_id);
  return {
    reference: referenceOf(s.id, s.created_at),
    kind: s.kind,
    receivedOn: s.created_at.slice(0, 10),
    dueOn: replyDueOn(s.created_at, agency ? await agencyCalendar(ex, agency.path) : undefined),
    status: s.status,
    reply: s.reply,
    repliedOn: s.replied_at?.slice(0, 10) ?? null,
  };
}
