import type { Kysely } from 'kysely';

/**
 * The working-day calendar's administered data (docs/calendar.md): the State Council notices an administrator
 * entered (国务院办公厅关于XXXX年部分节假日安排的通知 — they take precedence over the shipped `chinese-days` data) and
 * local closures (本机关停止办公, e.g. 台风), for one agency's subtree or the whole site.
 *
 * - `calendar_notices`: every version ever entered, never updated or deleted: the current notice of a year is
 *   its highest `revision`; a revision with `withdrawn = 1` takes the year back to the shipped data. History
 *   is the table itself (and the audit log).
 * - `calendar_closures`: one row per closure; removing one sets `withdrawn_at`/`withdrawn_by` (kept for the
 *   history: a due date computed while it was in force can be explained later).
 */
export function calendarMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('calendar_notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('days_off', 'text', (c) => c.notNull())
        .addColumn('make_up_days', 'text', (c) => c.notNull())
        .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('entered_by', 'text', (c) => c.references('users.id').onDelete('restrict'))
        .addColumn('entered_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('calendar_notices_year_revision', ['year', 'revision'])
        .execute();
      await db.schema
        .createTable('calendar_closures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.references('agencies.id').onDelete('restrict'))
        .addColumn('date_from', 'text', (c) => c.notNull())
        .addColumn('date_to', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('restrict'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdrawn_by', 'text', (c) => c.references('users.id').onDelete('restrict'))
        .execute();
      await db.schema
        .createIndex('calendar_closures_agency_idx')
        .on('calendar_closures')
        .columns(['agency_id', 'date_from'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['calendar_closures', 'calendar_notices']) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
