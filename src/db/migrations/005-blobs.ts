import type { Kysely } from 'kysely';
import type { Dialect } from '../open-database.ts';

/**
 * Files (application attachments, item attachments, imported reports) as content-addressed blobs in the
 * database, so that several app servers on one PostgreSQL see the same files and a backup of the database is
 * a backup of the files. A blob is stored as chunks (`blob_chunks`) written while the upload streams in, then
 * published by one short transaction that inserts its `blobs` row keyed by SHA-256: identical content is kept
 * once, and a blob is never visible half-written. See src/db/repositories/files/.
 *
 * Also the shared generation counters of the page cache (`cache_generations`): one row per scope, bumped when
 * what the cached pages show changes, read by every app server at most once a second.
 */
export function blobsMigration(dialect: Dialect) {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('content_id', 'text', (c) => c.notNull().unique())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('chunk_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('blob_chunks')
        .addColumn('content_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('data', bytes, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('blob_chunks_pk', ['content_id', 'seq'])
        .execute();
      // Sweeping chunks of uploads that never finished looks them up by age.
      await db.schema.createIndex('blob_chunks_created_idx').on('blob_chunks').column('created_at').execute();

      await db.schema
        .createTable('cache_generations')
        .addColumn('scope', 'text', (c) => c.primaryKey())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['cache_generations', 'blob_chunks', 'blobs']) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
