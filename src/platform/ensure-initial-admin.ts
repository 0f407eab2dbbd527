import { randomInt } from 'node:crypto';
import { passwordProblems } from '../core/platform/password-rule.ts';
import { insertAgency } from '../db/repositories/agency-repository.ts';
import { insertUser } from '../db/repositories/user-repository.ts';
import type { Db } from '../db/schema.ts';
import { defaultSecurity, type UseCaseContext } from './context.ts';
import { hashPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';
import { newId } from './session-token.ts';
import { agencySnapshot, userSnapshot } from './snapshots.ts';

export interface InitialAdmin {
  login: string;
  /** Set when the password was generated here and must be shown once. */
  generatedPassword: string | null;
}

/**
 * An empty installation (GONGKAI_DEMO=0) gets one root agency to be renamed and one system administrator.
 * The password comes from GONGKAI_ADMIN_PASSWORD or is generated and printed once; either way it must be
 * changed at first login.
 */
export async function ensureInitialAdmin(
  db: Db,
  clock: () => Date,
  password: string | undefined,
): Promise<InitialAdmin> {
  if (password !== undefined) {
    const problems = passwordProblems(password, 'admin');
    if (problems.length > 0) throw new Error(`GONGKAI_ADMIN_PASSWORD 不符合密码规则：${problems.join('；')}`);
  }
  const generated = password === undefined ? generatePassword() : null;
  const hash = await hashPassword(password ?? generated ?? '');
  const ctx: UseCaseContext = { db, clock, actor: null, ip: '', security: defaultSecurity };
  const at = clock().toISOString();
  await db.transaction().execute(async (trx) => {
    const id = newId();
    const agency = await insertAgency(trx, {
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
      settings: '{}',
      sort_order: 0,
      is_demo: 0,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, ctx, {
      action: 'agency.create',
      entity: 'agency',
      entityId: id,
      actorLabel: '系统（初始化）',
      after: agencySnapshot(agency),
    });
    const user = await insertUser(trx, {
      id: newId(),
      login: 'admin',
      display_name: '系统管理员',
      password_hash: hash,
      agency_id: id,
      roles: JSON.stringify(['sysadmin']),
      failed_attempts: 0,
      locked_until: null,
      disabled: 0,
      must_change_password: 1,
      last_login_at: null,
      password_changed_at: at,
      is_demo: 0,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      actorLabel: '系统（初始化）',
      after: userSnapshot(user),
    });
  });
  return { login: 'admin', generatedPassword: generated };
}

function generatePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=!'];
  const chars: string[] = [];
  for (let i = 0; i < 16; i++) {
    const set = sets[i % sets.length] ?? '';
    chars.push(set[randomInt(set.length)] ?? 'x');
  }
  return chars.join('');
}
