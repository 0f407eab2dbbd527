import { sql } from 'kysely';
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
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (
        SELECT rowid FROM search_fts WHERE search_fts MATCH ${fts5Match(plan.all)} LIMIT ${window.cap + 1})`.execute(
      ex,
    );
    return pageByTiers(plan, window, Number(r.rows[0]?.n ?? 0), async (expression, limit) => {
      const keys = await sql<{ k: number }>`SELECT rowid AS k FROM search_fts
          WHERE search_fts MATCH ${fts5Match(expression)} ORDER BY rowid DESC LIMIT ${limit}`.execute(ex);
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
