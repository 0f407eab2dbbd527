import type { UserWithAgency } from '../../db/repositories/platform/user-repository.ts';
import type { AccountRequestView } from '../../db/repositories/platform/account-request-repository.ts';
import type { AccountRequestRow, AgencyRow, AuditLogRow, UserRow } from '../../db/schema.ts';
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
    email: u.email,
    agencyId: u.agency_id,
    agencyName: 'agency_name' in u ? u.agency_name : undefined,
    roles: parseRoles(u.roles),
    disabled: u.disabled === 1,
    /** False until the person has set a password with an activation code. */
    activated: u.password_hash !== '',
    pendingRequests: 'pending' in u && Array.isArray(u.pending) ? (u.pending as string[]) : undefined,
    lastLoginAt: u.last_login_at,
    isDemo: u.is_demo === 1,
    version: u.version,
  };
}

/** An account request — never its code hashes. */
export function presentAccountRequest(r: AccountRequestRow | AccountRequestView) {
  return {
    id: r.id,
    kind: r.kind,
    userId: r.user_id,
    login: 'login' in r ? r.login : undefined,
    roles: r.roles === null ? null : parseRoles(r.roles),
    agencyId: r.agency_id,
    requestedBy: r.requested_by,
    requesterRole: r.requester_role,
    requestedAt: r.requested_at,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    codeExpiresAt: r.code_expires_at,
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
