import { sql } from 'kysely';
import type { MatchExpression } from '../../../search/match-expression.ts';
import type { SearchPlan } from '../../../search/search-plan.ts';
import type { Db, Executor } from '../../schema.ts';
import { fts5Match } from './fts5-match.ts';
import {
  chunks,
  countDocuments,
  deleteDocuments,
  loadDocuments,
  replaceDocuments,
} from './search-documents-repository.ts';
import { pageByTiers } from './page-by-tiers.ts';
import type { IndexedDocument, SearchStore } from './search-store.ts';

/**
 * SQLite: FTS5 table `search_fts` (rowid = sort_key) over the space-separated tokens. FTS5 walks a match in rowid
 * order, so ORDER BY rowid DESC LIMIT n is "the newest n" without looking at the other matches.
 */
export const sqliteSearchStore: SearchStore = {
  // better-sqlite3 is synchronous and in-process: nothing to gain from grouping.
  reading: (ex, fn) => fn(ex),

  async upsertMany(ex: Executor, docs: IndexedDocument[]): Promise<void> {
    const { unique, keys } = await replaceDocuments(ex, docs, removeKeys);
    for (const part of chunks(unique)) {
      const values = part.map((d) => sql`(${keys.get(d.doc.id)!}, ${d.tokens.join(' ')})`);
      await sql`INSERT INTO search_fts (rowid, tokens) VALUES ${sql.join(values)}`.execute(ex);
    }
  },

  async remove(ex: Executor, id: string): Promise<boolean> {
    const keys = await deleteDocuments(ex, [id]);
    await removeKeys(ex, keys);
    return keys.length > 0;
  },

  async page(ex, plan, window) {
    // In-process and walking posting lists newest first: each statement stops early, so the tier walk costs
    // little more than one query would.
    const rarity = await rarityOf(ex, plan);
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (
        SELECT rowid FROM search_fts WHERE search_fts MATCH ${fts5Match(plan.all, rarity)} LIMIT ${window.cap + 1})`.execute(
      ex,
    );
    return pageByTiers(plan, window, Number(r.rows[0]?.n ?? 0), async (expression, limit) => {
      const keys = await sql<{ k: number }>`SELECT rowid AS k FROM search_fts
          WHERE search_fts MATCH ${fts5Match(expression, rarity)} ORDER BY rowid DESC LIMIT ${limit}`.execute(ex);
      return keys.rows.map((row) => Number(row.k));
    });
  },

  load: loadDocuments,

  async beginBulkLoad(db: Db): Promise<void> {
    // No incremental merging while loading (each merge rewrites data that the next one rewrites again); the
    // single merge at the end does it once.
    await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)`.execute(db);
  },

  async endBulkLoad(db: Db): Promise<void> {
    // One b-tree per term instead of many small segments: the fastest layout for queries. Then the default
    // incremental merging for the publications that follow.
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 4)`.execute(db);
  },

  countAll: countDocuments,

  async sizes(ex: Executor) {
    const r = await sql<{ name: string; bytes: number }>`SELECT name, sum(pgsize) AS bytes FROM dbstat
        WHERE name LIKE 'search%' OR name LIKE 'sqlite_autoindex_search%' GROUP BY name`.execute(ex);
    let indexBytes = 0;
    let documentBytes = 0;
    for (const row of r.rows) {
      if (row.name.startsWith('search_fts')) indexBytes += Number(row.bytes);
      else documentBytes += Number(row.bytes);
    }
    return { indexBytes, documentBytes };
  },
};

async function removeKeys(ex: Executor, keys: number[]): Promise<void> {
  for (const part of chunks(keys)) {
    await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(part)})`.execute(ex);
  }
}

/**
 * Token frequencies are only compared, so they are measured cheaply: by how far back in the key order (newest
 * first — FTS5 reads a posting list from either end) a token's newest `probeMatches` items reach. Counting over a
 * key range instead (`rowid >= …`) made FTS5 read the whole posting list: 20 ms for a common token.
 */
const probeMatches = 64;

/**
 * How often each part of an AND in the plan matches, roughly: the density (items per key) of its rarest token,
 * summed over the branches of an OR. fts5Match puts the parts of an AND rarest first. Only tokens under an AND of
 * three parts or more are measured: two parts FTS5 already leapfrogs (each moves to the other's rowid), so the
 * order only pays from the third on; a one- or two-term search measures nothing.
 */
async function rarityOf(ex: Executor, plan: SearchPlan): Promise<((e: MatchExpression) => number) | undefined> {
  const tokens = new Set<string>();
  const collect = (e: MatchExpression, underAnd: boolean): void => {
    if (e.kind === 'phrase') {
      if (underAnd) for (const key of tokenKeys(e)) tokens.add(key);
    } else if (e.kind === 'not') {
      collect(e.include, underAnd);
      collect(e.exclude, underAnd);
    } else for (const item of e.items) collect(item, underAnd || (e.kind === 'and' && e.items.length > 2));
  };
  for (const e of [plan.all, ...plan.tiers.map((t) => t.expression)]) collect(e, false);
  if (tokens.size === 0) return undefined;
  // One statement for all tokens (a statement per token cost more in preparing than FTS5 spent reading). The
  // span of all keys in two subqueries: SQLite answers each from the index's ends, min and max in one SELECT by
  // a full scan.
  const keys = [...tokens];
  const probes = keys.map(
    (key, i) => sql`SELECT ${i} AS i, count(*) AS n, min(k) AS lo, NULL AS hi FROM (
        SELECT rowid AS k FROM search_fts WHERE search_fts MATCH ${key} ORDER BY rowid DESC LIMIT ${probeMatches})`,
  );
  const r = await sql<{ i: number; n: number; lo: number | null; hi: number | null }>`SELECT -1 AS i, 0 AS n,
      (SELECT min(sort_key) FROM search_documents) AS lo, (SELECT max(sort_key) FROM search_documents) AS hi
    UNION ALL ${sql.join(probes, sql` UNION ALL `)}`.execute(ex);
  const all = r.rows.find((row) => Number(row.i) === -1);
  const hi = Number(all?.hi ?? 0);
  const span = Math.max(1, hi - Number(all?.lo ?? 0) + 1);
  const density = new Map<string, number>();
  for (const row of r.rows) {
    const i = Number(row.i);
    if (i < 0) continue;
    const n = Number(row.n);
    // All of a rare token's items were found: its density over all keys; else over the keys its newest reach.
    density.set(keys[i]!, n < probeMatches ? n / span : n / Math.max(1, hi - Number(row.lo ?? hi) + 1));
  }
  const rarity = (e: MatchExpression): number => {
    switch (e.kind) {
      case 'phrase':
        return Math.min(...tokenKeys(e).map((key) => density.get(key) ?? 0));
      case 'and':
        return Math.min(...e.items.map(rarity));
      case 'or':
        return e.items.map(rarity).reduce((a, b) => a + b, 0);
      case 'not':
        return rarity(e.include);
    }
  };
  return rarity;
}

/** Each token of a phrase as its own FTS5 query (the last one a prefix query when the phrase ends in one). */
function tokenKeys(e: MatchExpression & { kind: 'phrase' }): string[] {
  return e.tokens.map((t, i) =>
    fts5Match({ kind: 'phrase', tokens: [t], prefixLast: e.prefixLast && i === e.tokens.length - 1 }),
  );
}
