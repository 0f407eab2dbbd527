import type { UserWithAgency } from '../../db/repositories/platform/user-repository.ts';
import type { AgencyRow, AuditLogRow, UserRow } from '../../db/schema.ts';
import { parseRoles } from '../../use-cases/platform/actor-from-user.ts';

/** JSON shapes of the API (camelCase; never a password hash or internal settings for the public). */
export function presentAgency(a: AgencyRow) {
  return {
    id: a.id,
    parentId: a.parent_id,
    name: a.name,
    code: a.code,
    kind: a.kind,
    address: a.address,
    postcode: a.postcode,
    officeHours: a.office_hours,
    phone: a.phone,
    fax: a.fax,
    onlineChannel: a.online_channel,
    email: a.email,
    reportDeadline: a.report_deadline,
    sortOrder: a.sort_order,
    isDemo: a.is_demo === 1,
    version: a.version,
    updatedAt: a.updated_at,
  };
}

export function presentUser(u: UserRow | UserWithAgency) {
  return {
    id: u.id,
    login: u.login,
    displayName: u.display_name,
    agencyId: u.agency_id,
    agencyName: 'agency_name' in u ? u.agency_name : undefined,
    roles: parseRoles(u.roles),
    disabled: u.disabled === 1,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    isDemo: u.is_demo === 1,
    version: u.version,
  };
}

export function presentAudit(r: AuditLogRow) {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor_label,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
