import { openDatabase } from '../../db/open-database.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { verifyAuditChain } from '../../platform/verify-audit-chain.ts';

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
    process.stderr.write(`无法校验审计日志（${url}）：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    await database?.close().catch(() => {});
  }
}
