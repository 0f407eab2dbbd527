import { sql } from 'kysely';
import { dialectOf } from '../../dialect-of.ts';
import type { Executor } from '../../schema.ts';

/** Records that a worker is alive (insert on first beat). */
export async function beatJobWorker(ex: Executor, workerId: string, host: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await ex
    .insertInto('job_workers')
    .values({ worker_id: workerId, host, started_at: at, last_seen_at: at })
    .onConflict((oc) => oc.column('worker_id').doUpdateSet({ last_seen_at: at }))
    .execute();
}

export async function removeJobWorker(ex: Executor, workerId: string): Promise<void> {
  await ex.deleteFrom('job_workers').where('worker_id', '=', workerId).execute();
}

/**
 * Releases the jobs of workers that stopped beating before `staleBefore` (a killed process), and old locks of
 * holders no live worker row knows (a process killed before its first beat), then forgets those workers.
 * Returns the workers released.
 */
export async function releaseDeadJobWorkers(ex: Executor, staleBefore: Date): Promise<string[]> {
  const stale = await ex
    .selectFrom('job_workers')
    .select('worker_id')
    .where('last_seen_at', '<', staleBefore.toISOString())
    .execute();
  const live = ex.selectFrom('job_workers').select('worker_id').where('last_seen_at', '>=', staleBefore.toISOString());
  let orphans: string[];
  if (dialectOf(ex) === 'postgres') {
    const r = await sql<{ locked_by: string }>`select distinct locked_by from graphile_worker._private_jobs
      where locked_by is not null and locked_at < ${staleBefore.toISOString()}::timestamptz
        and locked_by not in (${live})`.execute(ex);
    orphans = r.rows.map((row) => row.locked_by);
  } else {
    const rows = await ex
      .selectFrom('jobs')
      .select('locked_by')
      .distinct()
      .where('locked_by', 'is not', null)
      .where('locked_at', '<', staleBefore.toISOString())
      .where('locked_by', 'not in', live)
      .execute();
    orphans = rows.map((row) => row.locked_by!);
  }
  const dead = [...new Set([...stale.map((s) => s.worker_id), ...orphans])];
  if (dead.length === 0) return [];
  if (dialectOf(ex) === 'postgres') {
    await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(ex);
  } else {
    await ex.updateTable('jobs').set({ locked_at: null, locked_by: null }).where('locked_by', 'in', dead).execute();
  }
  await ex.deleteFrom('job_workers').where('worker_id', 'in', dead).execute();
  return dead;
}

/** True for the one caller that claims `task` for `period` (several app servers, one run per period). */
export async function claimSchedulePeriod(ex: Executor, task: string, period: number, now: Date): Promise<boolean> {
  const row = await ex
    .insertInto('job_schedule_runs')
    .values({ task, period, started_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['task', 'period']).doNothing())
    .returning('task')
    .executeTakeFirst();
  return row !== undefined;
}

export async function forgetSchedulePeriodsBefore(ex: Executor, task: string, period: number): Promise<void> {
  await ex.deleteFrom('job_schedule_runs').where('task', '=', task).where('period', '<', period).execute();
}
