import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { passwordProblems } from '../../core/platform/password-rule.ts';
import { findLiveCode, useCode } from '../../db/repositories/platform/account-request-repository.ts';
import { deleteUserSessions } from '../../db/repositories/platform/session-repository.ts';
import { findUserByLogin, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import { codePartMatches } from './code-parts.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { hashPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';
import { attemptSucceeded, beginAttempt } from './throttle-attempt.ts';

export const activateAccountInput = z.object({
  login: z.string().trim().toLowerCase().min(1, '请填写登录名').max(64, '登录名过长'),
  code1: z.string().trim().min(1, '请填写第一段激活码').max(40, '激活码格式不正确'),
  code2: z.string().trim().min(1, '请填写第二段激活码').max(40, '激活码格式不正确'),
  newPassword: z.string().min(1, '请设置密码').max(256),
  confirmPassword: z.string().min(1, '请再次填写密码').max(256),
});

export type ActivateAccountInput = z.infer<typeof activateAccountInput>;

const refused = '登录名或激活码不正确，或激活码已使用、已过期。请核对后重试，或联系管理员重新签发。';

/**
 * The person sets their own password with the two halves of a one-time activation code (a new account, or after
 * a password reset). The code belongs to one account, is stored only as hashes, expires, works once (even two
 * submissions at the same moment use it once), and every attempt counts against the per-address throttle like a
 * sign-in. Wrong login, wrong half, used or expired code: one answer. All sessions of the account end.
 */
export async function activateAccount(ctx: UseCaseContext, input: ActivateAccountInput): Promise<{ login: string }> {
  if (input.newPassword !== input.confirmPassword) {
    throw new AppError('VALIDATION', undefined, { confirmPassword: '两次填写的密码不一致' });
  }
  const problems = passwordProblems(input.newPassword, input.login);
  if (problems.length > 0) throw new AppError('VALIDATION', undefined, { newPassword: problems.join('；') });
  const attempt = await beginAttempt(ctx, input.login, 'activate');
  const at = nowIso(ctx);
  const user = await findUserByLogin(ctx.db, input.login);
  const code = user && !user.disabled ? await findLiveCode(ctx.db, user.id, at) : undefined;
  // Both halves are compared whatever the first gives, so the time does not tell which half was wrong.
  const first = codePartMatches(input.code1, code?.code1_hash ?? null);
  const second = codePartMatches(input.code2, code?.code2_hash ?? null);
  if (!user || !code || !first || !second) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'account.activationFailed',
        entity: 'user',
        entityId: user?.id ?? null,
        actorLabel: `登录名 ${input.login}`,
        after: { login: input.login, reason: !user ? 'unknown' : !code ? 'noLiveCode' : 'wrongCode' },
      }),
    );
    throw new AppError('INVALID_CREDENTIALS', refused);
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await useCode(trx, code.id, at))) throw new AppError('INVALID_CREDENTIALS', refused);
    const updated = await updateUserVersioned(trx, user.id, user.version, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: at,
      updated_at: at,
    });
    if (!updated) throw new AppError('CONFLICT');
    await deleteUserSessions(trx, user.id);
    await attemptSucceeded(trx, attempt);
    await recordAudit(trx, ctx, {
      action: 'account.activated',
      entity: 'user',
      entityId: user.id,
      actorLabel: `${user.display_name}（${user.login}）`,
      after: { request_id: code.id, kind: code.kind },
    });
  });
  return { login: user.login };
}
