import { reviewChainSchema, type ReviewStep } from '../../core/publication/review-chain.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import type { PublicationSettings } from './publication-settings.ts';

/**
 * The review chain that governs an item: the one it was submitted with (kept on the item, migration 019), so an
 * administrator's change of the chain applies to the next submission and never to an item already in review;
 * the agency's current chain for an item not (yet) submitted or stored before the chain was kept.
 */
export function itemReviewChain(
  item: Pick<PublicationItemRow, 'review_chain'>,
  settings: Pick<PublicationSettings, 'reviewChain'>,
): ReviewStep[] {
  if (item.review_chain) {
    try {
      const parsed = reviewChainSchema.safeParse(JSON.parse(item.review_chain));
      if (parsed.success) return parsed.data;
    } catch {
      // An unreadable snapshot falls back to the agency's chain rather than locking the item.
    }
  }
  return settings.reviewChain;
}
