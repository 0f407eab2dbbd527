import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import type { Actor } from '../../core/platform/actor.ts';
import { findUserByLogin, recordSuccessfulLogin } from '../../db/repositories/platform/user-repository.ts';
import { actorFromUser } from './actor-from-user.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { openSession } from './open-session.ts';
import { checkPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';
import { attemptSucceeded, beginAttempt } from './throttle-attempt.ts';

export const loginInput = z.object({
  login: z.string().trim().min(1, '请填写登录名').max(64),
  password: z.string().min(1, '请填写密码').max(256),
});

export interface LoginInput {
  login: string;
  password: string;
  userAgent: string;
}

export interface LoginResult {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

/**
 * Signs a staff member in. 等保 2.0 身份鉴别 (登录失败处理): repeated failures are throttled per client address
 * (throttle-attempt.ts), never by locking the account — anyone could trigger such a lock. Unknown, disabled and
 * not yet activated logins answer exactly like a wrong password, after the same password hashing work, so
 * neither the answer nor its time tells which logins exist. Every attempt is in the audit trail.
 */
export async function login(ctx: UseCaseContext, input: LoginInput): Promise<LoginResult> {
  const loginName = input.login.trim().toLowerCase();
  const label = `登录名 ${loginName}`;
  const attempt = await beginAttempt(ctx, loginName, 'login');
  const user = await findUserByLogin(ctx.db, loginName);
  const usable = user && user.disabled === 0 && user.password_hash !== '' ? user : undefined;
  const ok = await checkPassword(input.password, usable?.password_hash ?? null);

  if (!usable || !ok) {
    const reason = !user
      ? 'unknown'
      : user.disabled
        ? 'disabled'
        : user.password_hash === ''
          ? 'notActivated'
          : 'password';
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'auth.loginFailed',
        entity: 'user',
        entityId: user?.id ?? null,
        actorLabel: label,
        after: { login: loginName, reason },
      }),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }

  const actor = actorFromUser(usable);
  const session = await ctx.db.transaction().execute(async (trx) => {
    await attemptSucceeded(trx, attempt);
    await recordSuccessfulLogin(trx, usable.id, nowIso(ctx));
    const s = await openSession(trx, ctx, usable.id, input.userAgent);
    await recordAudit(trx, { ...ctx, actor }, { action: 'auth.login', entity: 'user', entityId: usable.id });
    return s;
  });
  return { ...session, actor, mustChangePassword: usable.must_change_password === 1 };
}
