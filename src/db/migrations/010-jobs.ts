import type { Kysely } from 'kysely';
import type { Dialect } from '../open-database.ts';

/**
 * Background work that survives restarts (src/jobs).
 *
 * - `jobs`: the queue on SQLite. On PostgreSQL the queue is graphile-worker's own schema (created by its
 *   migrations at start), so the table is only created on SQLite.
 * - `job_workers`: a heartbeat per running worker on both databases. A worker that stopped beating (a killed
 *   process) has its locked jobs released, so a restart loses no work.
 * - `job_schedule_runs`: one row per periodic task and period, so that several app servers start a periodic
 *   task (reminders, sweeps) once per period.
 * - `background_tasks`: long-running work a person waits for (an import of 1,000 reports), with its progress.
 */
export function jobsMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') {
        await db.schema
          .createTable('jobs')
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('task', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('run_at', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(25))
          .addColumn('last_error', 'text')
          .addColumn('key', 'text', (c) => c.unique())
          .addColumn('locked_at', 'text')
          .addColumn('locked_by', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('jobs_available_idx').on('jobs').columns(['locked_at', 'run_at']).execute();
      }
      await db.schema
        .createTable('job_workers')
        .addColumn('worker_id', 'text', (c) => c.primaryKey())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('job_schedule_runs')
        .addColumn('task', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('job_schedule_runs_pk', ['task', 'period'])
        .execute();
      await db.schema
        .createTable('background_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.references('agencies.id').onDelete('restrict'))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('input_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('result_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('background_tasks_agency_idx')
        .on('background_tasks')
        .columns(['agency_id', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['background_tasks', 'job_schedule_runs', 'job_workers', 'jobs'])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
