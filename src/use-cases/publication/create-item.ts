import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { findItem, insertItem } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { auditView, itemFields } from './item-fields.ts';
import type { ItemInput } from './item-input.ts';
import { loadPublicationSettings } from './publication-settings.ts';

/** A new draft item of the actor's own agency (承办人 drafts; 条例第十九条、第二十条). */
export async function createItem(
  ctx: UseCaseContext,
  input: ItemInput,
  extra: { documentId?: string } = {},
): Promise<PublicationItemRow> {
  const actor = ctx.actor;
  const agency = actor ? await findAgency(ctx.db, actor.agencyId) : undefined;
  if (!actor || !agency || !can(actor, 'publication.edit', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('FORBIDDEN');
  const settings = await loadPublicationSettings(ctx.db, agency);
  const fields = itemFields(input, agency, settings, ctx.clock());
  return ctx.db.transaction().execute(async (trx) => {
    await checkLinkedItems(trx, agency.id, fields.interprets_id, fields.replaces_id);
    const at = nowIso(ctx);
    const row = await insertItem(trx, {
      id: newId(),
      agency_id: agency.id,
      ...fields,
      document_id: extra.documentId ?? null,
      ...newDraft(actor.id, at),
    });
    await recordAudit(trx, ctx, {
      action: 'publication.create',
      entity: 'publication_item',
      entityId: row.id,
      after: auditView(row),
    });
    return row;
  });
}

/** The workflow state of a new draft, created by `actorId` at `at`. */
export function newDraft(actorId: string, at: string) {
  return {
    status: 'draft',
    review_round: 0,
    review_step: 0,
    views: 0,
    revision: 1,
    version: 1,
    created_by: actorId,
    created_at: at,
    updated_at: at,
  };
}

/** A 政策解读 links to a policy, a revision to what it replaces: both must be items of the same agency. */
export async function checkLinkedItems(
  ex: Parameters<typeof findItem>[0],
  agencyId: string,
  interpretsId: string | null,
  replacesId: string | null,
): Promise<void> {
  for (const [field, id] of [
    ['interpretsId', interpretsId],
    ['replacesId', replacesId],
  ] as const) {
    if (!id) continue;
    const linked = await findItem(ex, id);
    if (!linked || linked.agency_id !== agencyId)
      throw new AppError('VALIDATION', undefined, { [field]: '关联的信息不存在或不属于本机关' });
  }
}
