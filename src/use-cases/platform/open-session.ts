import { insertSession } from '../../db/repositories/platform/session-repository.ts';
import type { Executor } from '../../db/schema.ts';
import type { UseCaseContext } from './context.ts';
import { hashSecret, newSecret } from './session-token.ts';

export interface OpenedSession {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
}

/** A new session for a user (sign-in, or the fresh token after a password change), in the caller's transaction. */
export async function openSession(
  trx: Executor,
  ctx: UseCaseContext,
  userId: string,
  userAgent: string,
): Promise<OpenedSession> {
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const now = ctx.clock();
  const at = now.toISOString();
  await insertSession(trx, {
    id_hash: hashSecret(sessionToken),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(now.getTime() + ctx.security.sessionIdleMinutes * 60_000).toISOString(),
    ip: ctx.ip,
    user_agent: userAgent.slice(0, 300),
  });
  return { sessionToken, csrfToken };
}
