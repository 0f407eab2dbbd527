import type { AgencyRow, UserRow } from '../../db/schema.ts';

/** What the audit log keeps of an agency: everything (all fields are public 公开指南 data or structure). */
export function agencySnapshot(a: AgencyRow): Record<string, unknown> {
  return { ...a, settings: safeJson(a.settings) };
}

/** What the audit log keeps of a user: never the password hash; only that it changed. */
export function userSnapshot(u: UserRow): Record<string, unknown> {
  return {
    id: u.id,
    login: u.login,
    display_name: u.display_name,
    email: u.email,
    agency_id: u.agency_id,
    roles: safeJson(u.roles),
    disabled: u.disabled,
    must_change_password: u.must_change_password,
    password_changed_at: u.password_changed_at,
    locked_until: u.locked_until,
    version: u.version,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
