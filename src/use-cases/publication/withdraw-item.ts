import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { dialectOf } from '../../db/dialect-of.ts';
import { bumpCacheGeneration } from '../../db/repositories/platform/cache-generation-repository.ts';
import { updateItemVersioned } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import { createSearchIndex } from '../../search/search-index.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { conflict, itemFor } from './item-access.ts';
import { enqueueWebhook, portalPagesScope } from './publish-core.ts';
import { loadPublicationSettings } from './publication-settings.ts';

export const withdrawInput = z.object({
  reason: z.string().trim().min(4, '请填写撤回原因（不少于4个字）').max(500, '撤回原因不超过500字'),
  version: z.number().int().min(1),
});
export type WithdrawInput = z.infer<typeof withdrawInput>;

/**
 * Takes a published (or scheduled) item off the portal with a recorded reason: out of the lists, the search index,
 * the feeds and the cached pages (on every app server). Its 索引号 stays taken — never reused.
 */
export async function withdrawItem(ctx: UseCaseContext, id: string, input: WithdrawInput): Promise<PublicationItemRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, agency } = await itemFor(trx, ctx, id, 'publication.publish');
    if (item.status !== 'published' && item.status !== 'scheduled')
      throw new AppError('CONFLICT', '只有已发布或定时发布的信息可以撤回');
    const at = nowIso(ctx);
    const row = await updateItemVersioned(trx, id, input.version, {
      status: 'withdrawn',
      withdrawn_reason: input.reason,
      withdrawn_at: at,
      publish_at: null,
      updated_at: at,
    });
    if (!row) throw conflict();
    await createSearchIndex(dialectOf(trx)).remove(trx, id);
    await enqueueWebhook(trx, await loadPublicationSettings(trx, agency), 'withdrawn', id, at);
    await bumpCacheGeneration(trx, portalPagesScope);
    await recordAudit(trx, ctx, {
      action: 'publication.withdraw',
      entity: 'publication_item',
      entityId: id,
      before: { status: item.status },
      after: { status: row.status, reason: input.reason },
    });
    return row;
  });
}
