import { z } from 'zod';
import { mayDecide } from '../../core/publication/review-chain.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { insertReview, updateItemVersioned } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { checkItem } from './check-item.ts';
import { conflict, itemFor } from './item-access.ts';
import { itemReviewChain } from './item-review-chain.ts';
import { loadPublicationSettings } from './publication-settings.ts';

export const reviewInput = z
  .object({
    decision: z.enum(['approve', 'return'], { message: '请选择审核意见' }),
    comment: z.string().trim().max(1000, '意见不超过1000字').default(''),
    /** Publishing despite error-level findings of the checks needs a reason (recorded, audited). */
    overrideReason: z.string().trim().max(500, '理由不超过500字').default(''),
    version: z.number().int().min(1),
  })
  .refine((v) => v.decision === 'approve' || v.comment.length >= 2, {
    message: '退回修改时请填写意见',
    path: ['comment'],
  });
export type ReviewInput = z.infer<typeof reviewInput>;

/**
 * Decides the current step of the review chain. Approving the last step makes the item 已审核 (waiting for the
 * 保密审查 confirmation and publication); returning sends it back to draft with the comment. The author never
 * decides a step of their own item; a step is decided once per round (a UNIQUE key). When the checks find errors,
 * approval needs an override reason (issue 8 item 5).
 */
export async function reviewItem(ctx: UseCaseContext, id: string, input: ReviewInput): Promise<PublicationItemRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, agency } = await itemFor(trx, ctx, id, 'publication.review');
    const actor = ctx.actor!;
    if (item.status !== 'review') throw new AppError('CONFLICT', '该信息不在审核中');
    if (item.created_by === actor.id) throw new AppError('FORBIDDEN', '不能审核本人起草的信息（审核与承办分离）');
    const settings = await loadPublicationSettings(trx, agency);
    // The chain the item was submitted with, not the agency's current one (item-review-chain.ts).
    const chain = itemReviewChain(item, settings);
    const step = chain[item.review_step];
    if (!step) throw new AppError('CONFLICT', '审核步骤已完成');
    if (!mayDecide(step, actor.roles)) throw new AppError('FORBIDDEN', `您无权进行“${step.name}”`);
    let override: string | null = item.check_override;
    if (input.decision === 'approve') {
      const checks = await checkItem(trx, item, settings, ctx.clock());
      if (checks.blocking && !item.check_override) {
        if (input.overrideReason.length < 4)
          throw new AppError('VALIDATION', '发布前检查发现错误，须修改后再审核，或填写继续发布的理由', {
            overrideReason: '请填写继续发布的理由（不少于4个字）',
          });
        override = input.overrideReason;
      }
    }
    const at = nowIso(ctx);
    await insertReview(trx, {
      id: newId(),
      item_id: id,
      round: item.review_round,
      step: item.review_step,
      step_name: step.name,
      decision: input.decision,
      comment: input.comment,
      override_reason: override !== item.check_override ? override : null,
      actor_id: actor.id,
      actor_label: `${actor.displayName}（${actor.login}）`,
      at,
    });
    const last = item.review_step + 1 >= chain.length;
    const row = await updateItemVersioned(
      trx,
      id,
      input.version,
      input.decision === 'return'
        ? { status: 'draft', review_step: 0, updated_at: at }
        : {
            status: last ? 'approved' : 'review',
            review_step: item.review_step + 1,
            check_override: override,
            check_override_by: override !== item.check_override ? actor.id : item.check_override_by,
            updated_at: at,
          },
    );
    if (!row) throw conflict();
    await recordAudit(trx, ctx, {
      action: input.decision === 'approve' ? 'publication.approve' : 'publication.return',
      entity: 'publication_item',
      entityId: id,
      after: {
        step: step.name,
        round: item.review_round,
        status: row.status,
        comment: input.comment,
        ...(override && override !== item.check_override ? { override } : {}),
      },
    });
    return row;
  });
}
