import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MatchExpression } from '../../../search/match-expression.ts';
import type { SearchPlan } from '../../../search/search-plan.ts';
import type { Db, Executor, SearchDocumentRow } from '../../schema.ts';
import {
  chunks,
  countDocuments,
  deleteDocuments,
  loadDocuments,
  replaceDocuments,
  storedDocument,
  type StoredDocument,
} from './search-documents-repository.ts';
import { pageByTiers, type PageKeys, type PageWindow } from './page-by-tiers.ts';
import type { IndexedDocument, SearchStore } from './search-store.ts';
import { ns } from '../../../search/index-tokens.ts';
import { columnOfToken, tsqueryText, tsvectorTexts } from './tsquery-text.ts';

/**
 * PostgreSQL: `search_vectors` (sort_key, head, body — tsvectors built from our tokens — and the filter columns)
 * with ONE GIN index over `head || body` (candidates) and b-trees on (filter, sort_key) (migrations 008, 019).
 * Query text is cast with ::tsquery from a bound parameter — never to_tsquery/plainto_tsquery over user text.
 *
 * The planner cannot know that checking a tsvector (decompressing it, for the body) costs far more than its
 * default operator cost, so for broad terms it would scan the table. A search therefore runs in one read
 * transaction (`reading`) that forbids sequential scans and tells each query which plan it wants (docs/search.md):
 * - `index`: GIN bitmap only — for counting (a tsquery without phrases is answered by the index alone) and for
 *   queries with few candidates (collected, sorted, then checked exactly until the page is full);
 * - `ordered`: walk the primary key (or a filter's b-tree) newest first, checking each row, and stop at the page —
 *   for tiers with very many matches, where the first page is found after a few dozen rows.
 */
type Mode = 'index' | 'ordered';

/**
 * When a query walks the key order instead of collecting its matches with the GIN index: above `orderedAbove`
 * expected matches (the break-even at a million rows is a few thousand); above `broadAbove` its matches are not
 * counted either (the total is "more than 1,000", an estimate from the statistics). Tests lower them to run the
 * walk on a small table.
 */
export interface PostgresSearchTuning {
  orderedAbove: number;
  broadAbove: number;
  /**
   * How many GIN posting-list entries cost as much as checking one row in the key-order walk: the key-window
   * plan (`windowKeys`) reads the posting lists of the expected matches once, the walk checks about
   * limit × rows / matches rows. Tests set 0 (never the window) or Infinity (always, above `orderedAbove`).
   */
  ginEntriesPerRow: number;
  /**
   * How many matches a key window should hold when `need` more are wanted: a margin over `need`, since the window
   * is sized from estimates. Tests make it tiny to walk many windows.
   */
  windowMatches: (need: number) => number;
  /** Told which plan answered each tier (tests check that a plan they compare was really used). */
  onPlan?: (plan: 'collect' | 'window' | 'walk') => void;
}
const defaultTuning: PostgresSearchTuning = {
  orderedAbove: 5000,
  broadAbove: 20_000,
  ginEntriesPerRow: 100,
  windowMatches: (need) => 2 * need + 20,
};

/** The plan mode currently set in each open search transaction. */
const modeOf = new WeakMap<object, Mode>();

/**
 * Switches the transaction's planner to `mode` (one round trip, only when it changes). Outside `reading` — the
 * caller's own transaction or none — the query runs with the planner's defaults.
 */
async function setMode(ex: Executor, mode: Mode): Promise<void> {
  if (!modeOf.has(ex) || modeOf.get(ex) === mode) return;
  const index = mode === 'index' ? 'off' : 'on';
  const bitmap = mode === 'ordered' ? 'off' : 'on';
  await sql`SELECT set_config('enable_indexscan', ${index}, true), set_config('enable_bitmapscan', ${bitmap}, true)`.execute(
    ex,
  );
  modeOf.set(ex, mode);
}

function columnOf(e: MatchExpression): 'head' | 'body' | 'mixed' {
  if (e.kind === 'phrase') return columnOfToken(e.tokens[0]!);
  const parts = e.kind === 'not' ? [e.include, e.exclude] : e.items;
  const columns = new Set(parts.map(columnOf));
  return columns.size === 1 ? [...columns][0]! : 'mixed';
}

/**
 * A filter token (agency, catalogue, year — src/search/index-tokens.ts) as a condition on its plain column
 * (migration 019): with the (value, sort_key) b-tree, a filtered walk newest first reads only the filter's rows.
 */
function filterColumnCondition(e: MatchExpression): RawBuilder<boolean> | null {
  if (e.kind !== 'phrase' || e.tokens.length !== 1 || e.prefixLast) return null;
  const token = e.tokens[0]!;
  const value = token.slice(1);
  switch (token[0]) {
    case ns.agency:
      return sql<boolean>`(agency_id = ${hexText(value)})`;
    case ns.catalogue:
      return sql<boolean>`(catalogue = ${hexText(value)})`;
    case ns.year:
      return /^-?\d{1,9}$/.test(value) ? sql<boolean>`(year = ${Number(value)})` : null;
    default:
      return null;
  }
}

/** The value of a filter token (hex of UTF-8, src/search/index-tokens.ts filterToken). */
function hexText(hex: string): string {
  return Buffer.from(hex, 'hex').toString('utf8');
}

/** Top-level filters of a plan's expression (`… AND filters`, `(… AND filters) NOT …`), split from the rest. */
function splitFilters(e: MatchExpression): { filters: RawBuilder<boolean>[]; rest: MatchExpression | null } {
  const own = filterColumnCondition(e);
  if (own) return { filters: [own], rest: null };
  if (e.kind === 'and') {
    const filters: RawBuilder<boolean>[] = [];
    const rest: MatchExpression[] = [];
    for (const item of e.items) {
      const f = filterColumnCondition(item);
      if (f) filters.push(f);
      else rest.push(item);
    }
    return { filters, rest: rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { kind: 'and', items: rest } };
  }
  if (e.kind === 'not') {
    const inner = splitFilters(e.include);
    return {
      filters: inner.filters,
      rest: inner.rest ? { kind: 'not', include: inner.rest, exclude: e.exclude } : null,
    };
  }
  return { filters: [], rest: e };
}

/**
 * The expression as an SQL condition: filters on their columns, then each part that concerns one tsvector
 * becomes one `column @@ tsquery` (the GIN index combines its terms); parts over both are joined with SQL AND /
 * OR / NOT. Conditions on `head` come first: they are the cheap ones to check row by row.
 */
function condition(e: MatchExpression): RawBuilder<boolean> {
  const { filters, rest } = splitFilters(e);
  const parts = rest ? [...filters, vectorCondition(rest)] : filters;
  if (parts.length === 0) return sql<boolean>`true`;
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

function vectorCondition(e: MatchExpression): RawBuilder<boolean> {
  const column = columnOf(e);
  if (column !== 'mixed') {
    const query = tsqueryText(e);
    return column === 'head' ? sql<boolean>`(head @@ ${query}::tsquery)` : sql<boolean>`(body @@ ${query}::tsquery)`;
  }
  if (e.kind === 'not') return sql<boolean>`(${vectorCondition(e.include)} AND NOT ${vectorCondition(e.exclude)})`;
  if (e.kind === 'phrase') throw new Error('unreachable');
  const items = [...e.items].sort((a, b) => Number(columnOf(a) !== 'head') - Number(columnOf(b) !== 'head'));
  return sql<boolean>`(${sql.join(
    items.map((i) => vectorCondition(i)),
    e.kind === 'and' ? sql` AND ` : sql` OR `,
  )})`;
}

function hasPhrase(e: MatchExpression): boolean {
  if (e.kind === 'phrase') return e.tokens.length > 1;
  if (e.kind === 'not') return hasPhrase(e.include) || hasPhrase(e.exclude);
  return e.items.some(hasPhrase);
}

/**
 * A superset of the expression's matches that ONE GIN index answers exactly, without reading a row: the
 * expression over `head || body` (the index is on that expression, migration 019; tokens are namespaced, so one
 * tsquery covers title, body, words and filters), each phrase as the AND of its tokens (GIN keeps no positions),
 * and an excluded phrase left out (leaving it in would exclude rows whose tokens are present but not adjacent).
 * The exact `condition` is then checked on as few rows as the statement needs.
 */
function candidates(
  e: MatchExpression,
  options: { forRange?: boolean; trimWith?: LexemeStats } = {},
): RawBuilder<boolean> {
  const query = tsqueryText(candidateExpression(e, options.trimWith), { phrases: false });
  // With a key range: the planner estimates a tsquery of several lexemes at a row or so (it has no statistics of
  // the expression), and then reads every candidate's row to test the range instead of intersecting the GIN
  // bitmap with the primary key's (BitmapAnd) — 20,000 heap pages instead of 24 for 中华人民共和国消防法 at a
  // million items. OR-ing a lexeme that no document has (ours never contain a space) changes nothing in the
  // result and makes the estimate that of one lexeme (0.5 % of the rows), enough for the BitmapAnd.
  const text = options.forRange ? `(${query}) | ${unmatchableLexeme}` : query;
  return sql<boolean>`((head || body) @@ ${text}::tsquery)`;
}

/** A tsquery lexeme no index token equals: tokens are letters and digits (src/search/segment.ts). */
const unmatchableLexeme = "'no such lexeme'";

/**
 * The exact condition checked on the candidate row `c.row` (its ctid, fetched again by a TID scan): the sorted
 * candidates carry only their key and ctid, not their vectors.
 */
function exactAt(e: MatchExpression): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM search_vectors v WHERE v.ctid = c.row AND ${condition(e)})`;
}

function candidateExpression(e: MatchExpression, trimWith?: LexemeStats): MatchExpression {
  if (e.kind === 'phrase') return trimWith ? rarestTokens(e, trimWith) : e;
  if (e.kind === 'not')
    return hasPhrase(e.exclude)
      ? candidateExpression(e.include, trimWith)
      : { kind: 'not', include: candidateExpression(e.include, trimWith), exclude: e.exclude };
  return { kind: e.kind, items: e.items.map((i) => candidateExpression(i, trimWith)) };
}

/**
 * A phrase's two rarest exact tokens (a lexeme the statistics do not list counts as rarest): GIN reads the
 * posting list of every lexeme of a query, and a long phrase of common bigrams (中华人民共和国消防法: 中华, 人民, 共和
 * …) costs ten times more to read than its two rare ones (国消, 防法), which select nearly the same rows. Only where
 * the exact condition is checked on every candidate kept (collecting keys) — never for counting candidates.
 */
function rarestTokens(e: MatchExpression & { kind: 'phrase' }, stats: LexemeStats): MatchExpression {
  const exact = e.prefixLast ? e.tokens.slice(0, -1) : e.tokens;
  if (exact.length <= 2) return e;
  const kept = [...exact].sort((a, b) => (stats.freq.get(a) ?? 0) - (stats.freq.get(b) ?? 0)).slice(0, 2);
  return { kind: 'phrase', tokens: kept, prefixLast: false };
}

/**
 * How often each lexeme occurs, from the statistics ANALYZE keeps (pg_stats.most_common_elems of head and body),
 * cached per process for ten minutes. GIN answers a query by reading the whole posting list of each lexeme — for a
 * lexeme in 40 % of a million rows that alone takes ~100 ms — so broad queries must not go to the GIN index at all.
 */
interface LexemeStats {
  at: number;
  rows: number;
  freq: Map<string, number>;
  /**
   * Frequency below which lexemes are not listed (~4 % at a million items). A lexeme not listed counts as rare:
   * its posting list is short enough for GIN, and walking the key order for a rare query would read the table.
   */
  floor: number;
  /**
   * The sort keys' equi-depth histogram (pg_stats.histogram_bounds, ascending): bound i has about i / (length − 1)
   * of the rows below it. It tells which key range holds the newest fraction of the rows (`keyAbove`); empty
   * before the first ANALYZE.
   */
  keyBounds: number[];
}
async function lexemeStats(ex: Executor, cache: { stats: LexemeStats | null }): Promise<LexemeStats> {
  if (cache.stats && Date.now() - cache.stats.at < 600_000) return cache.stats;
  const r = await sql<{ elems: string[] | null; freqs: number[] | null; rows: number; bounds: string | null }>`SELECT
      array_to_json(s.most_common_elems::text::text[]) AS elems, s.most_common_elem_freqs AS freqs,
      (SELECT reltuples FROM pg_class WHERE oid = 'search_vectors'::regclass) AS rows,
      (SELECT k.histogram_bounds::text FROM pg_stats k
        WHERE k.tablename = 'search_vectors' AND k.attname = 'sort_key' AND k.schemaname = s.schemaname) AS bounds
    FROM pg_stats s WHERE s.tablename = 'search_vectors' AND s.attname IN ('head', 'body')`.execute(ex);
  const freq = new Map<string, number>();
  let floor = 0;
  let rows = 0;
  let keyBounds: number[] = [];
  for (const row of r.rows) {
    rows = Math.max(rows, Number(row.rows));
    const elems = row.elems ?? [];
    const freqs = (row.freqs ?? []).map(Number);
    elems.forEach((e, i) => freq.set(e, freqs[i] ?? 0));
    // most_common_elem_freqs ends with the minimum and maximum frequency and the null fraction.
    floor = Math.max(floor, freqs[elems.length] ?? 0);
    if (row.bounds) keyBounds = row.bounds.replace(/[{}]/g, '').split(',').map(Number);
  }
  cache.stats = { at: Date.now(), rows, freq, floor, keyBounds };
  return cache.stats;
}

/**
 * The sort key above which about `fraction` of the rows lie (interpolated in the histogram); null when that is
 * every row (or there is no histogram): then no lower bound.
 */
function keyAbove(stats: LexemeStats, fraction: number): number | null {
  const b = stats.keyBounds;
  if (b.length < 2 || fraction >= 1) return null;
  const at = (b.length - 1) * (1 - Math.max(0, fraction));
  const i = Math.min(b.length - 2, Math.floor(at));
  return Math.floor(b[i]! + (at - i) * (b[i + 1]! - b[i]!));
}

/** Estimated number of matching rows (independent terms; a prefix token alone counts as unknown = few). */
function estimate(e: MatchExpression, s: LexemeStats): number {
  const fraction = (x: MatchExpression): number => {
    switch (x.kind) {
      case 'phrase': {
        const exact = x.prefixLast ? x.tokens.slice(0, -1) : x.tokens;
        if (exact.length === 0) return 0;
        return Math.min(...exact.map((t) => s.freq.get(t) ?? 0));
      }
      case 'and':
        return x.items.map(fraction).reduce((a, b) => a * b, 1);
      case 'or':
        return Math.min(
          1,
          x.items.map(fraction).reduce((a, b) => a + b, 0),
        );
      case 'not':
        return fraction(x.include);
    }
  };
  return fraction(e) * s.rows;
}

async function countWhere(ex: Executor, where: RawBuilder<boolean>, limit: number): Promise<number> {
  await setMode(ex, 'index');
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM (
      SELECT FROM search_vectors WHERE ${where} LIMIT ${limit}) AS m`.execute(ex);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The page of a plan whose candidates are at most `orderedAbove`, in one statement; null when there are more.
 * The GIN index gives the candidates (every token of each phrase present — exact without reading positions); they
 * are sorted by tier (title conditions: `head` is small and in the row) and key, and only then are the phrases
 * checked, lazily, until the window is full: a body vector is decompressed for the rows shown, not for all
 * candidates. A second statement counts exactly when the candidates are within the cap and were not all checked.
 */
async function smallPage(
  ex: Executor,
  plan: SearchPlan,
  window: PageWindow,
  orderedAbove: number,
): Promise<PageKeys | null> {
  await setMode(ex, 'index');
  const last = plan.tiers.length - 1;
  // The tiers partition the matches: the first whose condition holds (the last needs no check).
  const tier =
    last === 0
      ? sql<number>`0`
      : sql<number>`CASE ${sql.join(
          plan.tiers.slice(0, last).map((t, i) => sql`WHEN ${condition(t.expression)} THEN ${sql.lit(i)}`),
          sql` `,
        )} ELSE ${sql.lit(last)} END`;
  const want = window.offset + window.size;
  // The documents of the page (not of the rows skipped before it) come with the same statement. The candidate
  // count comes in every case, also when nothing matched: with more than `orderedAbove` candidates only some were
  // collected, and none of those matching says nothing about the others.
  const r = await sql<Partial<SearchDocumentRow> & { tier: number | null; n: string; k: string | null }>`WITH
      m AS MATERIALIZED (SELECT sort_key, ctid AS row, ${tier} AS tier FROM search_vectors
        WHERE ${candidates(plan.all)} LIMIT ${orderedAbove + 1}),
      q AS (SELECT c.sort_key, c.tier FROM (SELECT sort_key, row, tier FROM m ORDER BY tier, sort_key DESC OFFSET 0) AS c
        WHERE ${exactAt(plan.all)} LIMIT ${want}),
      p AS (SELECT q.*, row_number() OVER (ORDER BY q.tier, q.sort_key DESC) AS at FROM q)
    SELECT (SELECT count(*) FROM m) AS n, p.tier, p.sort_key AS k, d.*
    FROM (SELECT 1) AS one LEFT JOIN p ON true
      LEFT JOIN search_documents d ON d.sort_key = p.sort_key AND p.at > ${window.offset}
    ORDER BY p.at`.execute(ex);
  const found = Number(r.rows[0]?.n ?? 0);
  if (found > orderedAbove) return null;
  const rows = r.rows.filter((row) => row.k !== null);
  let counted: number;
  if (rows.length < want || !hasPhrase(plan.all)) counted = rows.length < want ? rows.length : found;
  else if (found > window.cap) counted = window.cap + 1;
  else counted = await countWhere(ex, sql<boolean>`${candidates(plan.all)} AND ${condition(plan.all)}`, window.cap + 1);
  const shown = rows.slice(window.offset, Math.min(want, window.cap)).filter((row) => row.doc_id != null);
  return {
    counted: Math.min(counted, window.cap + 1),
    picked: shown.map((row) => ({ key: Number(row.k), tier: plan.tiers[Number(row.tier)]!.tier })),
    docs: shown.map((row) => storedDocument(row as SearchDocumentRow)),
  };
}

/**
 * The number of matches, stopping at `limit`. First the candidates — the phrases' tokens all present, which the
 * GIN index answers without reading rows; only when they are within the limit are the phrases checked (reading at
 * most that many rows). Above the limit the candidate count stands for the total, which is then reported as capped.
 */
async function count(ex: Executor, expression: MatchExpression, limit: number): Promise<number> {
  const found = await countWhere(ex, candidates(expression), limit);
  if (found >= limit || !hasPhrase(expression)) return found;
  return countWhere(ex, sql<boolean>`${candidates(expression)} AND ${condition(expression)}`, limit);
}

/**
 * Keys of the newest `limit` matches of one tier, with the cheapest of three plans (docs/search.md):
 * - expected few (≤ `orderedAbove`): the GIN index collects the candidates, the newest are checked until `limit`
 *   are found (`collectKeys`);
 * - expected many but the posting lists cheap to read compared with the walk: the same, restricted to the key
 *   range that should hold about `limit` matches (`windowKeys`);
 * - very many: walk the key order newest first (through a filter's (value, sort_key) b-tree when there is one),
 *   which finds the page after about limit × rows / matches rows.
 */
async function keys(
  ex: Executor,
  expression: MatchExpression,
  limit: number,
  skip: number,
  stats: LexemeStats,
  tuning: PostgresSearchTuning,
): Promise<TierKeys> {
  const expected = estimate(expression, stats);
  const filter = columnFilter(expression, stats);
  if (expected <= tuning.orderedAbove && filter.year) {
    // A year filter puts all matches in one stretch of the key order: no windows from the newest end.
    const few = await collectInRange(ex, expression, limit, skip, tuning.orderedAbove, null, stats);
    if (few) {
      tuning.onPlan?.('collect');
      return few;
    }
  } else if (!filter.year && (expected <= tuning.orderedAbove || prefersWindow(expected, limit, filter.rows, tuning))) {
    return windowKeys(ex, expression, limit, skip, expected, stats, tuning);
  }
  tuning.onPlan?.('walk');
  return walkKeys(ex, expression, limit, skip, null);
}

/**
 * A tier's keys, newest first, and the stored documents of those after the first `skip` (the ones the page
 * shows), loaded by the same statement: a round trip less per search.
 */
interface TierKeys {
  keys: number[];
  docs: Map<number, StoredDocument>;
}

/** Rows of `r` (key column `k`, then search_documents columns, null where not joined) as TierKeys. */
function tierKeys(rows: (Partial<SearchDocumentRow> & { k: string | null })[]): TierKeys {
  const keys: number[] = [];
  const docs = new Map<number, StoredDocument>();
  for (const row of rows) {
    if (row.k === null) continue;
    keys.push(Number(row.k));
    if (row.doc_id !== null && row.doc_id !== undefined)
      docs.set(Number(row.k), storedDocument(row as SearchDocumentRow));
  }
  return { keys, docs };
}

/**
 * The rows a walk reads: all (newest first), or with a filter on a column (agency, catalogue, year) only that
 * filter's rows, through its (value, sort_key) b-tree — the planner takes the most selective; a value the
 * statistics do not list is rarer than their floor.
 */
function columnFilter(e: MatchExpression, stats: LexemeStats): { rows: number; year: boolean } {
  const items = e.kind === 'and' ? e.items : e.kind === 'not' && e.include.kind === 'and' ? e.include.items : [];
  let fraction = 1;
  let year = false;
  for (const item of items) {
    if (item.kind !== 'phrase' || !filterColumnCondition(item)) continue;
    const token = item.tokens[0]!;
    fraction = Math.min(fraction, stats.freq.get(token) ?? stats.floor / 2);
    if (token[0] === ns.year) year = true;
  }
  return { rows: fraction * stats.rows, year };
}

/**
 * The window reads the posting lists (about `expected` entries) and checks a few rows more than `limit`; the walk
 * checks about limit × rows / expected rows (of the filter's rows when there is one), each a random heap visit
 * (and a body vector decompressed in the body tier).
 */
function prefersWindow(expected: number, limit: number, walkedRows: number, tuning: PostgresSearchTuning): boolean {
  if (tuning.ginEntriesPerRow <= 0) return false;
  const walkRows = (limit * walkedRows) / expected;
  const windowRows = expected / tuning.ginEntriesPerRow + 2 * limit;
  return windowRows < walkRows;
}

/** Sort-key range condition: keys in [lower, upper); null bounds are open. */
function keyRange(lower: number | null, upper: number | null): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (lower !== null) parts.push(sql<boolean>`sort_key >= ${lower}`);
  if (upper !== null) parts.push(sql<boolean>`sort_key < ${upper}`);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The GIN index collects the candidates (within the key range), at most `cap`; the newest are checked exactly
 * until `limit` match. null when there are more than `cap` candidates; else the keys and the candidate count.
 */
async function collectInRange(
  ex: Executor,
  expression: MatchExpression,
  limit: number,
  skip: number,
  cap: number,
  range: { lower: number | null; upper: number | null } | null,
  stats: LexemeStats,
): Promise<(TierKeys & { candidates: number }) | null> {
  await setMode(ex, 'index');
  const bounded = range !== null && (range.lower !== null || range.upper !== null);
  const where = bounded
    ? sql<boolean>`${candidates(expression, { forRange: true, trimWith: stats })} AND ${keyRange(range.lower, range.upper)}`
    : candidates(expression, { trimWith: stats });
  // Candidates newest first, the exact condition checked only until `limit` rows are found (`q` keeps its LIMIT
  // inside, so the check stops there). The candidate count comes in every case, also when nothing matched: a
  // range with more than `cap` candidates was not collected whole.
  const r = await sql<Partial<SearchDocumentRow> & { k: string | null; n: string }>`WITH m AS MATERIALIZED (
        SELECT sort_key, ctid AS row FROM search_vectors WHERE ${where} LIMIT ${cap + 1}),
      q AS (SELECT c.sort_key AS k FROM (SELECT sort_key, row FROM m ORDER BY sort_key DESC OFFSET 0) AS c
        WHERE ${exactAt(expression)} LIMIT ${limit}),
      p AS (SELECT k, row_number() OVER (ORDER BY k DESC) AS at FROM q)
    SELECT (SELECT count(*) FROM m) AS n, p.k, d.*
    FROM (SELECT 1) AS one LEFT JOIN p ON true
      LEFT JOIN search_documents d ON d.sort_key = p.k AND p.at > ${skip}
    ORDER BY p.k DESC`.execute(ex);
  const n = Number(r.rows[0]?.n ?? 0);
  if (n > cap) return null;
  return { ...tierKeys(r.rows), candidates: n };
}

/** After this many key windows, the rest of a tier is walked (a bound on round trips, whatever the estimates). */
const maxWindows = 6;

/**
 * Expected many matches, but a walk would check many rows to find `limit`: collect from the GIN index within the
 * newest key range that should hold about twice `limit` matches (the histogram of the keys says where it
 * starts), then, while short, in the next older range sized from the matches seen so far. The planner combines
 * the GIN bitmap with the key range of the primary key (BitmapAnd), so only the range's candidates are visited.
 */
async function windowKeys(
  ex: Executor,
  expression: MatchExpression,
  limit: number,
  skip: number,
  expected: number,
  stats: LexemeStats,
  tuning: PostgresSearchTuning,
): Promise<TierKeys> {
  const cap = tuning.orderedAbove;
  const found: TierKeys = { keys: [], docs: new Map() };
  const add = (more: TierKeys): TierKeys => {
    found.keys.push(...more.keys);
    for (const [key, doc] of more.docs) found.docs.set(key, doc);
    return found;
  };
  let density = Math.max(expected, 1) / Math.max(stats.rows, 1);
  let covered = 0; // fraction of the rows (newest first) already searched
  let upper: number | null = null;
  let windows = 0;
  for (;;) {
    const need = limit - found.keys.length;
    const skipHere = Math.max(0, skip - found.keys.length);
    const fraction = covered + tuning.windowMatches(need) / density / Math.max(stats.rows, 1);
    const lower = keyAbove(stats, fraction);
    tuning.onPlan?.(lower === null && upper === null ? 'collect' : 'window');
    const r = await collectInRange(ex, expression, need, skipHere, cap, { lower, upper }, stats);
    // More candidates in the range than expected by far: the rest by walking the key order below `upper`.
    if (!r) {
      tuning.onPlan?.('walk');
      return add(await walkKeys(ex, expression, need, skipHere, upper));
    }
    add(r);
    if (found.keys.length >= limit || lower === null) return found;
    // Short: every candidate of the range was checked, so r.keys are all its matches. The next range is sized
    // from them (a quarter of the last density when there were none), and never narrower than this one.
    const searched = fraction - covered;
    density = r.keys.length > 0 ? r.keys.length / (searched * stats.rows) : density / 4;
    density = Math.min(density, tuning.windowMatches(limit - found.keys.length) / (searched * stats.rows));
    covered = fraction;
    upper = lower;
    if (++windows >= maxWindows) {
      tuning.onPlan?.('walk');
      const rest = limit - found.keys.length;
      return add(await walkKeys(ex, expression, rest, Math.max(0, skip - found.keys.length), upper));
    }
  }
}

/** Walk the key order newest first (below `upper` when given), checking each row, until `limit` match. */
async function walkKeys(
  ex: Executor,
  expression: MatchExpression,
  limit: number,
  skip: number,
  upper: number | null,
): Promise<TierKeys> {
  await setMode(ex, 'ordered');
  const below = upper === null ? sql<boolean>`` : sql<boolean>` AND sort_key < ${upper}`;
  const r = await sql<Partial<SearchDocumentRow> & { k: string }>`SELECT w.k, d.* FROM (
        SELECT k, row_number() OVER (ORDER BY k DESC) AS at FROM (
          SELECT sort_key AS k FROM search_vectors
          WHERE ${condition(expression)}${below} ORDER BY sort_key DESC LIMIT ${limit}) AS s) AS w
      LEFT JOIN search_documents d ON d.sort_key = w.k AND w.at > ${skip}
    ORDER BY w.k DESC`.execute(ex);
  // Fewer rows than the limit means the walk reached the oldest row: that is all there is.
  return tierKeys(r.rows);
}

export const postgresSearchStore = createPostgresSearchStore();

export function createPostgresSearchStore(options: Partial<PostgresSearchTuning> = {}): SearchStore {
  const tuning: PostgresSearchTuning = { ...defaultTuning, ...options };
  const { orderedAbove, broadAbove } = tuning;
  const cache: { stats: LexemeStats | null } = { stats: null };
  return {
    async reading(ex, fn) {
      if (ex.isTransaction) return fn(ex);
      return ex.connection().execute(async (conn) => {
        // Never scan the whole table for a search (each row's body vector would be decompressed); start in
        // index mode, which the first query wants. No JIT and no parallel workers: the planner cannot estimate
        // an @@ over our lexemes, takes a walk that stops after a few hundred rows for one over the whole table,
        // and compiled it (~100 ms) and started two workers (~300 ms under load) for a 12 ms scan — at a million
        // items that was most of the time of 老旧小区改造 and 最低生活保障. Begin and settings in one round trip (no
        // parameters: the simple protocol takes several statements).
        await sql
          .raw(
            "BEGIN READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0",
          )
          .execute(conn);
        modeOf.set(conn, 'index');
        try {
          const result = await fn(conn);
          await sql.raw('COMMIT').execute(conn);
          return result;
        } catch (error) {
          await sql.raw('ROLLBACK').execute(conn);
          throw error;
        }
      });
    },

    async upsertMany(ex: Executor, docs: IndexedDocument[]): Promise<void> {
      const { unique, keys } = await replaceDocuments(ex, docs, removeKeys);
      for (const part of chunks(unique)) {
        const values = part.map((d) => {
          const v = tsvectorTexts(d.tokens);
          return sql`(${keys.get(d.doc.id)!}, ${v.head}::tsvector, ${v.body}::tsvector, ${d.doc.agencyId}, ${d.doc.catalogue}, ${d.doc.year})`;
        });
        await sql`INSERT INTO search_vectors (sort_key, head, body, agency_id, catalogue, year)
          VALUES ${sql.join(values)}`.execute(ex);
      }
    },

    async remove(ex: Executor, id: string): Promise<boolean> {
      const keys = await deleteDocuments(ex, [id]);
      await removeKeys(ex, keys);
      return keys.length > 0;
    },

    /**
     * A query the statistics expect to match few items (at most `orderedAbove`) is answered in ONE statement: the
     * GIN index collects the matches, each gets its tier, and the window of the page is cut from them in rank order;
     * the count comes with it. Otherwise (or when the matches turn out to be more) the tiers are walked one by one,
     * each with the plan that suits it (`keys`).
     */
    async page(ex, plan, window) {
      const stats = await lexemeStats(ex, cache);
      const expected = estimate(plan.all, stats);
      let counted: number | null = null;
      if (expected <= orderedAbove) {
        const small = await smallPage(ex, plan, window, orderedAbove);
        if (small) return small;
        // More candidates than `orderedAbove`: beyond the cap when that is at least the cap (the candidates stand
        // for the total above the cap, as in `count`); otherwise (tests' tunings) counted below.
        if (orderedAbove >= window.cap) counted = window.cap + 1;
      }
      counted ??= expected > broadAbove ? window.cap + 1 : await count(ex, plan.all, window.cap + 1);
      return pageByTiers(plan, window, counted, (expression, limit, skip) =>
        keys(ex, expression, limit, skip, stats, tuning),
      );
    },

    load: loadDocuments,

    async beginBulkLoad(db: Db): Promise<void> {
      // Building a GIN index once over all rows is many times faster than maintaining it row by row.
      await sql`DROP INDEX IF EXISTS search_vectors_tokens_idx`.execute(db);
    },

    async endBulkLoad(db: Db): Promise<void> {
      await db.transaction().execute(async (tx) => {
        // The GIN build sorts its entries in memory; the default 64 MB makes it spill and take many times longer.
        await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(tx);
        await createTokensIndex(tx);
      });
      // Fresh statistics and the visibility map (counting can then skip the table pages).
      await sql`VACUUM (ANALYZE) search_vectors`.execute(db);
      await sql`VACUUM (ANALYZE) search_documents`.execute(db);
    },

    countAll: countDocuments,

    async sizes(ex: Executor) {
      const r = await sql<{ index_bytes: string; document_bytes: string }>`SELECT
        pg_total_relation_size('search_vectors') AS index_bytes,
        pg_total_relation_size('search_documents') AS document_bytes`.execute(ex);
      return { indexBytes: Number(r.rows[0]?.index_bytes ?? 0), documentBytes: Number(r.rows[0]?.document_bytes ?? 0) };
    },
  };
}

/** The GIN index of the candidates (see `candidates`); shared with migration 019. */
export async function createTokensIndex(ex: Executor | Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS search_vectors_tokens_idx ON search_vectors USING gin ((head || body))`.execute(
    ex,
  );
  // No statistics of the expression: ANALYZE would concatenate both vectors of every sampled row, and the store
  // chooses its plans from the columns' statistics (lexemeStats).
  await sql`ALTER INDEX search_vectors_tokens_idx ALTER COLUMN 1 SET STATISTICS 0`.execute(ex);
}

async function removeKeys(ex: Executor, keys: number[]): Promise<void> {
  for (const part of chunks(keys)) {
    await sql`DELETE FROM search_vectors WHERE sort_key IN (${sql.join(part)})`.execute(ex);
  }
}
