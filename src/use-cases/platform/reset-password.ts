import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { passwordProblems } from '../../core/platform/password-rule.ts';
import { can } from '../../core/platform/policy.ts';
import { deleteUserSessions } from '../../db/repositories/platform/session-repository.ts';
import { findUser, setLoginState, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { hashPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';

export const resetPasswordInput = z.object({
  temporaryPassword: z.string().min(1, '请设置临时密码'),
});

/**
 * The security administrator sets a temporary password for someone who forgot theirs: it must be changed at
 * the next login, the account is unlocked, and every open session of the user ends.
 */
export async function resetPassword(
  ctx: UseCaseContext,
  id: string,
  input: z.infer<typeof resetPasswordInput>,
): Promise<void> {
  const user = await findUser(ctx.db, id);
  if (!user) throw new AppError('NOT_FOUND', '未找到该用户');
  if (!can(ctx.actor, 'user.resetPassword', { agencyId: user.agency_id, agencyPath: user.agency_path })) {
    throw new AppError('FORBIDDEN');
  }
  if (ctx.actor?.id === id) throw new AppError('FORBIDDEN', '请通过“修改密码”修改本人密码');
  const problems = passwordProblems(input.temporaryPassword, user.login);
  if (problems.length > 0) throw new AppError('VALIDATION', undefined, { temporaryPassword: problems.join('；') });
  const hash = await hashPassword(input.temporaryPassword);
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateUserVersioned(trx, id, user.version, {
      password_hash: hash,
      must_change_password: 1,
      password_changed_at: at,
      updated_at: at,
    });
    if (!updated) throw new AppError('CONFLICT');
    await setLoginState(trx, id, { failed_attempts: 0, locked_until: null });
    await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx, { action: 'user.passwordReset', entity: 'user', entityId: id });
  });
}
