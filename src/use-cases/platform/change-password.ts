import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { passwordProblems } from '../../core/platform/password-rule.ts';
import { findUser, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, '请填写当前密码'),
  newPassword: z.string().min(1, '请填写新密码'),
  confirmPassword: z.string().min(1, '请再次填写新密码'),
});

export async function changePassword(ctx: UseCaseContext, input: z.infer<typeof changePasswordInput>): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const user = await findUser(ctx.db, actor.id);
  if (!user) throw new AppError('NOT_FOUND');
  if (input.newPassword !== input.confirmPassword) {
    throw new AppError('VALIDATION', undefined, { confirmPassword: '两次填写的新密码不一致' });
  }
  const problems = passwordProblems(input.newPassword, user.login);
  if (problems.length > 0) throw new AppError('VALIDATION', undefined, { newPassword: problems.join('；') });
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('VALIDATION', undefined, { currentPassword: '当前密码不正确' });
  }
  const hash = await hashPassword(input.newPassword);
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateUserVersioned(trx, user.id, user.version, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: at,
      updated_at: at,
    });
    if (!updated) throw new AppError('CONFLICT');
    await recordAudit(trx, ctx, { action: 'user.passwordChanged', entity: 'user', entityId: user.id });
  });
}
