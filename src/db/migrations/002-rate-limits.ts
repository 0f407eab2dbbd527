import type { Kysely } from 'kysely';

/**
 * Rate-limit counters in the database, so that several app servers behind nginx share them (a limit kept in each
 * process's memory would give an attacker N times the limit). One row per key: the current fixed window and its
 * hit count.
 */
export function rateLimitMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rate_limit_windows')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_no', 'integer', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rate_limit_windows_window_no')
        .on('rate_limit_windows')
        .column('window_no')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('rate_limit_windows').execute();
    },
  };
}
