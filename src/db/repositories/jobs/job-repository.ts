import { sql } from 'kysely';
import { dialectOf } from '../../dialect-of.ts';
import type { Executor, JobRow } from '../../schema.ts';

/** A unit of background work. `payload` must be JSON; handlers validate it. */
export interface JobSpec {
  task: string;
  payload: Record<string, unknown>;
  /** Not before this moment (default: now). */
  runAt?: Date;
  /** Deduplication: enqueueing again with the same key replaces the job that has not started yet. */
  key?: string;
  maxAttempts?: number;
}

const defaultMaxAttempts = 10;

/**
 * Enqueues a job in the caller's transaction — the transactional outbox: the job exists if and only if the
 * business change that asked for it is committed. On PostgreSQL through graphile-worker's `add_job`, on SQLite
 * into the `jobs` table; both give the same semantics for keys (replace a job that has not started; a running
 * job keeps running and a new one is queued).
 */
export async function enqueueJob(ex: Executor, spec: JobSpec): Promise<void> {
  const payload = JSON.stringify(spec.payload);
  const maxAttempts = spec.maxAttempts ?? defaultMaxAttempts;
  if (dialectOf(ex) === 'postgres') {
    await sql`select graphile_worker.add_job(${spec.task}, ${payload}::json,
      run_at => ${spec.runAt?.toISOString() ?? null}::timestamptz, max_attempts => ${maxAttempts}::int,
      job_key => ${spec.key ?? null}::text)`.execute(ex);
    return;
  }
  const runAt = (spec.runAt ?? new Date()).toISOString();
  if (spec.key !== undefined) {
    // A running job with this key finishes as it is; the new one is queued beside it.
    await ex
      .updateTable('jobs')
      .set({ key: null })
      .where('key', '=', spec.key)
      .where('locked_at', 'is not', null)
      .execute();
  }
  await ex
    .insertInto('jobs')
    .values({
      task: spec.task,
      payload,
      run_at: runAt,
      attempts: 0,
      max_attempts: maxAttempts,
      key: spec.key ?? null,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        task: spec.task,
        payload,
        run_at: runAt,
        max_attempts: maxAttempts,
        attempts: 0,
        last_error: null,
      }),
    )
    .execute();
}

/** SQLite: takes the next due job of the given tasks for `workerId`, in one atomic statement. */
export async function claimSqliteJob(
  ex: Executor,
  workerId: string,
  tasks: readonly string[],
  now: Date,
): Promise<JobRow | undefined> {
  if (tasks.length === 0) return undefined;
  const nowIso = now.toISOString();
  return ex
    .updateTable('jobs')
    .set((eb) => ({ locked_by: workerId, locked_at: nowIso, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      '=',
      ex
        .selectFrom('jobs')
        .select('id')
        .where('locked_at', 'is', null)
        .where('run_at', '<=', nowIso)
        .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
        .where('task', 'in', tasks)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1),
    )
    .where('locked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function completeSqliteJob(ex: Executor, id: number): Promise<void> {
  await ex.deleteFrom('jobs').where('id', '=', id).execute();
}

/** A failed attempt: unlocked and retried at `retryAt`, or left for inspection once attempts are used up. */
export async function failSqliteJob(ex: Executor, id: number, error: string, retryAt: Date): Promise<void> {
  await ex
    .updateTable('jobs')
    .set({ locked_at: null, locked_by: null, last_error: error.slice(0, 4000), run_at: retryAt.toISOString() })
    .where('id', '=', id)
    .execute();
}

export interface QueueCounts {
  waiting: number;
  running: number;
  failed: number;
}

/** What is in the queue, for health pages and tests (both databases). */
export async function queueCounts(ex: Executor): Promise<QueueCounts> {
  if (dialectOf(ex) === 'postgres') {
    const r = await sql<{ waiting: string; running: string; failed: string }>`select
        count(*) filter (where locked_at is null and attempts < max_attempts) as waiting,
        count(*) filter (where locked_at is not null) as running,
        count(*) filter (where locked_at is null and attempts >= max_attempts) as failed
      from graphile_worker._private_jobs`.execute(ex);
    const row = r.rows[0];
    return { waiting: Number(row?.waiting ?? 0), running: Number(row?.running ?? 0), failed: Number(row?.failed ?? 0) };
  }
  const row = await ex
    .selectFrom('jobs')
    .select((eb) => [
      eb.fn.sum<number>(sql`case when locked_at is null and attempts < max_attempts then 1 else 0 end`).as('waiting'),
      eb.fn.sum<number>(sql`case when locked_at is not null then 1 else 0 end`).as('running'),
      eb.fn.sum<number>(sql`case when locked_at is null and attempts >= max_attempts then 1 else 0 end`).as('failed'),
    ])
    .executeTakeFirst();
  return { waiting: Number(row?.waiting ?? 0), running: Number(row?.running ?? 0), failed: Number(row?.failed ?? 0) };
}
