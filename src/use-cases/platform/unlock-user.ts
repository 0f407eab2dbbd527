import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { findUser, setLoginState } from '../../db/repositories/platform/user-repository.ts';
import type { UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';

/** The security administrator lifts a lockout before it runs out. */
export async function unlockUser(ctx: UseCaseContext, id: string): Promise<void> {
  const user = await findUser(ctx.db, id);
  if (!user) throw new AppError('NOT_FOUND', '未找到该用户');
  if (!can(ctx.actor, 'user.unlock', { agencyId: user.agency_id, agencyPath: user.agency_path })) {
    throw new AppError('FORBIDDEN');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await setLoginState(trx, id, { failed_attempts: 0, locked_until: null });
    await recordAudit(trx, ctx, {
      action: 'user.unlock',
      entity: 'user',
      entityId: id,
      before: { failed_attempts: user.failed_attempts, locked_until: user.locked_until },
      after: { failed_attempts: 0, locked_until: null },
    });
  });
}
