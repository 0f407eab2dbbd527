import { AppError } from '../../core/platform/app-error.ts';
import { can, scopeOf, type Action } from '../../core/platform/policy.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { findItem } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import type { AgencyRow, Executor } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';

export interface ItemWithAgency {
  item: PublicationItemRow;
  agency: AgencyRow;
}

/**
 * The item `id` if the actor may perform `action` on it. An item the actor may not even read answers NOT_FOUND
 * (another agency's ids reveal nothing); one it may read but not act on answers FORBIDDEN.
 */
export async function itemFor(ex: Executor, ctx: UseCaseContext, id: string, action: Action): Promise<ItemWithAgency> {
  // A role that never reads items is refused outright; for the others another agency's item does not exist.
  if (!ctx.actor || scopeOf(ctx.actor, 'publication.read') === null) throw new AppError('FORBIDDEN');
  const item = await findItem(ex, id);
  const agency = item ? await findAgency(ex, item.agency_id) : undefined;
  if (!item || !agency) throw new AppError('NOT_FOUND', '未找到该信息');
  const resource = { agencyId: agency.id, agencyPath: agency.path };
  if (!can(ctx.actor, 'publication.read', resource)) throw new AppError('NOT_FOUND', '未找到该信息');
  if (!can(ctx.actor, action, resource)) throw new AppError('FORBIDDEN');
  return { item, agency };
}

/**
 * Asked by the edges before they read a form or an upload, so that someone who may not act on the item learns
 * nothing from the form's validation: NOT_FOUND or FORBIDDEN as `itemFor` answers.
 */
export async function requireItemAccess(ctx: UseCaseContext, id: string, action: Action): Promise<void> {
  await itemFor(ctx.db, ctx, id, action);
}

/** Compare-and-set failed: someone else changed the item since the form was loaded. */
export function conflict(): AppError {
  return new AppError('CONFLICT', '该信息已被他人修改，请刷新页面后重试');
}
