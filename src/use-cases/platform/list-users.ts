import { AppError } from '../../core/platform/app-error.ts';
import { can, scopeOf } from '../../core/platform/policy.ts';
import { findUser, listUsers, type UserWithAgency } from '../../db/repositories/platform/user-repository.ts';
import { agencyFilterFor } from './agency-filter-for.ts';
import type { UseCaseContext } from './context.ts';
import type { Role } from '../../core/platform/roles.ts';
import { findPendingRequestOf, pendingKindsByUser } from '../../db/repositories/platform/account-request-repository.ts';
import { countLoginFailuresFor } from '../../db/repositories/platform/login-failure-repository.ts';
import { parseRoles } from './actor-from-user.ts';

export type UserWithRequests = UserWithAgency & {
  /** Kinds of the account's requests waiting for approval ('create', 'grant', 'reset'). */
  pending: string[];
};

export async function listVisibleUsers(ctx: UseCaseContext): Promise<UserWithRequests[]> {
  if (!ctx.actor || scopeOf(ctx.actor, 'user.read') === null) throw new AppError('FORBIDDEN');
  const users = await listUsers(ctx.db, agencyFilterFor(ctx.actor, 'user.read'));
  const pending = await pendingKindsByUser(
    ctx.db,
    users.map((u) => u.id),
  );
  return users.map((u) => ({ ...u, pending: pending.get(u.id) ?? [] }));
}

export interface UserDetail {
  user: UserWithRequests;
  /** The roles a pending creation asks for (the account holds none until approved). */
  requestedRoles: Role[] | null;
  /** Failed sign-ins for this login within the throttle window, from any address. */
  recentFailures: number;
}

/** One account for the administrators' form: its pending requests and recent failed sign-ins. */
export async function getUserDetailForStaff(ctx: UseCaseContext, id: string): Promise<UserDetail> {
  const user = await getUserForStaff(ctx, id);
  const pending = (await pendingKindsByUser(ctx.db, [id])).get(id) ?? [];
  const create = pending.includes('create') ? await findPendingRequestOf(ctx.db, id, 'create') : undefined;
  const since = new Date(ctx.clock().getTime() - ctx.security.throttle.windowMinutes * 60_000).toISOString();
  return {
    user: { ...user, pending },
    requestedRoles: create?.roles ? parseRoles(create.roles) : null,
    recentFailures: await countLoginFailuresFor(ctx.db, user.login, since),
  };
}

export async function getUserForStaff(ctx: UseCaseContext, id: string): Promise<UserWithAgency> {
  const u = await findUser(ctx.db, id);
  if (!u) throw new AppError('NOT_FOUND', '未找到该用户');
  if (!can(ctx.actor, 'user.read', { agencyId: u.agency_id, agencyPath: u.agency_path }))
    throw new AppError('FORBIDDEN');
  return u;
}
