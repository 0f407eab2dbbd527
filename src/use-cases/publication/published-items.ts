import { AppError } from '../../core/platform/app-error.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import {
  countItems,
  findItem,
  listAttachments,
  listItems,
  type ItemSummary,
} from '../../db/repositories/publication/publication-repository.ts';
import type {
  PublicationAttachmentRow,
  PublicationItemRow,
} from '../../db/repositories/publication/publication-tables.ts';
import type { AgencyRow, Executor } from '../../db/schema.ts';
import { loadPublicationSettings, type PublicationSettings } from './publication-settings.ts';

/**
 * What the public portal reads: only published items, no actor needed (条例第二十三条: 主动公开 through the
 * government website). Withdrawn, draft and scheduled items do not exist for the public.
 */
export async function listPublished(
  ex: Executor,
  q: { agencyId?: string; catalogue?: string; catalogues?: readonly string[]; page: number; pageSize: number },
): Promise<{ items: ItemSummary[]; total: number }> {
  const filter = q.agencyId ? { kind: 'agency' as const, agencyId: q.agencyId } : { kind: 'all' as const };
  const base = { filter, statuses: ['published'], ...(q.catalogue ? { catalogue: q.catalogue } : {}) };
  const [items, total] = await Promise.all([
    listItems(ex, { ...base, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    countItems(ex, base),
  ]);
  return { items, total };
}

export interface PublishedItem {
  item: PublicationItemRow;
  agency: AgencyRow;
  settings: PublicationSettings;
  attachments: PublicationAttachmentRow[];
  /** The policy a 政策解读 explains, and the 解读 of a policy. */
  interprets: PublicationItemRow | null;
  interpretations: ItemSummary[];
}

export async function publishedItem(ex: Executor, id: string): Promise<PublishedItem> {
  const item = await findItem(ex, id);
  if (!item || item.status !== 'published') throw new AppError('NOT_FOUND', '该信息不存在或已撤回');
  const agency = await findAgency(ex, item.agency_id);
  if (!agency) throw new AppError('NOT_FOUND', '该信息不存在或已撤回');
  const [settings, attachments, interpretsRow, interpretations] = await Promise.all([
    loadPublicationSettings(ex, agency),
    listAttachments(ex, id),
    item.interprets_id ? findItem(ex, item.interprets_id) : Promise.resolve(undefined),
    listItems(ex, { filter: { kind: 'all' }, statuses: ['published'], interpretsId: id, limit: 20 }),
  ]);
  return {
    item,
    agency,
    settings,
    attachments,
    interprets: interpretsRow && interpretsRow.status === 'published' ? interpretsRow : null,
    interpretations,
  };
}

/** An attachment of a published item (for download); none of a draft or withdrawn item. */
export async function publishedAttachment(ex: Executor, attachmentId: string): Promise<PublicationAttachmentRow> {
  const a = await ex
    .selectFrom('publication_attachments')
    .innerJoin('publication_items', 'publication_items.id', 'publication_attachments.item_id')
    .selectAll('publication_attachments')
    .where('publication_attachments.id', '=', attachmentId)
    .where('publication_items.status', '=', 'published')
    .executeTakeFirst();
  if (!a) throw new AppError('NOT_FOUND', '附件不存在');
  return a;
}
