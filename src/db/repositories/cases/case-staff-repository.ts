import type { Executor } from '../../schema.ts';

export interface CaseStaffRow {
  id: string;
  display_name: string;
  login: string;
  agency_id: string;
  roles: string;
  /** The person's own address for reminders ('' when none). */
  email: string;
}

/** Active staff of an agency (assignment, the approval chain's people). */
export async function staffOfAgency(ex: Executor, agencyId: string): Promise<CaseStaffRow[]> {
  return ex
    .selectFrom('users')
    .select(['id', 'display_name', 'login', 'agency_id', 'roles', 'email'])
    .where('agency_id', '=', agencyId)
    .where('disabled', '=', 0)
    .orderBy('login')
    .execute();
}

/** Every active staff member (the demo seed assigns its cases). */
export async function allStaff(ex: Executor): Promise<CaseStaffRow[]> {
  return ex
    .selectFrom('users')
    .select(['id', 'display_name', 'login', 'agency_id', 'roles', 'email'])
    .where('disabled', '=', 0)
    .orderBy('login')
    .execute();
}
