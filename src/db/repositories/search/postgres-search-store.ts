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
        return sql`(${keys.get(d.doc.id)!}, ${v.head}::tsvector, ${v.body}::tsvector)`;
      });
      await sql`INSERT INTO search_vectors (sort_key, head, body) VALUES ${sql.join(values)}`.execute(ex);
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
    const candidates = await countWhere(ex, condition(expression, false), limit);
    if (candidates >= limit || !hasPhrase(expression)) return candidates;
    return countWhere(ex, condition(expression, true), limit);
  },

  async keys(ex: Executor, expression, limit, manyMatches): Promise<number[]> {
    await plan(ex, manyMatches ? 'ordered' : 'index');
    const r = await sql<{ sort_key: string }>`SELECT sort_key FROM search_vectors
        WHERE ${condition(expression, true)} ORDER BY sort_key DESC LIMIT ${limit}`.execute(ex);
    return r.rows.map((row) => Number(row.sort_key));
  },

  load: loadDocuments,

  async beginBulkLoad(db: Db): Promise<void> {
    // Building a GIN index once over all rows is many times faster than maintaining it row by row.
    await sql`DROP INDEX IF EXISTS search_vectors_head_idx`.execute(db);
    await sql`DROP INDEX IF EXISTS search_vectors_body_idx`.execute(db);
  },

  async endBulkLoad(db: Db): Promise<void> {
    await db.transaction().execute(async (tx) => {
      // The GIN build sorts its entries in memory; the default 64 MB makes it spill and take many times longer.
      await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(tx);
      await sql`CREATE INDEX IF NOT EXISTS search_vectors_head_idx ON search_vectors USING gin (head)`.execute(tx);
      await sql`CREATE INDEX IF NOT EXISTS search_vectors_body_idx ON search_vectors USING gin (body)`.execute(tx);
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

async function removeKeys(ex: Executor, keys: number[]): Promise<void> {
  for (const part of chunks(keys)) {
    await sql`DELETE FROM search_vectors WHERE sort_key IN (${sql.join(part)})`.execute(ex);
  }
}
