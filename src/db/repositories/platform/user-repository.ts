import { sql } from 'kysely';
import type { Executor, NewUserRow, UserRow } from '../../schema.ts';
import { likePrefix, type AgencyFilter } from './agency-filter.ts';

export type UserWithAgency = UserRow & { agency_name: string; agency_path: string };

export async function findUser(ex: Executor, id: string): Promise<UserWithAgency | undefined> {
  return userQuery(ex).where('users.id', '=', id).executeTakeFirst();
}

export async function findUserByLogin(ex: Executor, login: string): Promise<UserWithAgency | undefined> {
  return userQuery(ex).where('users.login', '=', login).executeTakeFirst();
}

export async function listUsers(ex: Executor, filter: AgencyFilter): Promise<UserWithAgency[]> {
  if (filter.kind === 'none') return [];
  let q = userQuery(ex);
  if (filter.kind === 'agency') q = q.where('users.agency_id', '=', filter.agencyId);
  if (filter.kind === 'subtree')
    q = q.where('agencies.path', 'like', sql<string>`${likePrefix(filter.path)} ESCAPE '\\'`);
  return q.orderBy('agencies.path').orderBy('users.login').execute();
}

function userQuery(ex: Executor) {
  return ex
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .selectAll('users')
    .select(['agencies.name as agency_name', 'agencies.path as agency_path']);
}

/** What a caller decides about a new account; the bookkeeping columns start the same for every account. */
export type NewUser = Pick<
  NewUserRow,
  'id' | 'login' | 'display_name' | 'password_hash' | 'agency_id' | 'roles' | 'must_change_password' | 'is_demo'
> &
  Partial<Pick<NewUserRow, 'email'>>;

export async function insertUser(ex: Executor, user: NewUser, at: string): Promise<UserRow> {
  const row: NewUserRow = {
    ...user,
    failed_attempts: 0,
    locked_until: null,
    disabled: 0,
    last_login_at: null,
    password_changed_at: at,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  return ex.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export type UserPatch = Partial<
  Pick<
    UserRow,
    | 'display_name'
    | 'agency_id'
    | 'roles'
    | 'disabled'
    | 'password_hash'
    | 'must_change_password'
    | 'password_changed_at'
    | 'failed_attempts'
    | 'locked_until'
    | 'updated_at'
  >
>;

/** Optimistic update (see updateAgencyVersioned). */
export async function updateUserVersioned(
  ex: Executor,
  id: string,
  expectedVersion: number,
  patch: UserPatch,
): Promise<UserRow | undefined> {
  return ex
    .updateTable('users')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/** Records a successful sign-in. */
export async function recordSuccessfulLogin(ex: Executor, id: string, nowIso: string): Promise<void> {
  await ex.updateTable('users').set({ last_login_at: nowIso }).where('id', '=', id).execute();
}

export async function countUsers(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
