import { chinaDate } from '../../core/calendar/iso-date.ts';
import {
  listAttachments,
  listReviews,
  listRevisions,
} from '../../db/repositories/publication/publication-repository.ts';
import type {
  PublicationAttachmentRow,
  PublicationItemRow,
  PublicationReviewRow,
  PublicationRevisionRow,
} from '../../db/repositories/publication/publication-tables.ts';
import type { AgencyRow } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { checkItem, type ItemChecks } from './check-item.ts';
import { itemFor } from './item-access.ts';
import { agencyCalendars, timelinessOf } from './list-staff-items.ts';
import { loadPublicationSettings, type PublicationSettings } from './publication-settings.ts';
import type { Timeliness } from '../../core/publication/timeliness.ts';
import type { ReviewStep } from '../../core/publication/review-chain.ts';
import { itemReviewChain } from './item-review-chain.ts';

export interface ItemDetail {
  item: PublicationItemRow;
  agency: AgencyRow;
  settings: PublicationSettings;
  /** The chain of the item's current round (item-review-chain.ts). */
  reviewChain: ReviewStep[];
  attachments: PublicationAttachmentRow[];
  reviews: PublicationReviewRow[];
  revisions: PublicationRevisionRow[];
  checks: ItemChecks;
  timeliness: Timeliness;
}

/** Everything the staff page of an item shows: metadata, checks inline, review history, revisions, timeliness. */
export async function itemDetail(ctx: UseCaseContext, id: string): Promise<ItemDetail> {
  const { item, agency } = await itemFor(ctx.db, ctx, id, 'publication.read');
  const settings = await loadPublicationSettings(ctx.db, agency);
  const [attachments, reviews, revisions, checks] = await Promise.all([
    listAttachments(ctx.db, id),
    listReviews(ctx.db, id),
    listRevisions(ctx.db, id),
    checkItem(ctx.db, item, settings, ctx.clock()),
  ]);
  const calendar = (await agencyCalendars(ctx.db))(agency.path);
  const timeliness = timelinessOf(
    { ...item, agency_name: agency.name, agency_path: agency.path },
    chinaDate(ctx.clock()),
    calendar,
  );
  const reviewChain = itemReviewChain(item, settings);
  return { item, agency, settings, reviewChain, attachments, reviews, revisions, checks, timeliness };
}
