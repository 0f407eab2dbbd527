import { AppError } from '../../core/platform/app-error.ts';
import { approvalProblem } from '../../core/platform/dual-control.ts';
import { scopeOf } from '../../core/platform/policy.ts';
import {
  listPendingAccountRequests,
  type AccountRequestView,
} from '../../db/repositories/platform/account-request-repository.ts';
import { agencyFilterFor } from './agency-filter-for.ts';
import type { UseCaseContext } from './context.ts';

export type PendingRequest = AccountRequestView & {
  /** The actor may approve or reject it. */
  canDecide: boolean;
  /** The actor filed it (may withdraw it). */
  mine: boolean;
  /** Why the actor may not approve, for the page. */
  waitingFor: string | null;
};

/** Pending account requests in the actor's subtree, each with what the actor may do about it. */
export async function listAccountRequests(ctx: UseCaseContext): Promise<PendingRequest[]> {
  const actor = ctx.actor;
  if (!actor || scopeOf(actor, 'user.approveRequest') === null) throw new AppError('FORBIDDEN');
  const rows = await listPendingAccountRequests(ctx.db, agencyFilterFor(actor, 'user.approveRequest'));
  return rows.map((r) => {
    const problem = approvalProblem(
      { requestedBy: r.requested_by, requesterRole: r.requester_role, userId: r.user_id },
      actor,
    );
    return { ...r, canDecide: problem === null, mine: r.requested_by === actor.id, waitingFor: problem };
  });
}
