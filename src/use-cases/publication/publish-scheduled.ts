import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { findItem } from '../../db/repositories/publication/publication-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { publishInTransaction } from './publish-core.ts';
import { loadPublicationSettings } from './publication-settings.ts';

/**
 * The scheduled job (publication.publishScheduled): publishes the item if it is still scheduled and its moment
 * has come. Idempotent — a job run twice, or for an item withdrawn meanwhile, does nothing. Returns whether it
 * published.
 */
export async function publishScheduled(ctx: UseCaseContext, itemId: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await findItem(trx, itemId);
    if (!item || item.status !== 'scheduled' || !item.publish_at) return false;
    if (item.publish_at > ctx.clock().toISOString()) return false;
    const agency = await findAgency(trx, item.agency_id);
    if (!agency) return false;
    await publishInTransaction(trx, ctx, item, agency, await loadPublicationSettings(trx, agency));
    return true;
  });
}
