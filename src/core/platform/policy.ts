import type { Actor, AgencyScoped } from './actor.ts';
import { allRoles, type Role } from './roles.ts';

/**
 * The one authorization policy of the platform. Every use-case asks `can(actor, action, resource)` (or
 * `scopeOf` to filter a list) before it reads or writes; routes never decide on their own.
 *
 * Scope of a grant: 'own' — records of the actor's own agency; 'subtree' — of the actor's agency and every
 * agency below it (上级监督 reads its whole subtree); 'any' — not tied to agencies (the audit log).
 */
export type Action =
  | 'dashboard.view'
  | 'agency.read'
  | 'agency.create'
  | 'agency.update'
  | 'agency.updateGuide'
  | 'user.read'
  | 'user.create'
  | 'user.update'
  | 'user.grantAdminRole'
  | 'user.unlock'
  | 'user.resetPassword'
  | 'user.approveRequest'
  | 'audit.read'
  | 'submission.read'
  // 依申请公开 (issue 7): read a case; register and work on it (承办); review (审核) and sign (签发) an answer.
  | 'case.read'
  | 'case.handle'
  | 'case.review'
  | 'case.sign'
  // 主动公开 (issue 8)
  | 'publication.read'
  | 'publication.edit'
  | 'publication.review'
  | 'publication.publish'
  | 'publication.configure'
  | 'submission.reply'
  | 'calendar.manage'
  | 'notification.read'
  | 'noticeTemplate.read'
  | 'noticeTemplate.edit'
  // Annual reports (issue 9, docs/reports.md).
  | 'report.read'
  | 'report.edit'
  | 'report.submit'
  | 'report.publish'
  | 'report.review'
  | 'report.import';

export type Scope = 'own' | 'subtree' | 'any';

/** Every role, for its own records (a person's own notifications). */
function everyoneOwn(): Partial<Record<Role, Scope>> {
  return Object.fromEntries(allRoles.map((r) => [r, 'own'])) as Partial<Record<Role, Scope>>;
}

const grants: Readonly<Record<Action, Partial<Record<Role, Scope>>>> = {
  'dashboard.view': {
    sysadmin: 'own',
    secadmin: 'own',
    auditadmin: 'own',
    handler: 'own',
    reviewer: 'own',
    head: 'own',
    supervisor: 'own',
  },
  // Staff read their own agency; the supervisor its subtree; the system administrator the tree it manages.
  'agency.read': { sysadmin: 'subtree', handler: 'own', reviewer: 'own', head: 'own', supervisor: 'subtree' },
  'agency.create': { sysadmin: 'subtree' },
  'agency.update': { sysadmin: 'subtree' },
  // 条例第十二条: the agency keeps its 公开指南 up to date — its head may edit the contact details.
  'agency.updateGuide': { sysadmin: 'subtree', head: 'own' },
  'user.read': { sysadmin: 'subtree', secadmin: 'subtree' },
  'user.create': { sysadmin: 'subtree' },
  'user.update': { sysadmin: 'subtree' },
  // 三员分立: only the security administrator hands out administrator roles, unlocks accounts and resets
  // passwords (authentication is its domain, not the system administrator's).
  'user.grantAdminRole': { secadmin: 'subtree' },
  'user.unlock': { secadmin: 'subtree' },
  'user.resetPassword': { secadmin: 'subtree' },
  // Dual control: a request by one kind of administrator is approved by the other kind (see dual-control.ts,
  // which also checks the kinds and that nobody approves their own request or a change to their own account).
  'user.approveRequest': { sysadmin: 'subtree', secadmin: 'subtree' },
  // The audit administrator reads the audit log and nothing else.
  'audit.read': { auditadmin: 'any' },
  'submission.read': { handler: 'own', reviewer: 'own', head: 'own', supervisor: 'subtree' },
  // Applications: the agency's own staff work on them; 上级监督 reads the whole subtree (due-soon / overdue).
  'case.read': { handler: 'own', reviewer: 'own', head: 'own', supervisor: 'subtree' },
  'case.handle': { handler: 'own', reviewer: 'own', head: 'own' },
  'case.review': { reviewer: 'own', head: 'own' },
  // 签发 and approval of an extension (第三十三条: 政府信息公开工作机构负责人同意).
  'case.sign': { head: 'own' },
  // 主动公开 (条例第十九条–第二十六条): the agency's staff draft, review and publish its own items; the supervisor
  // reads its subtree (late items). Which review step a person may decide is the review chain's business.
  'publication.read': { handler: 'own', reviewer: 'own', head: 'own', supervisor: 'subtree' },
  'publication.edit': { handler: 'own', reviewer: 'own', head: 'own' },
  'publication.review': { reviewer: 'own', head: 'own' },
  // Publishing, scheduling and withdrawing (with the 保密审查 confirmation) — the person answerable for it.
  'publication.publish': { reviewer: 'own', head: 'own' },
  'publication.configure': { head: 'own', sysadmin: 'subtree' },
  'submission.reply': { handler: 'own', reviewer: 'own', head: 'own' },
  // The working-day calendar (docs/calendar.md): State Council notices are entered by the system administrator
  // of the root agency (they hold for the whole site); local closures by a system administrator for its subtree.
  'calendar.manage': { sysadmin: 'subtree' },
  // Everyone signed in reads their own notifications (docs/notifications.md); the records are the person's own.
  'notification.read': everyoneOwn(),
  // An agency's own notice templates (docs/notice-templates.md): its staff read them; the reviewer and the head,
  // who answer for what the agency sends (条例第三十六条 告知书), edit them.
  'noticeTemplate.read': { handler: 'own', reviewer: 'own', head: 'own' },
  'noticeTemplate.edit': { reviewer: 'own', head: 'own' },
  // 条例第四十九条/第五十条: each agency drafts and publishes its own annual report; the supervising office
  // (上级监督) reads its subtree's reports, returns or clears them (审核) and imports past published reports.
  'report.read': { handler: 'own', reviewer: 'own', head: 'own', supervisor: 'subtree' },
  'report.edit': { handler: 'own', reviewer: 'own', head: 'own' },
  'report.submit': { reviewer: 'own', head: 'own' },
  'report.publish': { head: 'own' },
  'report.review': { supervisor: 'subtree' },
  'report.import': { supervisor: 'subtree' },
};

/**
 * Actions that read citizens' or audit data. Granting a role that may perform any of them needs a second
 * administrator (dual-control.ts). Later modules add their protected reads here (cases, applicants, …).
 */
export const protectedReads: readonly Action[] = ['submission.read', 'audit.read', 'case.read'];

const breadth: Record<Scope, number> = { own: 1, subtree: 2, any: 3 };

/** The widest scope any of the actor's roles grants for the action, or null if none does. */
export function scopeOf(actor: Actor, action: Action): Scope | null {
  let best: Scope | null = null;
  for (const role of actor.roles) {
    const s = grants[action][role];
    if (s && (best === null || breadth[s] > breadth[best])) best = s;
  }
  return best;
}

/** Whether `actor` may perform `action` on a record of the given agency (or, for 'any' actions, at all). */
export function can(actor: Actor | null, action: Action, resource?: AgencyScoped): boolean {
  if (!actor) return false;
  const scope = scopeOf(actor, action);
  if (scope === null) return false;
  if (scope === 'any') return true;
  if (!resource) return false;
  if (scope === 'own') return resource.agencyId === actor.agencyId;
  return resource.agencyPath.startsWith(actor.agencyPath);
}

/** The roles that may ever perform the action — for menus and docs. */
export function rolesFor(action: Action): Role[] {
  return Object.keys(grants[action]) as Role[];
}
