import { AppError } from '../../core/platform/app-error.ts';
import { changeNeedsApproval } from '../../core/platform/dual-control.ts';
import { can } from '../../core/platform/policy.ts';
import { isAdminRole, roleSetProblem, type Role } from '../../core/platform/roles.ts';
import { findPendingRequestOf } from '../../db/repositories/platform/account-request-repository.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { deleteUserSessions } from '../../db/repositories/platform/session-repository.ts';
import { findUser, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import type { AccountRequestRow, UserRow } from '../../db/schema.ts';
import { parseRoles } from './actor-from-user.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { fileAccountRequest } from './file-account-request.ts';
import { recordAudit } from './record-audit.ts';
import { userSnapshot } from './snapshots.ts';
import type { UpdateUserInput } from './user-input.ts';

export interface UpdatedUser {
  user: UserRow;
  /** Set when the role or agency change waits for a second administrator (the rest is saved already). */
  pending: AccountRequestRow | null;
}

/**
 * Saves a staff account. 三员分立: accounts that hold or would receive an administrator role are changed only
 * by the security administrator; nobody changes their own roles or disables themselves. A change that gives
 * access — an added role, or a move to another agency while holding a role that reads citizens' or audit data —
 * is filed as a request for an administrator of the other kind and applies on approval; taking roles away and
 * disabling apply at once. Role changes, moves and disabling end the user's sessions.
 */
export async function updateUser(ctx: UseCaseContext, id: string, input: UpdateUserInput): Promise<UpdatedUser> {
  const actor = ctx.actor;
  const current = await findUser(ctx.db, id);
  if (!current) throw new AppError('NOT_FOUND', '未找到该用户');
  const target = await findAgency(ctx.db, input.agencyId);
  if (!target) throw new AppError('VALIDATION', undefined, { agencyId: '所属机构不存在' });

  const pendingCreate = await findPendingRequestOf(ctx.db, id, 'create');
  // An account still waiting for its creation to be approved: its roles are those of the request.
  const oldRoles = pendingCreate ? parseRoles(pendingCreate.roles ?? '[]') : parseRoles(current.roles);
  const newRoles: Role[] = [...new Set(input.roles)];
  const touchesAdmin = oldRoles.some(isAdminRole) || newRoles.some(isAdminRole);
  const action = touchesAdmin ? 'user.grantAdminRole' : 'user.update';
  const from = { agencyId: current.agency_id, agencyPath: current.agency_path };
  const to = { agencyId: target.id, agencyPath: target.path };
  if (!can(actor, action, from) || !can(actor, action, to)) throw new AppError('FORBIDDEN');

  const sameSet = (a: Role[], b: Role[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  const rolesChanged = !sameSet(oldRoles, newRoles);
  const moved = current.agency_id !== target.id;
  if (actor?.id === id && (rolesChanged || moved || input.disabled)) {
    throw new AppError('FORBIDDEN', '不得修改本人的角色、所属机构或停用本人账号');
  }
  const roleProblem = roleSetProblem(newRoles);
  if (roleProblem) throw new AppError('VALIDATION', undefined, { roles: roleProblem });
  if (pendingCreate && (rolesChanged || moved)) {
    throw new AppError('CONFLICT', '该账号的创建申请尚待批准：请批准或驳回后再修改角色和所属机构');
  }

  const needsApproval = changeNeedsApproval(
    { roles: oldRoles, agencyId: current.agency_id },
    { roles: newRoles, agencyId: target.id },
  );
  const applyNow = !needsApproval && (rolesChanged || moved);

  return ctx.db.transaction().execute(async (trx) => {
    const updated = await updateUserVersioned(trx, id, input.version, {
      display_name: input.displayName,
      ...(input.email !== undefined ? { email: input.email } : {}),
      disabled: input.disabled ? 1 : 0,
      ...(applyNow ? { agency_id: target.id, roles: JSON.stringify(newRoles) } : {}),
      updated_at: nowIso(ctx),
    });
    if (!updated) throw new AppError('CONFLICT');
    if (applyNow || input.disabled) await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx, {
      action: applyNow && rolesChanged ? 'user.rolesChanged' : 'user.update',
      entity: 'user',
      entityId: id,
      before: userSnapshot(current),
      after: userSnapshot(updated),
    });
    const pending = needsApproval
      ? (
          await fileAccountRequest(trx, ctx, {
            kind: 'grant',
            userId: id,
            roles: newRoles,
            agencyId: target.id,
            needsApproval: true,
            codeHours: 0,
          })
        ).request
      : null;
    return { user: updated, pending };
  });
}
