import type { Kysely } from 'kysely';

/**
 * Agencies' own notice templates (docs/notice-templates.md): every saved version of an agency's copy of a template
 * (src/core/notices ids: receipt, correction, granted, …), never updated or deleted. The highest `revision` of an
 * (agency, template) is in force; one with `reverted = 1` takes the agency back to the default template.
 */
export function noticeTemplatesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notice_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('addressee', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('attachments', 'text', (c) => c.notNull())
        .addColumn('reverted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('restrict'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('notice_templates_revision', ['agency_id', 'template_id', 'revision'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('notice_templates').ifExists().execute();
    },
  };
}
