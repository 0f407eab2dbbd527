import type { CalendarClosureRow, CalendarNoticeRow, Executor } from '../../schema.ts';

export type NoticeWithAuthor = CalendarNoticeRow & { entered_by_name: string | null };

/** Every entered notice version (of one year, or all), newest first, with the name of who entered it. */
export async function listCalendarNotices(ex: Executor, year?: number): Promise<NoticeWithAuthor[]> {
  let q = ex
    .selectFrom('calendar_notices as n')
    .leftJoin('users as u', 'u.id', 'n.entered_by')
    .selectAll('n')
    .select('u.display_name as entered_by_name');
  if (year !== undefined) q = q.where('n.year', '=', year);
  return q.orderBy('n.year', 'desc').orderBy('n.revision', 'desc').execute();
}

/** The version in force for each year that has one (the highest revision), withdrawn ones included. */
export async function currentCalendarNotices(ex: Executor): Promise<CalendarNoticeRow[]> {
  return ex
    .selectFrom('calendar_notices as n')
    .selectAll('n')
    .where(({ eb, selectFrom }) =>
      eb(
        'n.revision',
        '=',
        selectFrom('calendar_notices as m')
          .select((m) => m.fn.max('m.revision').as('r'))
          .whereRef('m.year', '=', 'n.year'),
      ),
    )
    .orderBy('n.year')
    .execute();
}

export async function latestNoticeRevision(ex: Executor, year: number): Promise<number> {
  const r = await ex
    .selectFrom('calendar_notices')
    .select((eb) => eb.fn.max('revision').as('r'))
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(r?.r ?? 0);
}

export async function insertCalendarNotice(ex: Executor, row: CalendarNoticeRow): Promise<void> {
  await ex.insertInto('calendar_notices').values(row).execute();
}

/** A closure with the materialised path of its agency (null for the whole site). */
export type ClosureWithPath = CalendarClosureRow & { agency_path: string | null; agency_name: string | null };

/** Closures, newest first; `activeOnly` leaves out the withdrawn ones. */
export async function listCalendarClosures(ex: Executor, activeOnly: boolean): Promise<ClosureWithPath[]> {
  let q = ex
    .selectFrom('calendar_closures as c')
    .leftJoin('agencies as a', 'a.id', 'c.agency_id')
    .selectAll('c')
    .select(['a.path as agency_path', 'a.name as agency_name']);
  if (activeOnly) q = q.where('c.withdrawn_at', 'is', null);
  return q.orderBy('c.date_from', 'desc').orderBy('c.created_at', 'desc').execute();
}

export async function findCalendarClosure(ex: Executor, id: string): Promise<ClosureWithPath | undefined> {
  return ex
    .selectFrom('calendar_closures as c')
    .leftJoin('agencies as a', 'a.id', 'c.agency_id')
    .selectAll('c')
    .select(['a.path as agency_path', 'a.name as agency_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function insertCalendarClosure(ex: Executor, row: CalendarClosureRow): Promise<void> {
  await ex.insertInto('calendar_closures').values(row).execute();
}

/** Marks a closure withdrawn unless it already is; false when it was (a replayed form). */
export async function withdrawCalendarClosure(ex: Executor, id: string, by: string, at: string): Promise<boolean> {
  const r = await ex
    .updateTable('calendar_closures')
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether an enabled system administrator account sits in one of these agencies (the actor's ancestors). */
export async function sysadminInAgencies(ex: Executor, agencyIds: string[]): Promise<boolean> {
  if (agencyIds.length === 0) return false;
  const r = await ex
    .selectFrom('users')
    .select('id')
    .where('agency_id', 'in', agencyIds)
    .where('disabled', '=', 0)
    .where('roles', 'like', '%"sysadmin"%')
    .executeTakeFirst();
  return r !== undefined;
}
