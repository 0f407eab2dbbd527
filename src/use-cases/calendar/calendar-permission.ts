import type { Actor } from '../../core/platform/actor.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { sysadminInAgencies } from '../../db/repositories/calendar/calendar-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';

const ownScope = (actor: Actor) => ({ agencyId: actor.agencyId, agencyPath: actor.agencyPath });

/**
 * A State Council notice, and a closure of the whole site, hold for every agency: only the top system
 * administrator (本级系统管理员 — a system administrator with none above it in the agency tree; at first start
 * that is the root agency's) may enter them. A closure of one agency's subtree needs `calendar.manage` over that
 * agency.
 */
export async function managesWholeSite(ctx: Pick<UseCaseContext, 'db' | 'actor'>): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || !can(actor, 'calendar.manage', ownScope(actor))) return false;
  const ancestors = actor.agencyPath.split('/').filter(Boolean).slice(0, -1);
  return !(await sysadminInAgencies(ctx.db, ancestors));
}

export async function requireWholeSite(ctx: Pick<UseCaseContext, 'db' | 'actor'>): Promise<void> {
  if (!(await managesWholeSite(ctx)))
    throw new AppError('FORBIDDEN', '只有本级系统管理员可以录入节假日安排和全域停止办公');
}

export function requireCalendarAccess(actor: Actor | null): void {
  if (!actor || !can(actor, 'calendar.manage', ownScope(actor))) throw new AppError('FORBIDDEN');
}
