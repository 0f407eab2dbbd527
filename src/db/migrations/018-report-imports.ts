import type { Kysely } from 'kysely';

/**
 * Imports of published reports (issue 9 item 6): every file of an upload (or entry of an uploaded ZIP) is a row
 * processed by the `reports.import` job. A row's status changes in the same transaction that stores its report,
 * so a job restarted after a crash continues with the rows still pending and stores each report once.
 */
export function reportImportsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('report_import_files')
        .addColumn('task_id', 'text', (c) => c.notNull().references('background_tasks.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('blob_sha256', 'text', (c) => c.notNull())
        .addColumn('zip_entry', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('report_id', 'text')
        .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_import_files_pk', ['task_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('report_import_files_status_idx')
        .on('report_import_files')
        .columns(['task_id', 'status'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('report_import_files').ifExists().execute();
    },
  };
}
