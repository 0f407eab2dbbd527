import type { MatchExpression } from '../../../search/match-expression.ts';
import type { HitTier } from '../../../search/search-document.ts';
import type { SearchPlan } from '../../../search/search-plan.ts';
import type { StoredDocument } from './search-documents-repository.ts';

/** Which results a page shows: skip `offset`, take `size`; matches beyond `cap` are never shown. */
export interface PageWindow {
  offset: number;
  size: number;
  cap: number;
}

/** A page's keys in rank order, and the number of matches counted (stopped at cap + 1). */
export interface PageKeys {
  counted: number;
  picked: { key: number; tier: HitTier }[];
  /** The picked documents, when the statement that found them also loaded them (PostgreSQL, few candidates). */
  docs?: StoredDocument[];
}

/**
 * Walks the plan's tiers in rank order; each tier's keys come newest first, so the window is found by reading at
 * most offset + size keys per tier. `counted` is the number of matches (capped at cap + 1). `keys` is told how
 * many of the keys it returns come before the window (`skip`); it may return the documents of the others with
 * them (PostgreSQL loads them in the same statement), and when every tier that contributed to the page did, the
 * page's documents come with the keys.
 */
export async function pageByTiers(
  plan: SearchPlan,
  window: PageWindow,
  counted: number,
  keys: (
    expression: MatchExpression,
    limit: number,
    skip: number,
  ) => Promise<number[] | { keys: number[]; docs: Map<number, StoredDocument> }>,
): Promise<PageKeys> {
  const total = Math.min(counted, window.cap);
  const picked: PageKeys['picked'] = [];
  const docs: StoredDocument[] = [];
  let withDocs = true;
  let skip = window.offset;
  let need = Math.min(window.size, total - window.offset);
  for (const { tier, expression } of plan.tiers) {
    if (need <= 0) break;
    const result = await keys(expression, skip + need, skip);
    const found = Array.isArray(result) ? result : result.keys;
    if (found.length <= skip) {
      skip -= found.length;
      continue;
    }
    for (const key of found.slice(skip, skip + need)) {
      picked.push({ key, tier });
      if (Array.isArray(result)) withDocs = false;
      else {
        // A key without its document (not joined: no stored row) is skipped, as loading would skip it.
        const doc = result.docs.get(key);
        if (doc) docs.push(doc);
      }
    }
    need -= Math.min(need, found.length - skip);
    skip = 0;
  }
  return withDocs && picked.length > 0 ? { counted, picked, docs } : { counted, picked };
}
