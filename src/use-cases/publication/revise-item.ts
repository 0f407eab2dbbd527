import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { dialectOf } from '../../db/dialect-of.ts';
import { bumpCacheGeneration } from '../../db/repositories/platform/cache-generation-repository.ts';
import { insertRevision, updateItemVersioned } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import { createSearchIndex } from '../../search/search-index.ts';
import { canonicalJson } from '../../core/platform/canonical-json.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { checkLinkedItems } from './create-item.ts';
import { conflict, itemFor } from './item-access.ts';
import { auditView, itemFields, itemSnapshot } from './item-fields.ts';
import { itemInput } from './item-input.ts';
import { enqueueWebhook, portalPagesScope, searchDocumentOf } from './publish-core.ts';
import { checkItem } from './check-item.ts';
import { loadPublicationSettings } from './publication-settings.ts';

export const reviseInput = itemInput.extend({
  reason: z.string().trim().min(4, '请填写修改原因（不少于4个字）').max(500, '修改原因不超过500字'),
  version: z.number().int().min(1),
});
export type ReviseInput = z.infer<typeof reviseInput>;

/**
 * Changes a published item in place — a correction, or its 有效性 becoming 废止 / 失效 / 修订 — keeping the version
 * that was public in the history (publication_revisions) with the reason; re-indexed, re-cached, audited. The
 * 索引号 and 发布日期 stay. Error-level check findings refuse the change (a correction must not add errors).
 */
export async function reviseItem(ctx: UseCaseContext, id: string, input: ReviseInput): Promise<PublicationItemRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, agency } = await itemFor(trx, ctx, id, 'publication.publish');
    if (item.status !== 'published') throw new AppError('CONFLICT', '只有已发布的信息可以修订');
    const settings = await loadPublicationSettings(trx, agency);
    const fields = itemFields(input, agency, settings, ctx.clock(), item.catalogue);
    await checkLinkedItems(trx, agency.id, fields.interprets_id, fields.replaces_id);
    const checks = await checkItem(trx, { ...item, ...fields }, settings, ctx.clock());
    if (checks.blocking)
      throw new AppError('VALIDATION', '修订后的内容有发布前检查错误，请修改', { bodyHtml: '发布前检查发现错误' });
    const at = nowIso(ctx);
    await insertRevision(trx, {
      item_id: id,
      revision: item.revision,
      snapshot: canonicalJson(itemSnapshot(item)),
      reason: input.reason,
      actor_id: ctx.actor!.id,
      at,
    });
    const row = await updateItemVersioned(trx, id, input.version, {
      ...fields,
      revision: item.revision + 1,
      updated_at: at,
    });
    if (!row) throw conflict();
    await createSearchIndex(dialectOf(trx)).upsert(trx, await searchDocumentOf(trx, row, agency));
    await enqueueWebhook(trx, settings, 'revised', id, at);
    await bumpCacheGeneration(trx, portalPagesScope);
    await recordAudit(trx, ctx, {
      action: 'publication.revise',
      entity: 'publication_item',
      entityId: id,
      before: auditView(item),
      after: { ...auditView(row), reason: input.reason },
    });
    return row;
  });
}
