import { listItems, type ItemSummary } from '../../db/repositories/publication/publication-repository.ts';
import type { Executor } from '../../db/schema.ts';

/** The newest published items of an agency (optionally one column) for its RSS/Atom feed. */
export async function feedItems(ex: Executor, agencyId: string, catalogue: string | undefined): Promise<ItemSummary[]> {
  return listItems(ex, {
    filter: { kind: 'agency', agencyId },
    statuses: ['published'],
    ...(catalogue ? { catalogue } : {}),
    limit: 50,
  });
}

/** Every published item, for sitemap.xml (at most 50 000 URLs per sitemap file). */
export async function sitemapItems(
  ex: Executor,
): Promise<{ id: string; published_on: string | null; updated_at: string }[]> {
  return ex
    .selectFrom('publication_items')
    .select(['id', 'published_on', 'updated_at'])
    .where('status', '=', 'published')
    .orderBy('published_on', 'desc')
    .limit(50_000)
    .execute();
}
