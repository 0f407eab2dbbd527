import { and, not, or, phrase, type MatchExpression } from './match-expression.ts';
import { filterToken, ns } from './index-tokens.ts';
import type { HitTier, SearchFilters } from './search-document.ts';
import { termTokens, type TermTokens } from './segment.ts';

export interface SearchPlan {
  /** Every matching document (each term in the title, 文号, 索引号, body or an attachment; filters applied). */
  all: MatchExpression;
  /** The same documents split into ranking tiers, in rank order; each tier excludes the ones before it. */
  tiers: { tier: HitTier; expression: MatchExpression }[];
}

function termPhrase(namespace: string, term: TermTokens): MatchExpression {
  return phrase(
    term.tokens.map((t) => namespace + t),
    term.prefixLast,
  );
}

/** The filters as index terms; null when there are none. */
export function filterExpression(filters: SearchFilters | undefined): MatchExpression | null {
  const parts: MatchExpression[] = [];
  if (filters?.agency)
    parts.push(phrase([filterToken(filters.agency.subtree ? ns.ancestor : ns.agency, filters.agency.id)]));
  if (filters?.catalogue !== undefined) parts.push(phrase([filterToken(ns.catalogue, filters.catalogue)]));
  if (filters?.year !== undefined) parts.push(phrase([`${ns.year}${filters.year}`]));
  if (filters?.docNumber !== undefined) {
    const t = termTokens(filters.docNumber);
    // A 文号 filter without a single letter or digit cannot match anything meaningful; it is ignored like an
    // empty field (the route validates and reports it).
    if (t) parts.push(termPhrase(ns.docNumber, t));
  }
  return parts.length ? and(...parts) : null;
}

/**
 * Ranking, deliberately cheap to compute on a million items (docs/search.md): tier 1, every term is a jieba word
 * of the title; tier 2, every term is in the title/文号/索引号; tier 3, the rest. Inside a tier, newest first
 * (the index's row order), so the database stops after one page instead of scoring every match.
 */
export function searchPlan(terms: TermTokens[], filters: SearchFilters | undefined): SearchPlan {
  if (terms.length === 0) throw new Error('no terms');
  const filter = filterExpression(filters);
  const withFilter = (e: MatchExpression) => (filter ? and(e, filter) : e);
  const inTitle = and(...terms.map((t) => termPhrase(ns.title, t)));
  const anywhere = and(...terms.map((t) => or(termPhrase(ns.title, t), termPhrase(ns.body, t))));
  const all = withFilter(anywhere);
  const tiers: SearchPlan['tiers'] = [];
  if (terms.some((t) => t.singleRun)) {
    // A term that is not one run (a 文号 with punctuation) is never a single word: for it the title substring
    // decides, for the others the word.
    const asWords = and(...terms.map((t) => (t.singleRun ? phrase([ns.word + t.text]) : termPhrase(ns.title, t))));
    tiers.push({ tier: 'title-word', expression: withFilter(asWords) });
    tiers.push({ tier: 'title', expression: not(withFilter(inTitle), asWords) });
  } else {
    tiers.push({ tier: 'title', expression: withFilter(inTitle) });
  }
  tiers.push({ tier: 'body', expression: not(all, inTitle) });
  return { all, tiers };
}
