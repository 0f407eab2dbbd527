import type { Executor } from '../../db/schema.ts';

/** An already-published item that may answer a request (条例第三十六条第（一）项: 已主动公开 → tell where). */
export interface PublishedItemSuggestion {
  title: string;
  url: string;
  publishedOn: string;
}

/**
 * The hook for suggesting published items while an applicant types and on the case page (issue 7 item 2). The
 * publication module plugs its search in with `setSuggestPublishedItems`; until then nothing is suggested (the
 * form and pages say nothing about suggestions when there are none).
 */
export type SuggestPublishedItems = (
  ex: Executor,
  request: { agencyId: string; text: string },
) => Promise<PublishedItemSuggestion[]>;

let current: SuggestPublishedItems = async () => [];

export function setSuggestPublishedItems(fn: SuggestPublishedItems): void {
  current = fn;
}

export function suggestPublishedItems(
  ex: Executor,
  request: { agencyId: string; text: string },
): Promise<PublishedItemSuggestion[]> {
  return current(ex, request);
}
