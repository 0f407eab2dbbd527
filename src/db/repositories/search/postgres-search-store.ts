import { sql } from 'kysely';
import type { Db, Executor } from '../../schema.ts';
import {
  chunks,
  countDocuments,
  deleteDocuments,
  insertDocuments,
  loadDocuments,
} from './search-documents-repository.ts';
import type { IndexedDocument, SearchStore } from './search-store.ts';
import { tsqueryText, tsvectorText } from './tsquery-text.ts';

/**
 * PostgreSQL: `search_vectors` (sort_key, tsvector built from our tokens) with a GIN index. Query text is cast
 * with ::tsquery from a bound parameter — never to_tsquery/plainto_tsquery over user text.
 */
export const postgresSearchStore: SearchStore = {
  async upsertMany(ex: Executor, docs: IndexedDocument[]): Promise<void> {
    const unique = [...new Map(docs.map((d) => [d.doc.id, d])).values()];
    if (unique.length === 0) return;
    await removeKeys(ex, await deleteDocuments(ex, unique.map((d) => d.doc.id)));
    const keys = await insertDocuments(
      ex,
      unique.map((d) => d.doc),
    );
    for (const part of chunks(unique)) {
      const values = part.map((d) => sql`(${keys.get(d.doc.id)!}, ${tsvectorText(d.tokens)}::tsvector)`);
      await sql`INSERT INTO search_vectors (sort_key, tsv) VALUES ${sql.join(values)}`.execute(ex);
    }
  },

  async remove(ex: Executor, id: string): Promise<boolean> {
    const keys = await deleteDocuments(ex, [id]);
    await removeKeys(ex, keys);
    return keys.length > 0;
  },

  async count(ex: Executor, expression, limit): Promise<number> {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM (
        SELECT 1 FROM search_vectors WHERE tsv @@ ${tsqueryText(expression)}::tsquery LIMIT ${limit}) AS m`.execute(ex);
    return Number(r.rows[0]?.n ?? 0);
  },

  async keys(ex: Executor, expression, limit): Promise<number[]> {
    const r = await sql<{ sort_key: string }>`SELECT sort_key FROM search_vectors
        WHERE tsv @@ ${tsqueryText(expression)}::tsquery ORDER BY sort_key DESC LIMIT ${limit}`.execute(ex);
    return r.rows.map((row) => Number(row.sort_key));
  },

  load: loadDocuments,

  async beginBulkLoad(db: Db): Promise<void> {
    // Building a GIN index once over all rows is many times faster than maintaining it row by row.
    await sql`DROP INDEX IF EXISTS search_vectors_tsv_idx`.execute(db);
  },

  async endBulkLoad(db: Db): Promise<void> {
    await db.transaction().execute(async (tx) => {
      // The GIN build sorts its entries in memory; the default 64 MB makes it spill and take many times longer.
      await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(tx);
      await sql`CREATE INDEX IF NOT EXISTS search_vectors_tsv_idx ON search_vectors USING gin (tsv)`.execute(tx);
    });
    // Fresh statistics (the planner's choice between the GIN index and the key order depends on them) and the
    // visibility map (counts can then skip the table pages).
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
