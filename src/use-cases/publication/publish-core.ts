import { chinaDate } from '../../core/calendar/iso-date.ts';
import {
  formatIndexNumber,
  indexCounterKey,
  indexNumberDate,
  indexNumberPeriod,
} from '../../core/publication/index-number.ts';
import { dialectOf } from '../../db/dialect-of.ts';
import { enqueueJob } from '../../db/repositories/jobs/job-repository.ts';
import { bumpCacheGeneration } from '../../db/repositories/platform/cache-generation-repository.ts';
import {
  listAttachments,
  nextIndexSerial,
  updateItemVersioned,
} from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import type { AgencyRow, Executor } from '../../db/schema.ts';
import { createSearchIndex } from '../../search/search-index.ts';
import type { SearchDocument } from '../../search/search-document.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { conflict } from './item-access.ts';
import { auditView } from './item-fields.ts';
import type { PublicationSettings } from './publication-settings.ts';

/**
 * The page-cache scope of the public portal (equal to portalCacheScope in src/server/routes/portal): bumped in the
 * transaction that publishes, revises or withdraws, so every app server re-renders its portal pages.
 */
export const portalPagesScope = 'portal';

export function itemUrl(id: string): string {
  return `/items/${id}`;
}

/** What the search index holds of a published item: title, body text and attachment text (issue 8 item 8). */
export async function searchDocumentOf(
  ex: Executor,
  item: PublicationItemRow,
  agency: AgencyRow,
): Promise<SearchDocument> {
  const attachments = await listAttachments(ex, item.id);
  const published = item.published_on ?? chinaDate(new Date());
  return {
    id: item.id,
    agencyId: agency.id,
    agencyPath: agency.path,
    catalogue: item.catalogue,
    year: Number(published.slice(0, 4)),
    docNumber: item.doc_number,
    indexNumber: item.index_number ?? '',
    title: item.title,
    body: item.body_text,
    attachments: attachments.map((a) => ({ name: a.name, text: a.text })),
    publishedDate: published,
    url: itemUrl(item.id),
  };
}

/** Enqueues the agency's signed webhook for an event, in the same transaction (outbox): see publication-work.ts. */
export async function enqueueWebhook(
  ex: Executor,
  settings: PublicationSettings,
  event: 'published' | 'revised' | 'withdrawn',
  itemId: string,
  at: string,
): Promise<void> {
  if (!settings.webhookUrl || !settings.webhookEnabled) return;
  await enqueueJob(ex, {
    task: 'publication.webhook',
    payload: { agencyId: settings.agencyId, event, itemId, at },
    maxAttempts: 12,
  });
}

/**
 * Publishes an approved (or scheduled) item now, inside the caller's transaction: allocates its 索引号 (once — a
 * republished or revised item keeps it), stamps 发布日期, indexes it for search, enqueues the webhook, bumps the
 * portal's cache generation and writes the audit entry. 条例第二十六条: the 发布日期 is what timeliness measures.
 */
export async function publishInTransaction(
  trx: Executor,
  ctx: UseCaseContext,
  item: PublicationItemRow,
  agency: AgencyRow,
  settings: PublicationSettings,
): Promise<PublicationItemRow> {
  if (item.status !== 'approved' && item.status !== 'scheduled')
    throw new AppError('CONFLICT', '只有审核通过的信息可以发布');
  const at = nowIso(ctx);
  const publishedOn = chinaDate(ctx.clock());
  let indexNumber = item.index_number;
  if (!indexNumber) {
    const dated = indexNumberDate({ writtenOn: item.written_on, publishedOn });
    const period = indexNumberPeriod(dated, settings.granularity);
    const serial = await nextIndexSerial(trx, indexCounterKey(agency.code, period));
    const year = Number(dated.slice(0, 4));
    indexNumber = formatIndexNumber({
      agencyCode: agency.code,
      year,
      ...(settings.granularity === 'month' ? { month: Number(dated.slice(5, 7)) } : {}),
      serial,
    });
  }
  const row = await updateItemVersioned(trx, item.id, item.version, {
    status: 'published',
    index_number: indexNumber,
    published_on: publishedOn,
    published_at: at,
    publish_at: null,
    updated_at: at,
  });
  if (!row) throw conflict();
  await createSearchIndex(dialectOf(trx)).upsert(trx, await searchDocumentOf(trx, row, agency));
  await enqueueWebhook(trx, settings, 'published', row.id, at);
  await bumpCacheGeneration(trx, portalPagesScope);
  await recordAudit(trx, ctx, {
    action: 'publication.publish',
    entity: 'publication_item',
    entityId: row.id,
    ...(ctx.actor ? {} : { actorLabel: '系统（定时发布）' }),
    before: { status: item.status },
    after: auditView(row),
  });
  return row;
}
