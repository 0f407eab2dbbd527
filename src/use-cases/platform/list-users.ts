import { AppError } from '../../core/platform/app-error.ts';
import { can, scopeOf } from '../../core/platform/policy.ts';
import { findUser, listUsers, type UserWithAgency } from '../../db/repositories/platform/user-repository.ts';
import { agencyFilterFor } from './agency-filter-for.ts';
import type { UseCaseContext } from './context.ts';

export async function listVisibleUsers(ctx: UseCaseContext): Promise<UserWithAgency[]> {
  if (!ctx.actor || scopeOf(ctx.actor, 'user.read') === null) throw new AppError('FORBIDDEN');
  return listUsers(ctx.db, agencyFilterFor(ctx.actor, 'user.read'));
}

export async function getUserForStaff(ctx: UseCaseContext, id: string): Promise<UserWithAgency> {
  const u = await findUser(ctx.db, id);
  if (!u) throw new AppError('NOT_FOUND', '未找到该用户');
  if (!can(ctx.actor, 'user.read', { agencyId: u.agency_id, agencyPath: u.agency_path }))
    throw new AppError('FORBIDDEN');
  return u;
}
