import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import type { Actor } from '../../core/platform/actor.ts';
import { insertSession } from '../../db/repositories/platform/session-repository.ts';
import {
  countFailedLogin,
  findUser,
  findUserByLogin,
  lockUser,
  recordSuccessfulLogin,
} from '../../db/repositories/platform/user-repository.ts';
import { actorFromUser } from './actor-from-user.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { burnPasswordCheck, verifyPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';
import { hashSecret, newSecret } from './session-token.ts';

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
 * Signs a staff member in. 等保 2.0 身份鉴别: after `lockoutThreshold` consecutive failures the account is
 * locked for `lockoutMinutes`; every attempt, success or failure, and every lockout is in the audit trail.
 */
export async function login(ctx: UseCaseContext, input: LoginInput): Promise<LoginResult> {
  const loginName = input.login.trim().toLowerCase();
  const user = await findUserByLogin(ctx.db, loginName);
  const now = ctx.clock();
  const label = `登录名 ${loginName}`;

  if (!user || user.disabled) {
    await burnPasswordCheck(input.password);
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'auth.loginFailed',
        entity: 'user',
        entityId: user?.id ?? null,
        actorLabel: label,
        after: { login: loginName, reason: user ? 'disabled' : 'unknown' },
      }),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }

  if (user.locked_until && user.locked_until > now.toISOString()) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'auth.loginRefusedLocked',
        entity: 'user',
        entityId: user.id,
        actorLabel: label,
      }),
    );
    throw lockedError(user.locked_until);
  }

  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    const at = nowIso(ctx);
    const lockedUntil = await ctx.db.transaction().execute(async (trx) => {
      const { failedAttempts, lockedUntil: current } = await countFailedLogin(trx, user.id, at);
      await recordAudit(trx, ctx, {
        action: 'auth.loginFailed',
        entity: 'user',
        entityId: user.id,
        actorLabel: label,
        after: { failed_attempts: failedAttempts },
      });
      if (current) return current; // locked meanwhile by a parallel attempt
      if (failedAttempts < ctx.security.lockoutThreshold) return null;
      const until = new Date(now.getTime() + ctx.security.lockoutMinutes * 60_000).toISOString();
      if (await lockUser(trx, user.id, until, at)) {
        await recordAudit(trx, ctx, {
          action: 'user.locked',
          entity: 'user',
          entityId: user.id,
          actorLabel: '系统',
          after: { locked_until: until, reason: `连续${failedAttempts}次登录失败` },
        });
      }
      return until;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('INVALID_CREDENTIALS');
  }

  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const at = nowIso(ctx);
  const actor = actorFromUser(user);
  await ctx.db.transaction().execute(async (trx) => {
    // Re-checked inside the transaction: a lock set by a parallel failed attempt since we read the user wins.
    if (!(await recordSuccessfulLogin(trx, user.id, at))) {
      throw lockedError((await findUser(trx, user.id))?.locked_until ?? at);
    }
    await insertSession(trx, {
      id_hash: hashSecret(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + ctx.security.sessionIdleMinutes * 60_000).toISOString(),
      ip: ctx.ip,
      user_agent: input.userAgent.slice(0, 300),
    });
    await recordAudit(trx, { ...ctx, actor }, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  return { sessionToken, csrfToken, actor, mustChangePassword: user.must_change_password === 1 };
}

function lockedError(until: string): AppError {
  const t = new Date(until);
  const hhmm = t.toLocaleTimeString('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });
  return new AppError('ACCOUNT_LOCKED', `连续多次登录失败，账号已锁定，请于${hhmm}（北京时间）后再试或联系安全管理员`);
}
