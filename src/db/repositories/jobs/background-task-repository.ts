import type { BackgroundTaskRow, Executor } from '../../schema.ts';

export type BackgroundTaskStatus = 'queued' | 'running' | 'done' | 'failed';

export interface NewBackgroundTask {
  id: string;
  kind: string;
  agencyId: string | null;
  createdBy: string | null;
  title: string;
  total: number;
  input: unknown;
  now: Date;
}

export async function insertBackgroundTask(ex: Executor, t: NewBackgroundTask): Promise<void> {
  const at = t.now.toISOString();
  await ex
    .insertInto('background_tasks')
    .values({
      id: t.id,
      kind: t.kind,
      agency_id: t.agencyId,
      created_by: t.createdBy,
      title: t.title,
      status: 'queued',
      total: t.total,
      done: 0,
      failed: 0,
      message: '',
      input_json: JSON.stringify(t.input ?? {}),
      result_json: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Adds to the counters atomically (several workers may report on one task). */
export async function addBackgroundTaskProgress(
  ex: Executor,
  id: string,
  delta: { done?: number; failed?: number },
  now: Date,
): Promise<void> {
  await ex
    .updateTable('background_tasks')
    .set((eb) => ({
      done: eb('done', '+', delta.done ?? 0),
      failed: eb('failed', '+', delta.failed ?? 0),
      status: 'running',
      updated_at: now.toISOString(),
    }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

export async function finishBackgroundTask(
  ex: Executor,
  id: string,
  outcome: { status: 'done' | 'failed'; message: string; result?: unknown },
  now: Date,
): Promise<void> {
  await ex
    .updateTable('background_tasks')
    .set({
      status: outcome.status,
      message: outcome.message,
      result_json: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function findBackgroundTask(ex: Executor, id: string): Promise<BackgroundTaskRow | undefined> {
  return ex.selectFrom('background_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listBackgroundTasks(
  ex: Executor,
  filter: { agencyIds: readonly string[] | 'all'; kind?: string; limit: number },
): Promise<BackgroundTaskRow[]> {
  let q = ex.selectFrom('background_tasks').selectAll();
  if (filter.agencyIds !== 'all') {
    if (filter.agencyIds.length === 0) return [];
    q = q.where('agency_id', 'in', filter.agencyIds);
  }
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return q.orderBy('created_at', 'desc').limit(filter.limit).execute();
}
