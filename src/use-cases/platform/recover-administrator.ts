import { AppError } from '../../core/platform/app-error.ts';
import { isAdminRole } from '../../core/platform/roles.ts';
import { insertAccountRequest, retireCodes } from '../../db/repositories/platform/account-request-repository.ts';
import { findUserByLogin } from '../../db/repositories/platform/user-repository.ts';
import type { Db } from '../../db/schema.ts';
import { parseRoles } from './actor-from-user.ts';
import { applyReset } from './approve-account-request.ts';
import { hashCodePart, newCodePart } from './code-parts.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import { defaultSecurity, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { newId } from './session-token.ts';

export interface RecoveryCode {
  login: string;
  codePart1: string;
  codePart2: string;
  expiresAt: string;
}

/**
 * `gongkai account recover LOGIN`, run by the operator on the server: a new activation code (both halves) for an
 * administrator account, printed on the console. Dual control needs a second administrator of the other kind,
 * and there may be none left who can approve (the only 系统管理员 forgot the password: only a 系统管理员 approves
 * its reset, and never its own). Whoever runs commands on the server holds the database anyway; this way the
 * recovery is at least in the audit trail. Business accounts are reset through the normal dual-controlled path.
 */
export async function recoverAdministrator(
  db: Db,
  clock: () => Date,
  login: string,
  auditKeys: AuditKeyring,
): Promise<RecoveryCode> {
  const ctx: UseCaseContext = { db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys };
  const user = await findUserByLogin(db, login.trim().toLowerCase());
  if (!user) throw new AppError('NOT_FOUND', `未找到登录名为 ${login} 的账号`);
  if (!parseRoles(user.roles).some(isAdminRole)) {
    throw new AppError('FORBIDDEN', '只能恢复管理员账号；业务账号请由安全管理员申请重置、系统管理员批准');
  }
  if (user.disabled) throw new AppError('CONFLICT', '该账号已停用');
  const codePart1 = newCodePart();
  const codePart2 = newCodePart();
  const now = clock();
  const expiresAt = new Date(now.getTime() + ctx.security.resetCodeHours * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await retireCodes(trx, user.id, now.toISOString());
    const request = await insertAccountRequest(trx, {
      id: newId(),
      kind: 'reset',
      user_id: user.id,
      roles: null,
      agency_id: null,
      requested_by: null,
      requester_role: null,
      requested_at: now.toISOString(),
      status: 'approved',
      code1_hash: hashCodePart(codePart1),
      code2_hash: hashCodePart(codePart2),
      code_expires_at: expiresAt,
    });
    await applyReset(trx, ctx, user.id, user.login, user.version);
    await recordAudit(trx, ctx, {
      action: 'account.recoveryCode',
      entity: 'user',
      entityId: user.id,
      actorLabel: '系统（服务器上的恢复命令）',
      after: { request_id: request.id, expires_at: expiresAt },
    });
  });
  return { login: user.login, codePart1, codePart2, expiresAt };
}
