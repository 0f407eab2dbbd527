import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../schema.ts';
import { likePrefix, type AgencyFilter } from '../platform/agency-filter.ts';
import type {
  PublicationAttachmentRow,
  PublicationAttachmentTable,
  PublicationDocumentRow,
  PublicationDocumentTable,
  PublicationItemRow,
  PublicationItemTable,
  PublicationReviewRow,
  PublicationReviewTable,
  PublicationRevisionRow,
  PublicationSettingsRow,
  PublicationSettingsTable,
} from './publication-tables.ts';

// ── settings ────────────────────────────────────────────────────────────────────────────────────────────

export async function findPublicationSettings(
  ex: Executor,
  agencyId: string,
): Promise<PublicationSettingsRow | undefined> {
  return ex.selectFrom('publication_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

export async function insertPublicationSettingsOnce(
  ex: Executor,
  row: Insertable<PublicationSettingsTable>,
): Promise<PublicationSettingsRow> {
  await ex
    .insertInto('publication_settings')
    .values(row)
    .onConflict((oc) => oc.column('agency_id').doNothing())
    .execute();
  return ex
    .selectFrom('publication_settings')
    .selectAll()
    .where('agency_id', '=', row.agency_id)
    .executeTakeFirstOrThrow();
}

export async function updatePublicationSettingsVersioned(
  ex: Executor,
  agencyId: string,
  expectedVersion: number,
  patch: Updateable<PublicationSettingsTable>,
): Promise<PublicationSettingsRow | undefined> {
  return ex
    .updateTable('publication_settings')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('agency_id', '=', agencyId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

// ── items ───────────────────────────────────────────────────────────────────────────────────────────────

export async function insertItem(ex: Executor, row: Insertable<PublicationItemTable>): Promise<PublicationItemRow> {
  return ex.insertInto('publication_items').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findItem(ex: Executor, id: string): Promise<PublicationItemRow | undefined> {
  return ex.selectFrom('publication_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Optimistic update: undefined when the stored version is no longer `expectedVersion` (someone saved first). */
export async function updateItemVersioned(
  ex: Executor,
  id: string,
  expectedVersion: number,
  patch: Updateable<PublicationItemTable>,
): Promise<PublicationItemRow | undefined> {
  return ex
    .updateTable('publication_items')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export type ItemSummary = Pick<
  PublicationItemRow,
  | 'id'
  | 'agency_id'
  | 'catalogue'
  | 'title'
  | 'doc_number'
  | 'index_number'
  | 'written_on'
  | 'changed_on'
  | 'published_on'
  | 'publish_at'
  | 'status'
  | 'publisher'
  | 'created_at'
  | 'updated_at'
> & { agency_name: string };

const summaryColumns = [
  'publication_items.id',
  'publication_items.agency_id',
  'publication_items.catalogue',
  'publication_items.title',
  'publication_items.doc_number',
  'publication_items.index_number',
  'publication_items.written_on',
  'publication_items.changed_on',
  'publication_items.published_on',
  'publication_items.publish_at',
  'publication_items.status',
  'publication_items.publisher',
  'publication_items.created_at',
  'publication_items.updated_at',
] as const;

export interface ItemQuery {
  filter: AgencyFilter;
  statuses?: readonly string[];
  catalogue?: string;
  /** Any of these columns. */
  catalogues?: readonly string[];
  /** The published 政策解读 of a policy. */
  interpretsId?: string;
  limit: number;
  offset?: number;
}

function itemQuery(ex: Executor, q: Omit<ItemQuery, 'limit' | 'offset'>) {
  let query = ex.selectFrom('publication_items').innerJoin('agencies', 'agencies.id', 'publication_items.agency_id');
  if (q.filter.kind === 'agency') query = query.where('publication_items.agency_id', '=', q.filter.agencyId);
  if (q.filter.kind === 'subtree')
    query = query.where('agencies.path', 'like', sql<string>`${likePrefix(q.filter.path)} ESCAPE '\\'`);
  if (q.statuses && q.statuses.length > 0) query = query.where('publication_items.status', 'in', [...q.statuses]);
  if (q.catalogue) query = query.where('publication_items.catalogue', '=', q.catalogue);
  if (q.catalogues && q.catalogues.length > 0)
    query = query.where('publication_items.catalogue', 'in', [...q.catalogues]);
  if (q.interpretsId) query = query.where('publication_items.interprets_id', '=', q.interpretsId);
  return query;
}

/** Staff lists and the portal's column lists: newest publication (or last change) first. */
export async function listItems(ex: Executor, q: ItemQuery): Promise<ItemSummary[]> {
  if (q.filter.kind === 'none') return [];
  return itemQuery(ex, q)
    .select([...summaryColumns, 'agencies.name as agency_name'])
    .orderBy('publication_items.published_on', 'desc')
    .orderBy('publication_items.updated_at', 'desc')
    .orderBy('publication_items.id')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
}

export async function countItems(ex: Executor, q: Omit<ItemQuery, 'limit' | 'offset'>): Promise<number> {
  if (q.filter.kind === 'none') return 0;
  const r = await itemQuery(ex, q)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Items of these agencies that are published, or waiting to be (for the timeliness lists). */
export async function listItemsForTimeliness(
  ex: Executor,
  filter: AgencyFilter,
  limit: number,
): Promise<ItemSummary[]> {
  return listItems(ex, { filter, statuses: ['draft', 'review', 'approved', 'scheduled', 'published'], limit });
}

/**
 * Items of these agencies published (and not withdrawn) on days `from`–`to`: the annual report's supervision
 * dashboard measures their timeliness (第二十六条) to count late publications per agency and year.
 */
export async function listPublishedBetween(
  ex: Executor,
  filter: AgencyFilter,
  from: string,
  to: string,
): Promise<ItemSummary[]> {
  if (filter.kind === 'none') return [];
  return itemQuery(ex, { filter, statuses: ['published'] })
    .select([...summaryColumns, 'agencies.name as agency_name'])
    .where('publication_items.published_on', '>=', from)
    .where('publication_items.published_on', '<=', to)
    .orderBy('publication_items.published_on', 'desc')
    .orderBy('publication_items.id')
    .execute();
}

/** The latest published items of the columns, `perColumn` each (the portal's home page). */
export async function latestPublishedPerColumn(
  ex: Executor,
  catalogues: readonly string[],
  perColumn: number,
): Promise<Map<string, ItemSummary[]>> {
  const out = new Map<string, ItemSummary[]>();
  for (const code of catalogues) {
    out.set(
      code,
      await listItems(ex, { filter: { kind: 'all' }, statuses: ['published'], catalogue: code, limit: perColumn }),
    );
  }
  return out;
}

/** Scheduled items whose moment has come (a fallback sweep beside the scheduled job). */
export async function dueScheduledItems(ex: Executor, nowIso: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('publication_items')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', nowIso)
    .execute();
  return rows.map((r) => r.id);
}

/** 浏览次数: added in batches by the portal (one UPDATE per item per flush, not one per view). */
export async function addItemViews(ex: Executor, id: string, n: number): Promise<void> {
  await ex
    .updateTable('publication_items')
    .set((eb) => ({ views: eb('views', '+', n) }))
    .where('id', '=', id)
    .execute();
}

// ── 索引号 ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The next serial of a 索引号 counter, in the caller's (publishing) transaction: one atomic upsert. On
 * PostgreSQL the row lock it takes serialises concurrent publishers of the same agency and period across app
 * servers until their transactions end; SQLite has a single writer. A rolled-back transaction gives its serial
 * back (a gap is allowed, a duplicate is impossible — index_number is UNIQUE as well).
 */
export async function nextIndexSerial(ex: Executor, counterKey: string): Promise<number> {
  const r = await ex
    .insertInto('publication_index_counters')
    .values({ counter_key: counterKey, last_serial: 1 })
    .onConflict((oc) =>
      oc
        .column('counter_key')
        .doUpdateSet((eb) => ({ last_serial: eb('publication_index_counters.last_serial', '+', 1) })),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return Number(r.last_serial);
}

// ── revisions, reviews, attachments ─────────────────────────────────────────────────────────────────────

export async function insertRevision(
  ex: Executor,
  row: { item_id: string; revision: number; snapshot: string; reason: string; actor_id: string | null; at: string },
): Promise<void> {
  await ex.insertInto('publication_revisions').values(row).execute();
}

export async function listRevisions(ex: Executor, itemId: string): Promise<PublicationRevisionRow[]> {
  return ex
    .selectFrom('publication_revisions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('revision', 'desc')
    .execute();
}

export async function insertReview(ex: Executor, row: Insertable<PublicationReviewTable>): Promise<void> {
  await ex.insertInto('publication_reviews').values(row).execute();
}

export async function listReviews(ex: Executor, itemId: string): Promise<PublicationReviewRow[]> {
  return ex
    .selectFrom('publication_reviews')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('round')
    .orderBy('step')
    .execute();
}

export async function insertAttachment(ex: Executor, row: Insertable<PublicationAttachmentTable>): Promise<void> {
  await ex.insertInto('publication_attachments').values(row).execute();
}

export async function listAttachments(ex: Executor, itemId: string): Promise<PublicationAttachmentRow[]> {
  return ex
    .selectFrom('publication_attachments')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

export async function findAttachment(ex: Executor, id: string): Promise<PublicationAttachmentRow | undefined> {
  return ex.selectFrom('publication_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteAttachment(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('publication_attachments').where('id', '=', id).execute();
}

// ── 公开属性 register ───────────────────────────────────────────────────────────────────────────────────

export async function insertDocument(ex: Executor, row: Insertable<PublicationDocumentTable>): Promise<void> {
  await ex.insertInto('publication_documents').values(row).execute();
}

export async function listDocuments(ex: Executor, agencyId: string, limit: number): Promise<PublicationDocumentRow[]> {
  return ex
    .selectFrom('publication_documents')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('written_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

// ── figures for the annual report ───────────────────────────────────────────────────────────────────────

/**
 * 规章 / 行政规范性文件 items of these agencies that were ever published (withdrawn ones were never issued publicly).
 * With id, title and 文号 so that the annual report can list the items behind a table-2 cell.
 */
export async function normativeItemsOf(
  ex: Executor,
  agencyIds: readonly string[],
): Promise<
  Pick<
    PublicationItemRow,
    | 'id'
    | 'title'
    | 'doc_number'
    | 'normative_kind'
    | 'written_on'
    | 'published_on'
    | 'validity_status'
    | 'effective_from'
    | 'valid_until'
    | 'ended_on'
  >[]
> {
  if (agencyIds.length === 0) return [];
  return ex
    .selectFrom('publication_items')
    .select([
      'id',
      'title',
      'doc_number',
      'normative_kind',
      'written_on',
      'published_on',
      'validity_status',
      'effective_from',
      'valid_until',
      'ended_on',
    ])
    .where('agency_id', 'in', [...agencyIds])
    .where('normative_kind', 'is not', null)
    .where('status', '=', 'published')
    .execute();
}

/** Items published in the year, per catalogue column code. */
export async function publishedCountsByCatalogue(
  ex: Executor,
  agencyIds: readonly string[],
  year: number,
): Promise<{ agency_id: string; catalogue: string; n: number }[]> {
  if (agencyIds.length === 0) return [];
  const rows = await ex
    .selectFrom('publication_items')
    .select(['agency_id', 'catalogue', (eb) => eb.fn.countAll().as('n')])
    .where('agency_id', 'in', [...agencyIds])
    .where('status', '=', 'published')
    .where('published_on', '>=', `${year}-01-01`)
    .where('published_on', '<', `${year + 1}-01-01`)
    .groupBy(['agency_id', 'catalogue'])
    .execute();
  return rows.map((r) => ({ agency_id: r.agency_id, catalogue: r.catalogue, n: Number(r.n) }));
}
