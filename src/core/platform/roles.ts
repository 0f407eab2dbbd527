/**
 * Roles of the platform.
 *
 * The three administrator roles (三员: 系统管理员、安全管理员、审计管理员) follow GB/T 22239-2019 (等保 2.0) 三权分立:
 * they are held by different people and never together with a business role, so nobody can both act and
 * cover the traces. Business roles map to the disclosure workflow of 《政府信息公开条例》.
 */
export const adminRoles = ['sysadmin', 'secadmin', 'auditadmin'] as const;
export const businessRoles = ['handler', 'reviewer', 'head', 'supervisor'] as const;
export const allRoles = [...adminRoles, ...businessRoles] as const;

export type AdminRole = (typeof adminRoles)[number];
export type BusinessRole = (typeof businessRoles)[number];
export type Role = (typeof allRoles)[number];

export const roleLabels: Readonly<Record<Role, string>> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
  handler: '承办人',
  reviewer: '审核人',
  head: '机构负责人',
  supervisor: '上级监督',
};

export function isRole(value: string): value is Role {
  return (allRoles as readonly string[]).includes(value);
}

export function isAdminRole(role: Role): role is AdminRole {
  return (adminRoles as readonly string[]).includes(role);
}

/**
 * Checks a role set against 三员分立. Returns a Chinese message for the first violation, or null.
 */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少选择一个角色';
  const admins = roles.filter(isAdminRole);
  if (admins.length > 1) return '系统管理员、安全管理员、审计管理员须由不同人员担任（三员分立）';
  if (admins.length === 1 && roles.length > 1) return '管理员角色不得与业务角色兼任（三员分立）';
  return null;
}
