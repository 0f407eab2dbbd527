import { AppError } from '../../core/platform/app-error.ts';
import { approvalProblem, type AccountRequestKind } from '../../core/platform/dual-control.ts';
import { can } from '../../core/platform/policy.ts';
import { roleSetProblem } from '../../core/platform/roles.ts';
import { decideAccountRequest, findAccountRequest } from '../../db/repositories/platform/account-request-repository.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { deleteLoginFailuresFor } from '../../db/repositories/platform/login-failure-repository.ts';
import { deleteUserSessions } from '../../db/repositories/platform/session-repository.ts';
import { findUser, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import type { AccountRequestRow, Executor } from '../../db/schema.ts';
import { parseRoles } from './actor-from-user.ts';
import { hashCodePart, newCodePart } from './code-parts.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { expiry } from './file-account-request.ts';
import { recordAudit } from './record-audit.ts';
import { userSnapshot } from './snapshots.ts';

export interface ApprovedRequest {
  request: AccountRequestRow;
  kind: AccountRequestKind;
  login: string;
  /** The second half of the activation code, shown once to the approver (create and reset only). */
  codePart2: string | null;
}

/**
 * An administrator of the other kind approves a pending request (dual control, dual-control.ts): never the
 * requester, never for the approver's own account, and only within the approver's subtree — for a move, both
 * the old and the new agency. A new account gets its roles; a grant applies its roles and agency and ends the
 * account's sessions; a reset makes the old password stop working and ends the sessions. For create and reset
 * the approver receives the second half of the activation code, valid from now for the configured hours.
 */
export async function approveAccountRequest(ctx: UseCaseContext, id: string): Promise<ApprovedRequest> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const request = await findAccountRequest(ctx.db, id);
  if (!request) throw new AppError('NOT_FOUND', '未找到该申请');
  const own = { agencyId: request.user_agency_id, agencyPath: request.user_agency_path };
  if (!can(actor, 'user.approveRequest', own)) throw new AppError('FORBIDDEN');
  if (request.agency_id && request.agency_id !== request.user_agency_id) {
    const to = await findAgency(ctx.db, request.agency_id);
    if (!to || !can(actor, 'user.approveRequest', { agencyId: to.id, agencyPath: to.path })) {
      throw new AppError('FORBIDDEN');
    }
  }
  const problem = approvalProblem(
    { requestedBy: request.requested_by, requesterRole: request.requester_role, userId: request.user_id },
    actor,
  );
  if (problem) throw new AppError('FORBIDDEN', problem);
  if (request.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理或已被新的申请取代');
  const kind = request.kind as AccountRequestKind;
  const roles = request.roles === null ? null : parseRoles(request.roles);
  if (roles) {
    const roleProblem = roleSetProblem(roles);
    if (roleProblem) throw new AppError('VALIDATION', roleProblem);
  }

  const codePart2 = kind === 'grant' ? null : newCodePart();
  const hours = kind === 'reset' ? ctx.security.resetCodeHours : ctx.security.activationCodeHours;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const decided = await decideAccountRequest(trx, id, {
      status: 'approved',
      decided_by: actor.id,
      decided_at: at,
      code2_hash: codePart2 ? hashCodePart(codePart2) : null,
      code_expires_at: codePart2 ? expiry(ctx, hours) : null,
    });
    if (!decided) throw new AppError('CONFLICT', '该申请已处理或已被新的申请取代');
    const user = await findUser(trx, request.user_id);
    if (!user) throw new AppError('NOT_FOUND', '未找到该用户');
    if (kind === 'reset') await applyReset(trx, ctx, user.id, user.login, user.version);
    else {
      const updated = await updateUserVersioned(trx, user.id, user.version, {
        roles: JSON.stringify(roles ?? []),
        ...(request.agency_id ? { agency_id: request.agency_id } : {}),
        updated_at: at,
      });
      if (!updated) throw new AppError('CONFLICT');
      await deleteUserSessions(trx, user.id);
      await recordAudit(trx, ctx, {
        action: 'user.rolesChanged',
        entity: 'user',
        entityId: user.id,
        before: userSnapshot(user),
        after: userSnapshot(updated),
      });
    }
    await recordAudit(trx, ctx, {
      action: 'account.approved',
      entity: 'user',
      entityId: user.id,
      after: { request_id: id, kind, requested_by: request.requested_by, with_code: codePart2 !== null },
    });
    const row = { ...request, status: 'approved', decided_by: actor.id, decided_at: at };
    return { request: row, kind, login: request.login, codePart2 };
  });
}

/** A reset takes effect: the old password stops working, sessions end, recorded failures are forgotten. */
export async function applyReset(
  trx: Executor,
  ctx: UseCaseContext,
  userId: string,
  login: string,
  version: number,
): Promise<void> {
  const at = nowIso(ctx);
  const updated = await updateUserVersioned(trx, userId, version, {
    password_hash: '',
    must_change_password: 0,
    password_changed_at: at,
    updated_at: at,
  });
  if (!updated) throw new AppError('CONFLICT');
  await deleteUserSessions(trx, userId);
  await deleteLoginFailuresFor(trx, login);
  await recordAudit(trx, ctx, { action: 'user.passwordReset', entity: 'user', entityId: userId });
}
