import type { Executor, SessionRow } from '../../schema.ts';

export async function insertSession(ex: Executor, row: SessionRow): Promise<void> {
  await ex.insertInto('sessions').values(row).execute();
}

export async function findSession(ex: Executor, idHash: string): Promise<SessionRow | undefined> {
  return ex.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(ex: Executor, idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await ex
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(ex: Executor, idHash: string): Promise<void> {
  await ex.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(ex: Executor, userId: string): Promise<void> {
  await ex.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(ex: Executor, nowIso: string): Promise<number> {
  const r = await ex.deleteFrom('sessions').where('expires_at', '<=', nowIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}
