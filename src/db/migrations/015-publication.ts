import type { Kysely } from 'kysely';

/**
 * 主动公开 (issue 8, docs/publication.md): the agency's publication settings (公开目录, review chain, own 错敏词,
 * 索引号 granularity, webhook), the items with their metadata, revisions, attachments (blob ids) and review steps,
 * the 索引号 counters, the register of documents with their 公开属性 (信息公开属性源头认定), and the staff replies
 * that turn 留言/纠错 into a ledger.
 *
 * 索引号 uniqueness is the database's job: `publication_index_counters` hands out serials with one atomic upsert
 * in the publishing transaction, and `publication_items.index_number` is UNIQUE, so two app servers can never
 * store the same number.
 */
export function publicationMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('publication_settings')
        .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
        .addColumn('catalogue', 'text', (c) => c.notNull())
        .addColumn('review_steps', 'text', (c) => c.notNull())
        .addColumn('wording', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('index_granularity', 'text', (c) => c.notNull().defaultTo('year'))
        .addColumn('webhook_url', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('webhook_secret', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('publication_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('catalogue', 'text', (c) => c.notNull())
        .addColumn('normative_kind', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('index_number', 'text', (c) => c.unique())
        .addColumn('written_on', 'text')
        .addColumn('changed_on', 'text')
        .addColumn('published_on', 'text')
        .addColumn('published_at', 'text')
        .addColumn('publish_at', 'text')
        .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('publisher', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('validity_status', 'text', (c) => c.notNull().defaultTo('in_force'))
        .addColumn('effective_from', 'text')
        .addColumn('valid_until', 'text')
        .addColumn('ended_on', 'text')
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('interprets_id', 'text')
        .addColumn('replaces_id', 'text')
        .addColumn('document_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('review_round', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('review_step', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('secrecy_confirmed_by', 'text')
        .addColumn('secrecy_confirmed_at', 'text')
        .addColumn('check_override', 'text')
        .addColumn('check_override_by', 'text')
        .addColumn('withdrawn_reason', 'text')
        .addColumn('withdrawn_at', 'text')
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createIndex('publication_items_list_idx')
        .on('publication_items')
        .columns(['agency_id', 'status', 'published_on'])
        .execute();
      await db.schema
        .createIndex('publication_items_catalogue_idx')
        .on('publication_items')
        .columns(['status', 'catalogue', 'published_on'])
        .execute();

      await db.schema
        .createTable('publication_revisions')
        .addColumn('item_id', 'text', (c) => c.notNull().references('publication_items.id'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('actor_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('publication_revisions_pk', ['item_id', 'revision'])
        .execute();

      await db.schema
        .createTable('publication_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull().references('publication_items.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('blob_sha256', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('publication_attachments_item_idx')
        .on('publication_attachments')
        .column('item_id')
        .execute();

      await db.schema
        .createTable('publication_reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull().references('publication_items.id'))
        .addColumn('round', 'integer', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('step_name', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('override_reason', 'text')
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('publication_reviews_item_idx').on('publication_reviews').column('item_id').execute();
      // One decision per step of a round: a double submit or two reviewers at once cannot both pass a step.
      await db.schema
        .createIndex('publication_reviews_step_uq')
        .on('publication_reviews')
        .columns(['item_id', 'round', 'step'])
        .unique()
        .execute();

      await db.schema
        .createTable('publication_index_counters')
        .addColumn('counter_key', 'text', (c) => c.primaryKey())
        .addColumn('last_serial', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('publication_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('written_on', 'text', (c) => c.notNull())
        .addColumn('attribute', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('publication_documents_agency_idx')
        .on('publication_documents')
        .columns(['agency_id', 'written_on'])
        .execute();

      await db.schema
        .createTable('submission_replies')
        .addColumn('submission_id', 'text', (c) => c.primaryKey().references('public_submissions.id'))
        .addColumn('reply', 'text', (c) => c.notNull())
        .addColumn('replied_by', 'text', (c) => c.notNull())
        .addColumn('replied_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of [
        'submission_replies',
        'publication_documents',
        'publication_index_counters',
        'publication_reviews',
        'publication_attachments',
        'publication_revisions',
        'publication_items',
        'publication_settings',
      ])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
