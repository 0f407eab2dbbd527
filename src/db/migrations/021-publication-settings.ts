import type { Kysely } from 'kysely';

/**
 * Publication settings edited by the agency's administrators (issue 8; docs/publication.md, "Settings"):
 *
 * - `publication_items.review_chain`: the review chain an item entered review with (JSON `ReviewStep[]`), so a
 *   change of the agency's chain never reshapes an item already in review — its remaining steps, their names and
 *   who may decide them stay as they were when it was submitted. NULL for items never submitted since.
 * - `publication_settings.webhook_enabled`: the webhook can be switched off without forgetting its URL and secret
 *   (1 = on, the behaviour before this migration for an agency that had a URL).
 */
export function publicationSettingsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('publication_items').addColumn('review_chain', 'text').execute();
      await db.schema
        .alterTable('publication_settings')
        .addColumn('webhook_enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('publication_settings').dropColumn('webhook_enabled').execute();
      await db.schema.alterTable('publication_items').dropColumn('review_chain').execute();
    },
  };
}
