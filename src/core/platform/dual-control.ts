import { scopeOf, protectedReads } from './policy.ts';
import type { Actor } from './actor.ts';
import { isAdminRole, type Role } from './roles.ts';

/**
 * 三员分立 with dual control: no single administrator can give anyone access to citizens' or audit data, nor
 * obtain a credential for an account. A change that gives access — a new account, an added role, a move to
 * another agency, a new credential (password reset) — is *requested* by one administrator and *approved* by an
 * administrator of the other kind (系统管理员 ↔ 安全管理员). The one-time activation code of a new credential is
 * issued in two halves, one to each of them; only the person who receives both can set the password.
 */
export type AccountRequestKind = 'create' | 'grant' | 'reset';

export const accountRequestKindLabels: Readonly<Record<AccountRequestKind, string>> = {
  create: '新建账号',
  grant: '变更角色或所属机构',
  reset: '重置密码（签发激活码）',
};

/** Administrator roles that request and approve; the audit administrator does neither. */
export type ControllingRole = 'sysadmin' | 'secadmin';

/**
 * A role needs a second administrator to be granted if it is an administrator role, or if it reads citizens' or
 * audit data (derived from the policy, so a later module's new protected read is covered without a change here).
 */
export function grantNeedsSecondAdministrator(role: Role): boolean {
  if (isAdminRole(role)) return true;
  const probe: Actor = { id: '', login: '', displayName: '', agencyId: '', agencyPath: '/', roles: [role] };
  return protectedReads.some((action) => scopeOf(probe, action) !== null);
}

export interface Assignment {
  roles: readonly Role[];
  agencyId: string;
}

/**
 * Whether changing an account from `before` to `after` needs approval: a role that needs a second administrator
 * is added, or the account moves to another agency while holding such a role (it would then read that agency's
 * data). Removing roles never needs approval — taking access away must be quick.
 */
export function changeNeedsApproval(before: Assignment, after: Assignment): boolean {
  const added = after.roles.filter((r) => !before.roles.includes(r));
  if (added.some(grantNeedsSecondAdministrator)) return true;
  return before.agencyId !== after.agencyId && after.roles.some(grantNeedsSecondAdministrator);
}

/** Whether a new credential for an account holding `roles` needs approval (it would open what they read). */
export function credentialNeedsApproval(roles: readonly Role[]): boolean {
  return roles.some(grantNeedsSecondAdministrator);
}

/** The controlling role of an administrator, or null (the audit administrator and business roles). */
export function controllingRole(roles: readonly Role[]): ControllingRole | null {
  if (roles.includes('sysadmin')) return 'sysadmin';
  if (roles.includes('secadmin')) return 'secadmin';
  return null;
}

/** Who approves what the given kind of administrator requested: always the other kind. */
export function approverRoleFor(requester: ControllingRole): ControllingRole {
  return requester === 'sysadmin' ? 'secadmin' : 'sysadmin';
}

/**
 * Why `approver` may not decide a request (Chinese, for the person), or null if it may. The policy's scope check
 * (`user.approveRequest` on the account's agency) comes on top of this.
 */
export function approvalProblem(
  request: { requestedBy: string | null; requesterRole: string | null; userId: string },
  approver: Actor,
): string | null {
  if (request.requestedBy === approver.id) return '不得批准本人发起的申请，须由另一类管理员批准';
  if (request.userId === approver.id) return '不得批准涉及本人账号的申请';
  const mine = controllingRole(approver.roles);
  const needed =
    request.requesterRole === 'sysadmin' || request.requesterRole === 'secadmin'
      ? approverRoleFor(request.requesterRole)
      : null;
  if (!mine || mine !== needed) {
    return needed === 'secadmin'
      ? '系统管理员发起的申请须由安全管理员批准'
      : needed === 'sysadmin'
        ? '安全管理员发起的申请须由系统管理员批准'
        : '该申请无需批准';
  }
  return null;
}
