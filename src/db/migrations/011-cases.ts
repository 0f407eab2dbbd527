import type { Kysely } from 'kysely';

/**
 * 依申请公开 (issue 7): one row per application (`cases`) with the columns lists and tables 3/4 need, and its
 * append-only history (`case_events`). The state machine is the pure core (src/core/cases): the events of kind
 * `state` are exactly the core's events, replayed to get the state; the case row caches what lists filter on
 * (status, due date, assignee, outcome row, dates) and is rewritten with every event under an optimistic
 * `version`. Personal data of the applicant is sealed (AES-256-GCM, key outside the database,
 * src/security/field-cipher.ts) with HMAC blind indexes beside it; see docs/cases.md.
 */
export function casesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.unique())
        .addColumn('applicant_type', 'text', (c) => c.notNull())
        .addColumn('applicant_masked', 'text', (c) => c.notNull())
        .addColumn('applicant_sealed', 'text', (c) => c.notNull())
        .addColumn('id_type', 'text', (c) => c.notNull())
        .addColumn('id_index', 'text', (c) => c.notNull())
        .addColumn('phone_index', 'text')
        .addColumn('data_key_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('request_norm', 'text', (c) => c.notNull())
        .addColumn('form_wanted', 'text', (c) => c.notNull())
        .addColumn('delivery_wanted', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text')
        .addColumn('assignee_id', 'text')
        .addColumn('outcome_kind', 'text')
        .addColumn('outcome_row', 'text')
        .addColumn('finished_on', 'text')
        .addColumn('last_appeal_on', 'text')
        .addColumn('appeals_json', 'text', (c) => c.notNull())
        .addColumn('approval_json', 'text')
        .addColumn('event_count', 'integer', (c) => c.notNull())
        .addColumn('is_demo', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The staff list: an agency's cases by status and due date (overdue / due soon), 50 per page.
      await db.schema
        .createIndex('cases_agency_status_due_idx')
        .on('cases')
        .columns(['agency_id', 'status', 'due_on', 'id'])
        .execute();
      await db.schema
        .createIndex('cases_agency_received_idx')
        .on('cases')
        .columns(['agency_id', 'received_on', 'id'])
        .execute();
      await db.schema
        .createIndex('cases_agency_finished_idx')
        .on('cases')
        .columns(['agency_id', 'finished_on'])
        .execute();
      await db.schema.createIndex('cases_assignee_idx').on('cases').columns(['assignee_id', 'status']).execute();
      // 按件 counting and 重复申请 detection find an applicant's earlier requests by the blind index.
      await db.schema.createIndex('cases_id_index_idx').on('cases').columns(['id_index', 'received_on']).execute();

      await db.schema
        .createTable('case_events')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('event_json', 'text')
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('to_applicant', 'integer', (c) => c.notNull())
        .addColumn('from_applicant', 'integer', (c) => c.notNull())
        .addColumn('blob_sha256', 'text')
        .addColumn('filename', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['case_events', 'cases']) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
