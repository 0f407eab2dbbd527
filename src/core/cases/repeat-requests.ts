/**
 * Repeated requests, over normalised descriptions and applicant keys (the integration passes an HMAC of the
 * identity number as the key, so no identity is needed here):
 *  - 重复申请 (条例第三十六条第（六）项, row （五）2): the same applicant asks again for information the agency
 *    already answered — staff are shown the earlier answers to decide;
 *  - 第四十四条: the same information asked for by several applicants (three by default) — staff are prompted to
 *    consider proactive publication.
 */
import type { IsoDate } from '../calendar/iso-date.ts';
import { normaliseRequest, requestSimilarity } from './normalise-request.ts';
import type { OutcomeRow } from './outcome-row.ts';

export interface RequestRecord {
  id: string;
  applicantKey: string;
  description: string;
  receivedOn: IsoDate;
  outcome: { row: OutcomeRow; date: IsoDate } | null;
}

export interface RepeatMatch {
  id: string;
  similarity: number;
  answeredOn: IsoDate;
  row: OutcomeRow;
}

/** Endings that are not an answer on the information: a repeat of a withdrawn or abandoned request is new. */
const NOT_ANSWERS: readonly OutcomeRow[] = ['other1', 'other2', 'other3'];

/** Earlier answered requests of the same applicant for the same information, most similar first. */
export function findRepeatRequest(
  candidate: { applicantKey: string; description: string },
  earlier: readonly RequestRecord[],
  options: { minSimilarity?: number } = {},
): RepeatMatch[] {
  const min = options.minSimilarity ?? 0.9;
  const key = normaliseRequest(candidate.description);
  const matches: RepeatMatch[] = [];
  for (const r of earlier) {
    if (r.applicantKey !== candidate.applicantKey || r.outcome === null || NOT_ANSWERS.includes(r.outcome.row))
      continue;
    const similarity = requestSimilarity(key, normaliseRequest(r.description));
    if (similarity >= min) matches.push({ id: r.id, similarity, answeredOn: r.outcome.date, row: r.outcome.row });
  }
  return matches.sort((a, b) => b.similarity - a.similarity || (a.answeredOn < b.answeredOn ? 1 : -1));
}

export interface PublicationCandidate {
  /** The normalised description shared by the group. */
  key: string;
  /** The first request's own words, for display. */
  description: string;
  requestIds: string[];
  applicantCount: number;
  requestCount: number;
  /** Some request in the group was answered 予以公开 or 部分公开 — the information "属于可以公开的" (第四十四条). */
  disclosable: boolean;
}

/**
 * Groups of requests for the same information (equal normalised descriptions) that reached the threshold.
 * `countBy: 'applicants'` (default) follows 第四十四条's "多个申请人"; `'requests'` counts every request.
 */
export function publicationCandidates(
  records: readonly RequestRecord[],
  options: { threshold?: number; countBy?: 'applicants' | 'requests' } = {},
): PublicationCandidate[] {
  const threshold = options.threshold ?? 3;
  const groups = new Map<string, RequestRecord[]>();
  for (const r of records) {
    const key = normaliseRequest(r.description);
    if (key === '') continue;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: PublicationCandidate[] = [];
  for (const [key, g] of groups) {
    const applicantCount = new Set(g.map((r) => r.applicantKey)).size;
    const count = options.countBy === 'requests' ? g.length : applicantCount;
    if (count < threshold) continue;
    out.push({
      key,
      description: g[0]!.description,
      requestIds: g.map((r) => r.id),
      applicantCount,
      requestCount: g.length,
      disclosable: g.some((r) => r.outcome?.row === 'granted' || r.outcome?.row === 'partial'),
    });
  }
  return out.sort((a, b) => b.applicantCount - a.applicantCount || b.requestCount - a.requestCount);
}
