import { openDatabase } from '../../db/open-database.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { verifyAuditChain } from '../../use-cases/platform/verify-audit-chain.ts';

const usage = '用法：gongkai audit verify [--database URL] [--json]';

/**
 * `gongkai audit verify`: walks the audit hash chain and names the first broken link.
 * Exit 0: intact; 1: broken; 2: usage or database error.
 */
export async function run(args: string[]): Promise<number> {
  const { url, rest } = resolveDatabaseUrl(args, process.env);
  const json = rest.includes('--json');
  const [sub, ...extra] = rest.filter((a) => a !== '--json');
  if (sub !== 'verify' || extra.length > 0) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  let database;
  try {
    database = openDatabase(url, { poolSize: 1 });
    const verdict = await verifyAuditChain(database.db);
    if (json) process.stdout.write(`${JSON.stringify(verdict)}\n`);
    else if (verdict.ok) {
      process.stdout.write(`审计哈希链完整：共 ${verdict.entries} 条记录，链头哈希 ${verdict.headHash}\n`);
    } else {
      process.stdout.write(
        `审计哈希链在序号 ${verdict.brokenSeq} 处断裂（此前 ${verdict.entries} 条完好）：\n  ${verdict.problem}\n`,
      );
    }
    return verdict.ok ? 0 : 1;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A database the server never started on has no tables yet: say so in Chinese, not in the driver's words.
    const uninitialised = /no such table|does not exist/.test(message);
    process.stderr.write(
      uninitialised
        ? `无法校验审计日志（${url}）：数据库尚未初始化，没有审计日志表；请先启动一次服务（npm start），或检查 DATABASE_URL\n`
        : `无法校验审计日志（${url}）：${message}\n`,
    );
    return 2;
  } finally {
    await database?.close().catch(() => {});
  }
}
