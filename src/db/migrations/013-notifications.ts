import type { Kysely } from 'kysely';

/**
 * Notifications (docs/notifications.md): what a person sees in the back office (`notifications`, one row per
 * recipient user) and what is sent outside (`notification_outbox`: one row per message and channel, written in
 * the same transaction as the event that caused it and delivered by the job `notifications.deliver`).
 *
 * After a message is delivered its recipient address is replaced by a masked form: the outbox does not keep a
 * list of applicants' e-mail addresses and phone numbers.
 */
export function notificationsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('agency_id', 'text', (c) => c.references('agencies.id').onDelete('set null'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema
        .createIndex('notifications_user_idx')
        .on('notifications')
        .columns(['user_id', 'read_at', 'created_at'])
        .execute();
      await db.schema
        .createTable('notification_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('notification_id', 'text', (c) => c.references('notifications.id').onDelete('set null'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema
        .createIndex('notification_outbox_status_idx')
        .on('notification_outbox')
        .columns(['status', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['notification_outbox', 'notifications']) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
