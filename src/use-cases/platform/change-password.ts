import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { passwordProblems } from '../../core/platform/password-rule.ts';
import { deleteUserSessions } from '../../db/repositories/platform/session-repository.ts';
import { findUser, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { openSession, type OpenedSession } from './open-session.ts';
import { checkPassword, hashPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';
import { attemptSucceeded, beginAttempt } from './throttle-attempt.ts';

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, '请填写当前密码').max(256),
  newPassword: z.string().min(1, '请填写新密码').max(256),
  confirmPassword: z.string().min(1, '请再次填写新密码').max(256),
});

/**
 * Changes one's own password. Every session of the user ends — including the current one, which is replaced by a
 * new session with a new token (returned for the cookie): whoever had taken over an old session, here or on
 * another device, is out. A wrong current password counts as a failed sign-in (a stolen session cannot be used
 * to guess the password).
 */
export async function changePassword(
  ctx: UseCaseContext,
  input: z.infer<typeof changePasswordInput>,
  userAgent: string,
): Promise<OpenedSession> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const user = await findUser(ctx.db, actor.id);
  if (!user) throw new AppError('NOT_FOUND');
  if (input.newPassword !== input.confirmPassword) {
    throw new AppError('VALIDATION', undefined, { confirmPassword: '两次填写的新密码不一致' });
  }
  const problems = passwordProblems(input.newPassword, user.login);
  if (problems.length > 0) throw new AppError('VALIDATION', undefined, { newPassword: problems.join('；') });
  const attempt = await beginAttempt(ctx, user.login, 'changePassword');
  if (!(await checkPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('VALIDATION', undefined, { currentPassword: '当前密码不正确' });
  }
  const hash = await hashPassword(input.newPassword);
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await attemptSucceeded(trx, attempt);
    const updated = await updateUserVersioned(trx, user.id, user.version, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: at,
      updated_at: at,
    });
    if (!updated) throw new AppError('CONFLICT');
    await deleteUserSessions(trx, user.id);
    const session = await openSession(trx, ctx, user.id, userAgent);
    await recordAudit(trx, ctx, {
      action: 'user.passwordChanged',
      entity: 'user',
      entityId: user.id,
      after: { other_sessions_ended: true, session_rotated: true },
    });
    return session;
  });
}
