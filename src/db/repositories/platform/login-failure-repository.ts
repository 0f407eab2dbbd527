import type { Executor } from '../../schema.ts';

/** Records an attempt before its password is checked (see login-throttle.ts); deleted again if it succeeds. */
export async function insertLoginFailure(
  ex: Executor,
  row: { id: string; ip: string; login: string; at: string },
): Promise<void> {
  await ex.insertInto('login_failures').values(row).execute();
}

export async function deleteLoginFailure(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('login_failures').where('id', '=', id).execute();
}

/** Attempts since `sinceIso` from `ip`, for `login` and in total. */
export async function countLoginFailures(
  ex: Executor,
  ip: string,
  login: string,
  sinceIso: string,
): Promise<{ addressAndLogin: number; address: number }> {
  const r = await ex
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn.countAll<number>().as('address'),
      eb.fn.sum<number>(eb.case().when('login', '=', login).then(1).else(0).end()).as('address_and_login'),
    ])
    .where('ip', '=', ip)
    .where('at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return { address: Number(r.address), addressAndLogin: Number(r.address_and_login ?? 0) };
}

/** Attempts for a login from any address since `sinceIso` (for the administrator's view). */
export async function countLoginFailuresFor(ex: Executor, login: string, sinceIso: string): Promise<number> {
  const r = await ex
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('login', '=', login)
    .where('at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The security administrator clears a login's failures (e.g. a colleague behind the same office address). */
export async function deleteLoginFailuresFor(ex: Executor, login: string): Promise<number> {
  const r = await ex.deleteFrom('login_failures').where('login', '=', login).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteLoginFailuresBefore(ex: Executor, beforeIso: string): Promise<number> {
  const r = await ex.deleteFrom('login_failures').where('at', '<=', beforeIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}
