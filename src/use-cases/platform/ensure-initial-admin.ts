import { addAgency, addUser } from './add-records.ts';
import { randomInt } from 'node:crypto';
import { passwordProblems } from '../../core/platform/password-rule.ts';
import type { AdminRole } from '../../core/platform/roles.ts';
import type { Db } from '../../db/schema.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import { defaultSecurity, type UseCaseContext } from './context.ts';
import { hashPassword } from './password-hash.ts';
import { newId } from './session-token.ts';

export interface InitialAccount {
  login: string;
  role: AdminRole;
  /** Set when the password was generated here and must be shown once. */
  generatedPassword: string | null;
}

const accounts: { login: string; displayName: string; role: AdminRole }[] = [
  { login: 'admin', displayName: '系统管理员', role: 'sysadmin' },
  { login: 'security', displayName: '安全管理员', role: 'secadmin' },
  { login: 'auditor', displayName: '审计管理员', role: 'auditadmin' },
];

/**
 * An empty installation (GONGKAI_DEMO=0) gets one root agency to be renamed and the three administrators of
 * 三员分立 — all three are needed from the start, since only the security administrator can hand out
 * administrator roles. `admin`'s password may come from GONGKAI_ADMIN_PASSWORD; the others (and admin's
 * without it) are generated and printed once. Every one must be changed at first login.
 */
export async function ensureInitialAdmin(
  db: Db,
  clock: () => Date,
  adminPassword: string | undefined,
  auditKeys: AuditKeyring,
): Promise<InitialAccount[]> {
  if (adminPassword !== undefined) {
    const problems = passwordProblems(adminPassword, 'admin');
    if (problems.length > 0) throw new Error(`GONGKAI_ADMIN_PASSWORD 不符合密码规则：${problems.join('；')}`);
  }
  const plan = accounts.map((a) => {
    const generated = a.role === 'sysadmin' && adminPassword !== undefined ? null : generatePassword();
    return { ...a, generated, password: generated ?? adminPassword ?? '' };
  });
  const hashes = await Promise.all(plan.map((p) => hashPassword(p.password)));
  const ctx: UseCaseContext = { db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys };
  const label = '系统（初始化）';
  await db.transaction().execute(async (trx) => {
    const id = newId();
    await addAgency(
      trx,
      ctx,
      {
        id,
        parent_id: null,
        path: `/${id}/`,
        name: '本级机关（请在“机构管理”中修改名称和代码）',
        code: '000000000000000000',
        kind: 'district',
        address: '',
        postcode: '',
        office_hours: '',
        phone: '',
        fax: '',
        online_channel: '',
        email: '',
        report_deadline: '01-31',
        sort_order: 0,
        is_demo: 0,
      },
      label,
    );
    for (const [i, p] of plan.entries()) {
      await addUser(
        trx,
        ctx,
        {
          id: newId(),
          login: p.login,
          display_name: p.displayName,
          password_hash: hashes[i] ?? '',
          agency_id: id,
          roles: JSON.stringify([p.role]),
          must_change_password: 1,
          is_demo: 0,
        },
        label,
      );
    }
  });
  return plan.map((p) => ({ login: p.login, role: p.role, generatedPassword: p.generated }));
}

function generatePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=!'];
  const chars: string[] = [];
  for (let i = 0; i < 16; i++) {
    const set = sets[i % sets.length] ?? '';
    chars.push(set[randomInt(set.length)] ?? 'x');
  }
  // Shuffle so the character classes are not in a fixed pattern.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
