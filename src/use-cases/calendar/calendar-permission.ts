import type { Actor } from '../../core/platform/actor.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';

/**
 * A State Council notice, and a closure of the whole site, hold for every agency: only a system administrator of
 * a root agency (the top of the tree) may enter them. A closure of one agency's subtree needs `calendar.manage`
 * over that agency.
 */
export function managesWholeSite(actor: Actor | null): boolean {
  if (!actor) return false;
  const own = { agencyId: actor.agencyId, agencyPath: actor.agencyPath };
  return can(actor, 'calendar.manage', own) && actor.agencyPath.split('/').filter(Boolean).length === 1;
}

export function requireWholeSite(actor: Actor | null): void {
  if (!managesWholeSite(actor)) throw new AppError('FORBIDDEN', '只有本级系统管理员可以录入节假日安排和全域停止办公');
}

export function requireCalendarAccess(actor: Actor | null): void {
  if (!actor || !can(actor, 'calendar.manage', { agencyId: actor.agencyId, agencyPath: actor.agencyPath }))
    throw new AppError('FORBIDDEN');
}
