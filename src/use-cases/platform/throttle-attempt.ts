import { AppError } from '../../core/platform/app-error.ts';
import { isThrottled, throttleAddress, throttledMessage } from '../../core/platform/login-throttle.ts';
import {
  countLoginFailures,
  deleteLoginFailure,
  insertLoginFailure,
} from '../../db/repositories/platform/login-failure-repository.ts';
import type { Executor } from '../../db/schema.ts';
import type { UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { newId } from './session-token.ts';

/**
 * Starts an attempt to prove who one is (sign-in, activation code, current password): records it first, then
 * counts the attempts of this address within the window — so parallel guesses are all counted before any
 * password is checked — and refuses with RATE_LIMITED (audited) when over the limit. The answer depends only on
 * the address and the name typed, never on whether that account exists. Returns the attempt's id: pass it to
 * `attemptSucceeded` on success; a failed attempt stays counted.
 */
export async function beginAttempt(ctx: UseCaseContext, login: string, purpose: string): Promise<string> {
  const limits = ctx.security.throttle;
  const now = ctx.clock();
  const id = newId();
  const name = login.slice(0, 64);
  const address = throttleAddress(ctx.ip);
  await insertLoginFailure(ctx.db, { id, ip: address, login: name, at: now.toISOString() });
  const since = new Date(now.getTime() - limits.windowMinutes * 60_000).toISOString();
  const counts = await countLoginFailures(ctx.db, address, name, since);
  if (isThrottled(counts, limits)) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'auth.throttled',
        entity: 'user',
        entityId: null,
        actorLabel: ctx.actor ? undefined : `登录名 ${name}`,
        after: {
          login: name,
          purpose,
          attempts_for_login_from_address: counts.addressAndLogin,
          attempts_from_address: counts.address,
        },
      }),
    );
    throw new AppError('RATE_LIMITED', throttledMessage(limits));
  }
  return id;
}

export async function attemptSucceeded(ex: Executor, attemptId: string): Promise<void> {
  await deleteLoginFailure(ex, attemptId);
}
