import { processIo, type CliIo, type Env } from '../cli-io.ts';
import { isAppError } from '../../core/platform/app-error.ts';
import { openDatabase } from '../../db/open-database.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { auditKeySettingsFromEnv, loadAuditKeyring } from '../../use-cases/platform/load-audit-keyring.ts';
import { recoverAdministrator } from '../../use-cases/platform/recover-administrator.ts';

const usage = '用法：gongkai account recover 登录名 [--database URL]（仅限管理员账号，在服务器上运行）';

/**
 * `gongkai account recover LOGIN`: a new one-time activation code for an administrator account that no second
 * administrator can reset (see recover-administrator.ts). Exit 0: printed; 1: refused; 2: usage or database error.
 */
export async function run(args: string[], env: Env = process.env, io: CliIo = processIo): Promise<number> {
  const { url, rest } = resolveDatabaseUrl(args, env);
  const [sub, login, ...extra] = rest;
  if (sub !== 'recover' || !login || extra.length > 0) {
    io.err(`${usage}\n`);
    return 2;
  }
  // The recovery is recorded in the audit trail, signed like every entry: without the key nothing is changed.
  const keys = loadAuditKeyring(auditKeySettingsFromEnv(env, url), { create: false });
  if (!keys.ok) {
    io.err(`无法恢复账号：${keys.problem}\n`);
    return 2;
  }
  let database;
  try {
    database = openDatabase(url, { poolSize: 1 });
    const r = await recoverAdministrator(database.db, () => new Date(), login, keys.keyring);
    const until = new Date(r.expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    io.out(
      `账号 ${r.login} 的原密码已失效，所有会话已结束。一次性激活码（${until}（北京时间）前有效，仅显示这一次）：\n` +
        `  第一段 ${r.codePart1}  第二段 ${r.codePart2}\n` +
        '请当面交给本人，由本人在 /staff/activate 设置新密码。此次恢复已记入审计日志。\n',
    );
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      io.err(`${e.message}\n`);
      return 1;
    }
    io.err(`无法恢复账号（${url}）：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    await database?.close().catch(() => {});
  }
}
