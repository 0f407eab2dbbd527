import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open-database.ts';

/**
 * Chinese full-text search of published items (docs/search.md).
 *
 * `search_documents` keeps what a result shows (title, body and attachment text for snippets, metadata) keyed by
 * the item id, and `sort_key` — the order of results within a relevance tier (newest first). The index itself is
 * dialect-specific and holds only tokens made by src/search/index-tokens.ts:
 * - SQLite: an FTS5 table whose rowid is sort_key; contentless (the text is in search_documents) with
 *   contentless_delete so that a withdrawn or revised item leaves the index. unicode61 only splits the
 *   space-separated tokens we give it; detail=full keeps positions for phrases.
 * - PostgreSQL: `search_vectors` (sort_key, two tsvectors built by the app — no zhparser/pg_jieba needed, any
 *   locale), each with a GIN index: `head` (title, 文号, 索引号, title words, filters: small, stays in the row, cheap
 *   to check) and `body` (body and attachments: large, compressed out of line with lz4 where the server has it).
 *
 * No foreign key to agencies: the index is derived data, rebuilt from the published items; the publication module
 * removes an item's entry when it withdraws or deletes the item.
 */
export function searchIndexMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('search_documents')
        .addColumn('doc_id', 'text', (c) => c.primaryKey())
        .addColumn('sort_key', 'bigint', (c) => c.notNull().unique())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('agency_path', 'text', (c) => c.notNull())
        .addColumn('catalogue', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('index_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        // JSON array of {name, text}.
        .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('published_date', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .execute();
      if (dialect === 'sqlite') {
        await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
            tokens, content='', contentless_delete=1, detail=full, tokenize='unicode61 remove_diacritics 0')`.execute(
          db,
        );
      } else {
        await db.schema
          .createTable('search_vectors')
          .addColumn('sort_key', 'bigint', (c) => c.primaryKey())
          .addColumn('head', sql`tsvector`, (c) => c.notNull())
          .addColumn('body', sql`tsvector`, (c) => c.notNull())
          .execute();
        // lz4 decompresses several times faster than the default pglz; servers built without it keep pglz.
        await sql`DO $$ BEGIN
            ALTER TABLE search_vectors ALTER COLUMN body SET COMPRESSION lz4;
          EXCEPTION WHEN OTHERS THEN NULL; END $$`.execute(db);
        await sql`CREATE INDEX search_vectors_head_idx ON search_vectors USING gin (head)`.execute(db);
        await sql`CREATE INDEX search_vectors_body_idx ON search_vectors USING gin (body)`.execute(db);
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') await sql`DROP TABLE search_fts`.execute(db);
      else await db.schema.dropTable('search_vectors').execute();
      await db.schema.dropTable('search_documents').execute();
    },
  };
}
