import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { deleteLoginFailuresFor } from '../../db/repositories/platform/login-failure-repository.ts';
import { findUser } from '../../db/repositories/platform/user-repository.ts';
import type { UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';

/**
 * The security administrator clears the failed sign-ins recorded for a login (from every address), e.g. when a
 * colleague shares the office's address with someone who mistyped. There is no account lock to lift.
 */
export async function unlockUser(ctx: UseCaseContext, id: string): Promise<void> {
  const user = await findUser(ctx.db, id);
  if (!user) throw new AppError('NOT_FOUND', '未找到该用户');
  if (!can(ctx.actor, 'user.unlock', { agencyId: user.agency_id, agencyPath: user.agency_path })) {
    throw new AppError('FORBIDDEN');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const cleared = await deleteLoginFailuresFor(trx, user.login);
    await recordAudit(trx, ctx, {
      action: 'user.unlock',
      entity: 'user',
      entityId: id,
      after: { login_failures_cleared: cleared },
    });
  });
}
