import { AppError } from '../../core/platform/app-error.ts';
import { approvalProblem } from '../../core/platform/dual-control.ts';
import { can } from '../../core/platform/policy.ts';
import { decideAccountRequest, findAccountRequest } from '../../db/repositories/platform/account-request-repository.ts';
import { findUser, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';

/**
 * Rejects a pending request — by an administrator who could approve it, or withdrawn by its requester. Nothing of
 * the request applies; a rejected new account stays without roles or password and is disabled.
 */
export async function rejectAccountRequest(ctx: UseCaseContext, id: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const request = await findAccountRequest(ctx.db, id);
  if (!request) throw new AppError('NOT_FOUND', '未找到该申请');
  if (!can(actor, 'user.approveRequest', { agencyId: request.user_agency_id, agencyPath: request.user_agency_path })) {
    throw new AppError('FORBIDDEN');
  }
  const withdrawing = request.requested_by === actor.id;
  if (!withdrawing) {
    const problem = approvalProblem(
      { requestedBy: request.requested_by, requesterRole: request.requester_role, userId: request.user_id },
      actor,
    );
    if (problem) throw new AppError('FORBIDDEN', problem);
  }
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await decideAccountRequest(trx, id, { status: 'rejected', decided_by: actor.id, decided_at: at }))) {
      throw new AppError('CONFLICT', '该申请已处理或已被新的申请取代');
    }
    if (request.kind === 'create') {
      const user = await findUser(trx, request.user_id);
      if (user) await updateUserVersioned(trx, user.id, user.version, { disabled: 1, updated_at: at });
    }
    await recordAudit(trx, ctx, {
      action: withdrawing ? 'account.withdrawn' : 'account.rejected',
      entity: 'user',
      entityId: request.user_id,
      after: { request_id: id, kind: request.kind, requested_by: request.requested_by },
    });
  });
}
