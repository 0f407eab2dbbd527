import type { Actor } from '../../core/platform/actor.ts';
import { isRole, type Role } from '../../core/platform/roles.ts';
import type { UserWithAgency } from '../../db/repositories/platform/user-repository.ts';

export function parseRoles(json: string): Role[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
  } catch {
    return [];
  }
}

export function actorFromUser(u: UserWithAgency): Actor {
  return {
    id: u.id,
    login: u.login,
    displayName: u.display_name,
    agencyId: u.agency_id,
    agencyPath: u.agency_path,
    roles: parseRoles(u.roles),
  };
}
