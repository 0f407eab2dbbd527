import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { migrateToLatest } from '../../db/migrate-to-latest.ts';
import { isPostgresUrl, openDatabase, sqlitePath } from '../../db/open-database.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { gongkaiSqliteProblem, sqliteInUse } from '../../db/sqlite-file-check.ts';
import { verifyAuditChain } from '../../use-cases/platform/verify-audit-chain.ts';

const usage = '用法：gongkai restore 备份文件 [--database URL]';

/**
 * `gongkai restore FILE`: replaces the SQLite database with a backup. Refuses while the database is open
 * (stop the server first), refuses files that are not intact Gongkai databases, copies into a temporary file,
 * migrates it to the current schema and checks its audit chain, and only then swaps it in with a rename.
 * Exit 0: restored; 1: restored but the audit chain of the backup is broken (reported); 2: refused/error.
 */
export async function run(args: string[]): Promise<number> {
  const { url, rest } = resolveDatabaseUrl(args, process.env);
  if (rest.length !== 1) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  if (isPostgresUrl(url)) {
    process.stderr.write(
      'PostgreSQL 数据库请使用 pg_restore 恢复，例如：pg_restore --clean --if-exists -d "$DATABASE_URL" gongkai.dump\n',
    );
    return 2;
  }
  const source = resolve(rest[0] ?? '');
  const target = resolve(sqlitePath(url));
  const problem = gongkaiSqliteProblem(source);
  if (problem) {
    process.stderr.write(`拒绝恢复：${problem}\n`);
    return 2;
  }
  if (sqliteInUse(target)) {
    process.stderr.write(`拒绝恢复：数据库 ${target} 正在被使用，请先停止 Gongkai 服务\n`);
    return 2;
  }
  const temp = `${target}.restore-${process.pid}`;
  try {
    const src = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      await src.backup(temp);
    } finally {
      src.close();
    }
    const opened = openDatabase(`sqlite:${temp}`);
    let verdictText = '';
    let ok = true;
    try {
      const applied = await migrateToLatest(opened.db, 'sqlite');
      if (applied.length > 0) process.stdout.write(`已将备份升级到当前数据库结构：${applied.join('、')}\n`);
      const verdict = await verifyAuditChain(opened.db);
      ok = verdict.ok;
      verdictText = verdict.ok
        ? `审计哈希链完整（${verdict.entries} 条）`
        : `警告：备份中的审计哈希链在序号 ${verdict.brokenSeq} 处断裂：${verdict.problem}`;
      opened.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await opened.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    if (existsSync(target)) renameSync(target, `${target}.before-restore`);
    renameSync(temp, target);
    for (const suffix of ['-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    process.stdout.write(
      `已从 ${source} 恢复到 ${target}。${verdictText}\n` +
        (existsSync(`${target}.before-restore`) ? `原数据库已保留为 ${target}.before-restore\n` : ''),
    );
    return ok ? 0 : 1;
  } catch (e) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    process.stderr.write(`恢复失败：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
