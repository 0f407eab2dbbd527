import { sql } from 'kysely';
import { AppError } from '../../../core/platform/app-error.ts';
import type { AccountRequestRow, Executor } from '../../schema.ts';
import { likePrefix, type AgencyFilter } from './agency-filter.ts';

export type NewAccountRequest = Omit<AccountRequestRow, 'decided_by' | 'decided_at' | 'code_used_at'>;

/** The request with what a person needs to decide it: the account and its agency, the requester. */
export type AccountRequestView = AccountRequestRow & {
  login: string;
  display_name: string;
  user_agency_id: string;
  user_agency_path: string;
  user_agency_name: string;
  user_roles: string;
  requester_label: string | null;
};

/**
 * Inserts a new request, first marking a pending one of the same kind for the same account superseded — in the
 * caller's transaction; the partial unique index refuses a second pending request if two run at once.
 */
export async function insertAccountRequest(ex: Executor, row: NewAccountRequest): Promise<AccountRequestRow> {
  await ex
    .updateTable('account_requests')
    .set({ status: 'superseded', decided_at: row.requested_at })
    .where('user_id', '=', row.user_id)
    .where('kind', '=', row.kind)
    .where('status', '=', 'pending')
    .execute();
  try {
    return await ex
      .insertInto('account_requests')
      .values({ ...row, decided_by: null, decided_at: null, code_used_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (e) {
    // The partial unique index: another administrator filed a request for this account at the same moment.
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '该账号已有另一项待批准的申请，请刷新后重试');
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Withdraws every live code of an account (a new one is being issued, or the account changes hands). */
export async function retireCodes(ex: Executor, userId: string, atIso: string): Promise<void> {
  await ex
    .updateTable('account_requests')
    .set({ code_expires_at: atIso })
    .where('user_id', '=', userId)
    .where('code_used_at', 'is', null)
    .where('code_expires_at', '>', atIso)
    .execute();
}

export async function findAccountRequest(ex: Executor, id: string): Promise<AccountRequestView | undefined> {
  return requestQuery(ex).where('account_requests.id', '=', id).executeTakeFirst();
}

export async function listPendingAccountRequests(ex: Executor, filter: AgencyFilter): Promise<AccountRequestView[]> {
  if (filter.kind === 'none') return [];
  let q = requestQuery(ex).where('account_requests.status', '=', 'pending');
  if (filter.kind === 'agency') q = q.where('u.agency_id', '=', filter.agencyId);
  if (filter.kind === 'subtree') q = q.where('ua.path', 'like', sql<string>`${likePrefix(filter.path)} ESCAPE '\\'`);
  return q.orderBy('account_requests.requested_at').execute();
}

/** The pending request of the given kind for an account, if any. */
export async function findPendingRequestOf(
  ex: Executor,
  userId: string,
  kind: string,
): Promise<AccountRequestRow | undefined> {
  return ex
    .selectFrom('account_requests')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Kinds of the pending requests of each of these accounts (for lists). */
export async function pendingKindsByUser(ex: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await ex
    .selectFrom('account_requests')
    .select(['user_id', 'kind'])
    .where('status', '=', 'pending')
    .where('user_id', 'in', userIds)
    .execute();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.kind]);
  return out;
}

/** Decides a pending request; false if it was no longer pending (decided by someone else meanwhile). */
export async function decideAccountRequest(
  ex: Executor,
  id: string,
  decision: {
    status: 'approved' | 'rejected';
    decided_by: string;
    decided_at: string;
    code2_hash?: string | null;
    code_expires_at?: string | null;
  },
): Promise<boolean> {
  const r = await ex
    .updateTable('account_requests')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The code an account may activate with now: approved, both halves set, not used, not expired. */
export async function findLiveCode(
  ex: Executor,
  userId: string,
  nowIso: string,
): Promise<AccountRequestRow | undefined> {
  return ex
    .selectFrom('account_requests')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'approved')
    .where('code1_hash', 'is not', null)
    .where('code2_hash', 'is not', null)
    .where('code_used_at', 'is', null)
    .where('code_expires_at', '>', nowIso)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
}

/** Uses the code once: true for exactly one caller, even if two submit it at the same moment. */
export async function useCode(ex: Executor, id: string, nowIso: string): Promise<boolean> {
  const r = await ex
    .updateTable('account_requests')
    .set({ code_used_at: nowIso })
    .where('id', '=', id)
    .where('code_used_at', 'is', null)
    .where('code_expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

function requestQuery(ex: Executor) {
  return ex
    .selectFrom('account_requests')
    .innerJoin('users as u', 'u.id', 'account_requests.user_id')
    .innerJoin('agencies as ua', 'ua.id', 'u.agency_id')
    .leftJoin('users as r', 'r.id', 'account_requests.requested_by')
    .selectAll('account_requests')
    .select([
      'u.login as login',
      'u.display_name as display_name',
      'u.agency_id as user_agency_id',
      'ua.path as user_agency_path',
      'ua.name as user_agency_name',
      'u.roles as user_roles',
      'r.display_name as requester_label',
    ]);
}
