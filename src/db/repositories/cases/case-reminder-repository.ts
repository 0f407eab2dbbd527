import type { Executor } from '../../schema.ts';

export interface CaseToRemind {
  id: string;
  tracking_code: string;
  received_on: string;
  due_on: string;
  assignee_id: string | null;
}

/**
 * An agency's running cases (the clock running: not paused, not awaiting 补正, not closed) due on or before
 * `dueBy`, leaving out those already reminded for their current due date: a due-soon one when any reminder for
 * that date exists, an overdue one (due before `today`) when its overdue reminder exists. The status index
 * (agency_id, status, due_sort) serves it.
 */
export async function casesToRemind(
  ex: Executor,
  agencyId: string,
  dueBy: string,
  today: string,
): Promise<CaseToRemind[]> {
  const rows = await ex
    .selectFrom('cases')
    .select(['cases.id', 'cases.tracking_code', 'cases.received_on', 'cases.due_on', 'cases.assignee_id'])
    .where('cases.agency_id', '=', agencyId)
    .where('cases.status', '=', 'inProgress')
    .where('cases.due_sort', '<=', dueBy)
    .where('cases.due_on', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_reminders as r')
            .select('r.case_id')
            .whereRef('r.case_id', '=', 'cases.id')
            .whereRef('r.due_on', '=', 'cases.due_on')
            .where((r) => r.or([r('r.kind', '=', 'overdue'), r('cases.due_on', '>=', today)])),
        ),
      ),
    )
    .orderBy('cases.due_sort')
    .orderBy('cases.id')
    .execute();
  return rows.map((r) => ({ ...r, due_on: r.due_on! }));
}

/** Records a reminder; false when it was already recorded (the primary key, not a prior SELECT, decides). */
export async function insertCaseReminderOnce(
  ex: Executor,
  row: { case_id: string; kind: string; due_on: string; created_at: string },
): Promise<boolean> {
  const r = await ex
    .insertInto('case_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'due_on', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
