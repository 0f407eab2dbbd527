import type { Kysely } from 'kysely';

/**
 * Cases at district scale (issue 7: 200 agencies, 1 000 000 cases; measured in docs/benchmarks.md).
 * - The supervising office's list (条例第九条 supervision of the whole subtree) filters by the agencies' path,
 *   not one agency_id, so the agency-led list indexes cannot give it its first page in order: it sorted every case
 *   of the subtree with the status (≈1 s at 1 000 000). The same orders without the agency let it walk the index
 *   and stop after 50 rows — the subtree is most of the database wherever a supervisor works.
 * - Tables 3 and 4 need the cases not finished before the year; led by the finish date, the covering index reads
 *   those (the year's answers and the open cases) instead of every case received since the agency began.
 */
export function caseScaleIndexesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('cases_open_due_idx').on('cases').columns(['open_rank', 'due_sort', 'id']).execute();
      await db.schema.createIndex('cases_status_due_idx').on('cases').columns(['status', 'due_sort', 'id']).execute();
      await db.schema
        .createIndex('cases_agency_finished_idx')
        .on('cases')
        .columns(['agency_id', 'finished_on', 'received_on', 'applicant_type', 'outcome_row'])
        .execute();
      await db.schema.dropIndex('cases_agency_tables_idx').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('cases_agency_tables_idx')
        .on('cases')
        .columns(['agency_id', 'received_on', 'finished_on', 'applicant_type', 'outcome_row'])
        .execute();
      for (const name of ['cases_agency_finished_idx', 'cases_status_due_idx', 'cases_open_due_idx'])
        await db.schema.dropIndex(name).execute();
    },
  };
}
