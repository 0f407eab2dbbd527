import type { Kysely } from 'kysely';

/**
 * A staff member's own e-mail address (optional, '' when none): deadline reminders of their cases and of the
 * annual report reach the person, not only the agency's shared mailbox (docs/notifications.md).
 */
export function userEmailMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('users')
        .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('users').dropColumn('email').execute();
    },
  };
}
