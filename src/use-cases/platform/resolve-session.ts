import type { Actor } from '../../core/platform/actor.ts';
import { deleteSession, findSession, touchSession } from '../../db/repositories/platform/session-repository.ts';
import { findUser } from '../../db/repositories/platform/user-repository.ts';
import type { Db } from '../../db/schema.ts';
import { actorFromUser } from './actor-from-user.ts';
import type { SecuritySettings } from './context.ts';
import { hashSecret } from './session-token.ts';

export type SessionState =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'active'; actor: Actor; csrfToken: string; mustChangePassword: boolean };

/**
 * Turns a cookie into the signed-in actor. Sessions end after `sessionIdleMinutes` without a request
 * (等保 2.0: 登录连接超时自动退出) and after `sessionMaxHours` in any case. `last_seen_at` is written at most
 * every minute (or a quarter of the idle time) so reading pages does not turn into a write per request.
 */
export async function resolveSession(
  db: Db,
  clock: () => Date,
  security: SecuritySettings,
  token: string | undefined,
): Promise<SessionState> {
  if (!token) return { kind: 'none' };
  const idHash = hashSecret(token);
  const s = await findSession(db, idHash);
  if (!s) return { kind: 'expired' };
  const now = clock();
  const maxEnd = new Date(s.created_at).getTime() + security.sessionMaxHours * 3_600_000;
  if (s.expires_at <= now.toISOString() || now.getTime() >= maxEnd) {
    await deleteSession(db, idHash);
    return { kind: 'expired' };
  }
  const user = await findUser(db, s.user_id);
  if (!user || user.disabled) {
    await deleteSession(db, idHash);
    return { kind: 'expired' };
  }
  const idleMs = security.sessionIdleMinutes * 60_000;
  if (now.getTime() - new Date(s.last_seen_at).getTime() >= Math.min(60_000, idleMs / 4)) {
    await touchSession(db, idHash, now.toISOString(), new Date(Math.min(now.getTime() + idleMs, maxEnd)).toISOString());
  }
  return {
    kind: 'active',
    actor: actorFromUser(user),
    csrfToken: s.csrf_token,
    mustChangePassword: user.must_change_password === 1,
  };
}
