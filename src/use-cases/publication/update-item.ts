import { AppError } from '../../core/platform/app-error.ts';
import { updateItemVersioned } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { checkLinkedItems } from './create-item.ts';
import { conflict, itemFor } from './item-access.ts';
import { auditView, itemFields } from './item-fields.ts';
import type { ItemUpdateInput } from './item-input.ts';
import { loadPublicationSettings } from './publication-settings.ts';

/**
 * Edits a draft (a returned item is a draft again). Items in review or later are not edited in place: review
 * decisions must be about what is published; a published item changes by `reviseItem`, which keeps history.
 */
export async function updateItem(ctx: UseCaseContext, id: string, input: ItemUpdateInput): Promise<PublicationItemRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, agency } = await itemFor(trx, ctx, id, 'publication.edit');
    if (item.status !== 'draft') throw new AppError('CONFLICT', '只有草稿（含退回修改的）可以编辑');
    const settings = await loadPublicationSettings(trx, agency);
    const fields = itemFields(input, agency, settings, ctx.clock(), item.catalogue);
    await checkLinkedItems(trx, agency.id, fields.interprets_id, fields.replaces_id);
    const row = await updateItemVersioned(trx, id, input.version, {
      ...fields,
      // Any edit invalidates an earlier reviewer's override of the checks.
      check_override: null,
      check_override_by: null,
      updated_at: nowIso(ctx),
    });
    if (!row) throw conflict();
    await recordAudit(trx, ctx, {
      action: 'publication.update',
      entity: 'publication_item',
      entityId: id,
      before: auditView(item),
      after: auditView(row),
    });
    return row;
  });
}
