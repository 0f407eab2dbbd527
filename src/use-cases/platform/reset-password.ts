import { AppError } from '../../core/platform/app-error.ts';
import { credentialNeedsApproval } from '../../core/platform/dual-control.ts';
import { can } from '../../core/platform/policy.ts';
import { findPendingRequestOf } from '../../db/repositories/platform/account-request-repository.ts';
import { findUser } from '../../db/repositories/platform/user-repository.ts';
import { parseRoles } from './actor-from-user.ts';
import { applyReset } from './approve-account-request.ts';
import type { UseCaseContext } from './context.ts';
import { fileAccountRequest, type FiledRequest } from './file-account-request.ts';

/**
 * The security administrator starts a password reset for someone who forgot theirs. It never learns or sets a
 * password: the reset is a request with the first half of a one-time code, shown to the security administrator
 * to hand to the person out of band; a system administrator approves it and hands over the second half. Until
 * the approval nothing changes (one administrator alone cannot even lock the person out); on approval the old
 * password stops working and the person's sessions end (approve-account-request.ts).
 */
export async function resetPassword(ctx: UseCaseContext, id: string): Promise<FiledRequest> {
  const user = await findUser(ctx.db, id);
  if (!user) throw new AppError('NOT_FOUND', '未找到该用户');
  if (!can(ctx.actor, 'user.resetPassword', { agencyId: user.agency_id, agencyPath: user.agency_path })) {
    throw new AppError('FORBIDDEN');
  }
  if (ctx.actor?.id === id) throw new AppError('FORBIDDEN', '请通过“修改密码”修改本人密码');
  if (user.disabled) throw new AppError('CONFLICT', '该账号已停用，请先启用');
  const pending = await findPendingRequestOf(ctx.db, id, 'create');
  if (pending) throw new AppError('CONFLICT', '该账号的创建申请尚待批准，批准后即可激活');
  const roles = parseRoles(user.roles);
  return ctx.db.transaction().execute(async (trx) => {
    const filed = await fileAccountRequest(trx, ctx, {
      kind: 'reset',
      userId: id,
      roles: null,
      agencyId: null,
      needsApproval: credentialNeedsApproval(roles),
      codeHours: ctx.security.resetCodeHours,
    });
    if (filed.request.status === 'approved') await applyReset(trx, ctx, id, user.login, user.version);
    return filed;
  });
}
