import type { Kysely } from 'kysely';

/**
 * Deadline reminders of cases already sent (docs/cases.md): one per case, kind (dueSoon / overdue) and due date,
 * so that the periodic task may run as often as it likes — and on every app server — without reminding twice,
 * while a due date that moved (extension, calendar change, 补正 restarting the period) is reminded again.
 */
export function caseRemindersMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('case_reminders')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_reminders_pk', ['case_id', 'due_on', 'kind'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('case_reminders').ifExists().execute();
    },
  };
}
