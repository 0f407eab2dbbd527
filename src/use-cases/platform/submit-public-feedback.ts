import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { insertSubmissionOnce } from '../../db/repositories/platform/submission-repository.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { newId } from './session-token.ts';

export const feedbackKinds = { message: '留言咨询', correction: '信息纠错' } as const;

export const publicFeedbackInput = z.object({
  agencyId: z.string().min(1, '请选择机构'),
  kind: z.enum(['message', 'correction'], { message: '请选择类型' }),
  pageUrl: z.string().trim().max(500, '页面地址过长').default(''),
  content: z.string().trim().min(5, '内容不少于5个字').max(2000, '内容不超过2000字'),
  contactName: z.string().trim().max(40, '姓名过长').default(''),
  contact: z.string().trim().max(100, '联系方式过长').default(''),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '表单已失效，请刷新页面后重新提交'),
});

export type PublicFeedbackInput = z.infer<typeof publicFeedbackInput>;

export interface FeedbackReceipt {
  id: string;
  /** The number shown to the person, to quote when asking about it. */
  reference: string;
  createdAt: string;
  /** False when the same form was submitted before (double click, retry after a lost response). */
  created: boolean;
}

/**
 * Stores a 留言/纠错 from the public portal exactly once per idempotency key: the form carries a fresh key, so
 * a double click or a retry after a lost response never creates a second record.
 */
export async function submitPublicFeedback(ctx: UseCaseContext, input: PublicFeedbackInput): Promise<FeedbackReceipt> {
  const agency = await findAgency(ctx.db, input.agencyId);
  if (!agency) throw new AppError('VALIDATION', undefined, { agencyId: '所选机构不存在' });
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    const { row, created } = await insertSubmissionOnce(trx, {
      id,
      idempotency_key: input.idempotencyKey,
      agency_id: agency.id,
      kind: input.kind,
      page_url: input.pageUrl,
      content: input.content,
      contact_name: input.contactName,
      contact: input.contact,
      status: 'new',
      ip: ctx.ip,
      created_at: nowIso(ctx),
    });
    if (created) {
      // Personal contact data stays in the submission; the audit entry records only that it was received.
      await recordAudit(trx, ctx, {
        action: 'submission.create',
        entity: 'public_submission',
        entityId: row.id,
        after: { agency_id: row.agency_id, kind: row.kind, idempotency_key: row.idempotency_key },
      });
    }
    return { id: row.id, reference: referenceOf(row.id, row.created_at), createdAt: row.created_at, created };
  });
}

export function referenceOf(id: string, createdAt: string): string {
  return `LY${createdAt.slice(0, 10).replaceAll('-', '')}-${id.slice(0, 8).toUpperCase()}`;
}
