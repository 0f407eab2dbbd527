import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { isAdminRole, roleSetProblem, type Role } from '../../core/platform/roles.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { deleteUserSessions } from '../../db/repositories/platform/session-repository.ts';
import { findUser, updateUserVersioned } from '../../db/repositories/platform/user-repository.ts';
import type { UserRow } from '../../db/schema.ts';
import { parseRoles } from './actor-from-user.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { userSnapshot } from './snapshots.ts';
import type { UpdateUserInput } from './user-input.ts';

/**
 * Saves a staff account. 三员分立: accounts that hold or would receive an administrator role are changed only
 * by the security administrator; nobody changes their own roles or disables themselves. Role changes and
 * disabling end the user's sessions, so the change takes effect at once.
 */
export async function updateUser(ctx: UseCaseContext, id: string, input: UpdateUserInput): Promise<UserRow> {
  const actor = ctx.actor;
  const current = await findUser(ctx.db, id);
  if (!current) throw new AppError('NOT_FOUND', '未找到该用户');
  const target = await findAgency(ctx.db, input.agencyId);
  if (!target) throw new AppError('VALIDATION', undefined, { agencyId: '所属机构不存在' });

  const oldRoles = parseRoles(current.roles);
  const newRoles: Role[] = [...new Set(input.roles)];
  const touchesAdmin = oldRoles.some(isAdminRole) || newRoles.some(isAdminRole);
  const action = touchesAdmin ? 'user.grantAdminRole' : 'user.update';
  const from = { agencyId: current.agency_id, agencyPath: current.agency_path };
  const to = { agencyId: target.id, agencyPath: target.path };
  if (!can(actor, action, from) || !can(actor, action, to)) throw new AppError('FORBIDDEN');

  const rolesChanged = JSON.stringify([...oldRoles].sort()) !== JSON.stringify([...newRoles].sort());
  if (actor?.id === id && (rolesChanged || input.disabled)) {
    throw new AppError('FORBIDDEN', '不得修改本人的角色或停用本人账号');
  }
  const roleProblem = roleSetProblem(newRoles);
  if (roleProblem) throw new AppError('VALIDATION', undefined, { roles: roleProblem });

  return ctx.db.transaction().execute(async (trx) => {
    const updated = await updateUserVersioned(trx, id, input.version, {
      display_name: input.displayName,
      agency_id: target.id,
      roles: JSON.stringify(newRoles),
      disabled: input.disabled ? 1 : 0,
      updated_at: nowIso(ctx),
    });
    if (!updated) throw new AppError('CONFLICT');
    if (rolesChanged || input.disabled || current.agency_id !== target.id) await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx, {
      action: rolesChanged ? 'user.rolesChanged' : 'user.update',
      entity: 'user',
      entityId: id,
      before: userSnapshot(current),
      after: userSnapshot(updated),
    });
    return updated;
  });
}
