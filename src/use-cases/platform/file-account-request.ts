import { AppError } from '../../core/platform/app-error.ts';
import { controllingRole, type AccountRequestKind } from '../../core/platform/dual-control.ts';
import type { Role } from '../../core/platform/roles.ts';
import { insertAccountRequest, retireCodes } from '../../db/repositories/platform/account-request-repository.ts';
import type { AccountRequestRow, Executor } from '../../db/schema.ts';
import { hashCodePart, newCodePart } from './code-parts.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { newId } from './session-token.ts';

export interface FiledRequest {
  request: AccountRequestRow;
  /** The first half of the activation code, shown once to the requester (create and reset only). */
  codePart1: string | null;
  /** The second half — only when no approval was needed, so the requester holds the whole code. */
  codePart2: string | null;
}

/**
 * Files a request for a change that gives access, in the caller's transaction, with its audit entry. A request
 * that ends in a credential (create, reset) gets the first half of its activation code now; the second half is
 * made when an administrator of the other kind approves. When the change needs no second administrator
 * (`needsApproval` false — no such role exists today) it is approved at once and both halves go to the
 * requester. Any pending request of the same account is superseded and its codes retired.
 */
export async function fileAccountRequest(
  trx: Executor,
  ctx: UseCaseContext,
  r: {
    kind: AccountRequestKind;
    userId: string;
    roles: readonly Role[] | null;
    agencyId: string | null;
    needsApproval: boolean;
    codeHours: number;
  },
): Promise<FiledRequest> {
  const actor = ctx.actor;
  const requesterRole = actor ? controllingRole(actor.roles) : null;
  if (!actor || !requesterRole) throw new AppError('FORBIDDEN');
  const at = nowIso(ctx);
  const withCode = r.kind !== 'grant';
  const codePart1 = withCode ? newCodePart() : null;
  const codePart2 = withCode && !r.needsApproval ? newCodePart() : null;
  if (withCode) await retireCodes(trx, r.userId, at);
  const request = await insertAccountRequest(trx, {
    id: newId(),
    kind: r.kind,
    user_id: r.userId,
    roles: r.roles ? JSON.stringify([...r.roles]) : null,
    agency_id: r.agencyId,
    requested_by: actor.id,
    requester_role: requesterRole,
    requested_at: at,
    status: r.needsApproval ? 'pending' : 'approved',
    code1_hash: codePart1 ? hashCodePart(codePart1) : null,
    code2_hash: codePart2 ? hashCodePart(codePart2) : null,
    code_expires_at: codePart2 ? expiry(ctx, r.codeHours) : null,
  });
  await recordAudit(trx, ctx, {
    action: r.needsApproval ? 'account.requested' : 'account.requestApprovedAtOnce',
    entity: 'user',
    entityId: r.userId,
    after: {
      request_id: request.id,
      kind: r.kind,
      roles: r.roles,
      agency_id: r.agencyId,
      requester_role: requesterRole,
      with_code: withCode,
    },
  });
  return { request, codePart1, codePart2 };
}

export function expiry(ctx: UseCaseContext, hours: number): string {
  return new Date(ctx.clock().getTime() + hours * 3_600_000).toISOString();
}
