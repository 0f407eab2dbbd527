import { AppError } from '../../core/platform/app-error.ts';
import { updateItemVersioned } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { conflict, itemFor } from './item-access.ts';
import { loadPublicationSettings } from './publication-settings.ts';

/**
 * Sends a draft into the review chain: a new round starting at the first step, with the agency's chain as it is
 * now kept on the item — a later change of the chain applies to the next submission, not to this round.
 */
export async function submitItem(ctx: UseCaseContext, id: string, version: number): Promise<PublicationItemRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, agency } = await itemFor(trx, ctx, id, 'publication.edit');
    if (item.status !== 'draft') throw new AppError('CONFLICT', '该信息已提交审核');
    if (item.body_text.trim() === '' && item.title.trim() === '')
      throw new AppError('VALIDATION', '正文为空，不能提交审核', { bodyHtml: '请填写正文' });
    const row = await updateItemVersioned(trx, id, version, {
      status: 'review',
      review_round: item.review_round + 1,
      review_step: 0,
      review_chain: JSON.stringify((await loadPublicationSettings(trx, agency)).reviewChain),
      updated_at: nowIso(ctx),
    });
    if (!row) throw conflict();
    await recordAudit(trx, ctx, {
      action: 'publication.submit',
      entity: 'publication_item',
      entityId: id,
      after: { status: row.status, round: row.review_round, chain: row.review_chain },
    });
    return row;
  });
}
