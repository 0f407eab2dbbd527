import { sql, type RawBuilder } from 'kysely';
import type { MatchExpression } from '../../../search/match-expression.ts';
import type { Db, Executor } from '../../schema.ts';
import {
  chunks,
  countDocuments,
  deleteDocuments,
  insertDocuments,
  loadDocuments,
} from './search-documents-repository.ts';
import type { IndexedDocument, SearchStore } from './search-store.ts';
import { columnOfToken, tsqueryText, tsvectorTexts } from './tsquery-text.ts';

/**
 * PostgreSQL: `search_vectors` (sort_key, head, body — tsvectors built from our tokens) with a GIN index on each.
 * Query text is cast with ::tsquery from a bound parameter — never to_tsquery/plainto_tsquery over user text.
 *
 * The planner cannot know that checking a tsvector (decompressing it, for the body) costs far more than its
 * default operator cost, so for broad terms it would scan the table. A search therefore runs in one read
 * transaction (`reading`) that forbids sequential scans and tells each query which plan it wants (docs/search.md):
 * - `index`: GIN bitmap only — for counting (a tsquery without phrases is answered by the index alone) and for
 *   terms with few matches (they are collected and sorted);
 * - `ordered`: walk the primary key newest-first, checking each row, and stop at the page — for terms with very
 *   many matches, where the first page is found after a few dozen rows.
 */
type Mode = 'index' | 'ordered';

/** Above this many matches a query walks the key order instead of collecting its matches. */
const orderedAbove = 5000;
/** Estimated matches above which the GIN index is not asked at all (see lexemeStats). */
const broadAbove = 20_000;

/** The plan mode currently set in each open search transaction. */
const modeOf = new WeakMap<object, Mode>();

/**
 * Switches the transaction's planner to `mode` (one round trip, only when it changes). Outside `reading` — the
 * caller's own transaction or none — the query runs with the planner's defaults.
 */
async function plan(ex: Executor, mode: Mode): Promise<void> {
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
 * The expression as an SQL condition over the two columns: each part that concerns one column becomes one
 * `column @@ tsquery` (the GIN index combines its terms); parts over both are joined with SQL AND / OR / NOT.
 * Conditions on `head` come first: they are the cheap ones to check row by row.
 */
function condition(e: MatchExpression, phrases: boolean): RawBuilder<boolean> {
  const column = columnOf(e);
  if (column !== 'mixed') {
    const query = tsqueryText(e, { phrases });
    return column === 'head' ? sql<boolean>`(head @@ ${query}::tsquery)` : sql<boolean>`(body @@ ${query}::tsquery)`;
  }
  if (e.kind === 'not')
    return sql<boolean>`(${condition(e.include, phrases)} AND NOT ${condition(e.exclude, phrases)})`;
  if (e.kind === 'phrase') throw new Error('unreachable');
  const items = [...e.items].sort((a, b) => Number(columnOf(a) !== 'head') - Number(columnOf(b) !== 'head'));
  return sql<boolean>`(${sql.join(
    items.map((i) => condition(i, phrases)),
    e.kind === 'and' ? sql` AND ` : sql` OR `,
  )})`;
}

function hasPhrase(e: MatchExpression): boolean {
  if (e.kind === 'phrase') return e.tokens.length > 1;
  if (e.kind === 'not') return hasPhrase(e.include) || hasPhrase(e.exclude);
  return e.items.some(hasPhrase);
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
}
let stats: LexemeStats | null = null;

async function lexemeStats(ex: Executor): Promise<LexemeStats> {
  if (stats && Date.now() - stats.at < 600_000) return stats;
  const r = await sql<{ elems: string[] | null; freqs: number[] | null; rows: number }>`SELECT
      array_to_json(s.most_common_elems::text::text[]) AS elems, s.most_common_elem_freqs AS freqs,
      (SELECT reltuples FROM pg_class WHERE oid = 'search_vectors'::regclass) AS rows
    FROM pg_stats s WHERE s.tablename = 'search_vectors' AND s.attname IN ('head', 'body')`.execute(ex);
  const freq = new Map<string, number>();
  let floor = 0;
  let rows = 0;
  for (const row of r.rows) {
    rows = Math.max(rows, Number(row.rows));
    const elems = row.elems ?? [];
    const freqs = (row.freqs ?? []).map(Number);
    elems.forEach((e, i) => freq.set(e, freqs[i] ?? 0));
    // most_common_elem_freqs ends with the minimum and maximum frequency and the null fraction.
    floor = Math.max(floor, freqs[elems.length] ?? 0);
  }
  stats = { at: Date.now(), rows, freq, floor };
  return stats;
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
  await plan(ex, 'index');
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM (
      SELECT 1 FROM search_vectors WHERE ${where} LIMIT ${limit}) AS m`.execute(ex);
  return Number(r.rows[0]?.n ?? 0);
}

export const postgresSearchStore: SearchStore = {
  async reading(ex, fn) {
    if (ex.isTransaction) return fn(ex);
    return ex.transaction().execute(async (tx) => {
      // Never scan the whole table for a search (each row's body vector would be decompressed); start in
      // index mode, which the first query (the count) wants. One round trip.
      await sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`.execute(
        tx,
      );
      modeOf.set(tx, 'index');
      return fn(tx);
    });
  },

  async upsertMany(ex: Executor, docs: IndexedDocument[]): Promise<void> {
    const unique = [...new Map(docs.map((d) => [d.doc.id, d])).values()];
    if (unique.length === 0) return;
    await removeKeys(
      ex,
      await deleteDocuments(
        ex,
        unique.map((d) => d.doc.id),
      ),
    );
    const keys = await insertDocuments(
      ex,
      unique.map((d) => d.doc),
    );
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
   * First the candidates — the phrases' tokens all present, which the GIN index answers without reading rows;
   * only when they are within the limit are the phrases checked (reading at most that many rows). Above the
   * limit the candidate count stands for the total, which is then reported as capped.
   */
  async count(ex: Executor, expression, limit): Promise<number> {
    // Far more matches than counted: the statistics say so without reading posting lists (an estimate).
    if (estimate(expression, await lexemeStats(ex)) > broadAbove) return limit;
    const candidates = await countWhere(ex, condition(expression, false), limit);
    if (candidates >= limit || !hasPhrase(expression)) return candidates;
    return countWhere(ex, condition(expression, true), limit);
  },

  /**
   * First with the GIN index, collecting at most `orderedAbove` matches and keeping the newest `limit`; when
   * there are more (a broad term), again walking the key order newest-first, which then finds the page after
   * about limit × table / matches rows. (The break-even of the two at a million rows is a few thousand matches.)
   */
  async keys(ex: Executor, expression, limit): Promise<number[]> {
    const where = condition(expression, true);
    if (estimate(expression, await lexemeStats(ex)) > broadAbove) {
      await plan(ex, 'ordered');
      const r = await sql<{ sort_key: string }>`SELECT sort_key FROM search_vectors
          WHERE ${where} ORDER BY sort_key DESC LIMIT ${limit}`.execute(ex);
      // Fewer rows than the limit means the walk reached the oldest row: that is all there is.
      return r.rows.map((row) => Number(row.sort_key));
    }
    await plan(ex, 'index');
    const few = await sql<{ sort_key: string; n: string }>`SELECT sort_key, n FROM (
        SELECT sort_key, count(*) OVER () AS n FROM (
          SELECT sort_key FROM search_vectors WHERE ${where} LIMIT ${orderedAbove + 1}) AS c) AS w
        ORDER BY sort_key DESC LIMIT ${limit}`.execute(ex);
    if (Number(few.rows[0]?.n ?? 0) <= orderedAbove) return few.rows.map((row) => Number(row.sort_key));
    await plan(ex, 'ordered');
    const r = await sql<{ sort_key: string }>`SELECT sort_key FROM search_vectors
        WHERE ${where} ORDER BY sort_key DESC LIMIT ${limit}`.execute(ex);
    return r.rows.map((row) => Number(row.sort_key));
  },

  load: loadDocuments,

  async beginBulkLoad(db: Db): Promise<void> {
    // Building a GIN index once over all rows is many times faster than maintaining it row by row.
    await sql`DROP INDEX IF EXISTS search_vectors_head_idx`.execute(db);
    await sql`DROP INDEX IF EXISTS search_vectors_body_idx`.execute(db);
  },

  async endBulkLoad(db: Db): Promise<void> {
    // The two GIN indexes are built at the same time on two connections (PostgreSQL 15 builds a GIN index in
    // one process). The build sorts its entries in memory; the default 64 MB makes it spill and take many times
    // longer.
    await Promise.all(
      (['head', 'body'] as const).map((column) =>
        db.transaction().execute(async (tx) => {
          await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(tx);
          await sql`CREATE INDEX IF NOT EXISTS ${sql.id(`search_vectors_${column}_idx`)}
              ON search_vectors USING gin (${sql.id(column)})`.execute(tx);
        }),
      ),
    );
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

async function removeKeys(ex: Executor, keys: number[]): Promise<void> {
  for (const part of chunks(keys)) {
    await sql`DELETE FROM search_vectors WHERE sort_key IN (${sql.join(part)})`.execute(ex);
  }
}
