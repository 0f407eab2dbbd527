import { addAgency, addUser } from './add-records.ts';
import type { AdminRole } from '../../core/platform/roles.ts';
import { findLiveCode, insertAccountRequest } from '../../db/repositories/platform/account-request-repository.ts';
import { getSetting, setSetting } from '../../db/repositories/platform/setting-repository.ts';
import { findUser } from '../../db/repositories/platform/user-repository.ts';
import type { Db, Executor } from '../../db/schema.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import { hashCodePart, newCodePart } from './code-parts.ts';
import { defaultSecurity, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { newId } from './session-token.ts';
import { plainAgency } from './plain-agency.ts';

export interface InitialAccount {
  login: string;
  role: AdminRole;
  /** The two halves of the one-time activation code, shown once on the server's console. */
  codePart1: string;
  codePart2: string;
  expiresAt: string;
}

const accounts: { login: string; displayName: string; role: AdminRole }[] = [
  { login: 'admin', displayName: '系统管理员', role: 'sysadmin' },
  { login: 'security', displayName: '安全管理员', role: 'secadmin' },
  { login: 'auditor', displayName: '审计管理员', role: 'auditadmin' },
];

const label = '系统（初始化）';
const bootstrapKey = 'bootstrap_admins';

/**
 * An empty installation (no demo) gets one root agency to be renamed and the three administrators of 三员分立 —
 * all three from the start, since each kind approves what the other requests. Nobody knows their passwords:
 * each account gets a one-time activation code (both halves), printed once on the server's console, with which
 * its holder sets the password at /staff/activate. Whoever can read that console runs the server and holds
 * the database anyway; the codes are the one place where no second administrator exists yet.
 */
export async function ensureInitialAdmin(
  db: Db,
  clock: () => Date,
  auditKeys: AuditKeyring,
): Promise<InitialAccount[]> {
  const ctx: UseCaseContext = { db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys };
  return db.transaction().execute(async (trx) => {
    const id = newId();
    await addAgency(
      trx,
      ctx,
      plainAgency({
        id,
        parent: null,
        name: '本级机关（请在“机构管理”中修改名称和代码）',
        code: '000000000000000000',
        kind: 'district',
        sortOrder: 0,
      }),
      label,
    );
    const out: InitialAccount[] = [];
    const ids: string[] = [];
    for (const a of accounts) {
      const user = await addUser(
        trx,
        ctx,
        {
          id: newId(),
          login: a.login,
          display_name: a.displayName,
          password_hash: '',
          agency_id: id,
          roles: JSON.stringify([a.role]),
          must_change_password: 0,
          is_demo: 0,
        },
        label,
      );
      ids.push(user.id);
      out.push({ login: a.login, role: a.role, ...(await issueBootstrapCode(trx, ctx, user.id)) });
    }
    await setSetting(trx, bootstrapKey, JSON.stringify(ids));
    return out;
  });
}

/**
 * At every start: a first administrator who has never activated the account and has no live code (it ran out)
 * gets a fresh one on the console — an installation never ends up with nobody able to sign in.
 */
export async function reissueBootstrapCodes(
  db: Db,
  clock: () => Date,
  auditKeys: AuditKeyring,
): Promise<InitialAccount[]> {
  const ids = JSON.parse((await getSetting(db, bootstrapKey)) ?? '[]') as string[];
  const ctx: UseCaseContext = { db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys };
  const out: InitialAccount[] = [];
  for (const id of ids) {
    const user = await findUser(db, id);
    if (!user || user.password_hash !== '' || user.disabled || user.last_login_at) continue;
    if (await findLiveCode(db, id, clock().toISOString())) continue;
    const role = JSON.parse(user.roles) as AdminRole[];
    const code = await db.transaction().execute((trx) => issueBootstrapCode(trx, ctx, id));
    out.push({ login: user.login, role: role[0] ?? 'sysadmin', ...code });
  }
  return out;
}

async function issueBootstrapCode(trx: Executor, ctx: UseCaseContext, userId: string) {
  const codePart1 = newCodePart();
  const codePart2 = newCodePart();
  const at = ctx.clock();
  const expiresAt = new Date(at.getTime() + ctx.security.activationCodeHours * 3_600_000).toISOString();
  const request = await insertAccountRequest(trx, {
    id: newId(),
    kind: 'create',
    user_id: userId,
    roles: null,
    agency_id: null,
    requested_by: null,
    requester_role: null,
    requested_at: at.toISOString(),
    status: 'approved',
    code1_hash: hashCodePart(codePart1),
    code2_hash: hashCodePart(codePart2),
    code_expires_at: expiresAt,
  });
  await recordAudit(trx, ctx, {
    action: 'account.bootstrapCode',
    entity: 'user',
    entityId: userId,
    actorLabel: label,
    after: { request_id: request.id, expires_at: expiresAt },
  });
  return { codePart1, codePart2, expiresAt };
}
