import type { Kysely } from 'kysely';

/**
 * Annual reports (issue 9, docs/reports.md): one report per agency and year (条例第四十九条), kept as the
 * `gongkai.report/1` JSON with its latest findings, workflow state (draft → submitted → returned | cleared →
 * published), deadline and late flag; the supervising office's comments; acknowledgements of warnings with a
 * reason; table 2's monthly business counts (行政许可/处罚/强制/收费, which live in other systems); and the
 * deadline reminders already sent.
 */
export function reportsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('annual_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('report_json', 'text', (c) => c.notNull())
        .addColumn('findings_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('content_hash', 'text', (c) => c.unique())
        .addColumn('source_name', 'text')
        .addColumn('source_sha256', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('cleared_at', 'text')
        .addColumn('published_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('annual_reports_agency_year', ['agency_id', 'year'])
        .execute();
      await db.schema.createIndex('annual_reports_year_idx').on('annual_reports').columns(['year', 'state']).execute();

      await db.schema
        .createTable('report_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id').onDelete('cascade'))
        .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('report_comments_report_idx').on('report_comments').column('report_id').execute();

      await db.schema
        .createTable('report_acknowledgements')
        .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id').onDelete('cascade'))
        .addColumn('finding_key', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_acknowledgements_pk', ['report_id', 'finding_key'])
        .execute();

      await db.schema
        .createTable('business_counts')
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('month', 'integer', (c) => c.notNull())
        .addColumn('licensing', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('punishment', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('enforcement', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('fees_fen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('business_counts_pk', ['agency_id', 'year', 'month'])
        .execute();

      await db.schema
        .createTable('report_reminders')
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_reminders_pk', ['agency_id', 'year', 'kind'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of [
        'report_reminders',
        'business_counts',
        'report_acknowledgements',
        'report_comments',
        'annual_reports',
      ])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
