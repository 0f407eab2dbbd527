import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { isPostgresUrl, sqlitePath } from '../../db/open-database.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { gongkaiSqliteProblem } from '../../db/sqlite-file-check.ts';
import { processIo, type CliIo } from '../cli-io.ts';
import { auditKeySettingsFromEnv, loadAuditKeyring } from '../../use-cases/platform/load-audit-keyring.ts';

const usage = '用法：gongkai backup 备份文件 [--database URL] [--force]';

/**
 * `gongkai backup FILE`: SQLite online backup (better-sqlite3's backup API, page by page, consistent while
 * the server keeps running and writing). PostgreSQL: use pg_dump (docs/platform.md).
 * Exit 0: done; 2: usage or I/O error.
 */
export async function run(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  const { url, rest } = resolveDatabaseUrl(args, env);
  const force = rest.includes('--force');
  const files = rest.filter((a) => a !== '--force');
  if (files.length !== 1) {
    io.err(`${usage}\n`);
    return 2;
  }
  if (isPostgresUrl(url)) {
    io.err('PostgreSQL 数据库请使用 pg_dump 备份，例如：pg_dump -Fc -f gongkai.dump "$DATABASE_URL"\n');
    return 2;
  }
  const source = sqlitePath(url);
  const target = resolve(files[0] ?? '');
  if (existsSync(target) && !force) {
    io.err(`备份文件已存在：${target}（如需覆盖请加 --force）\n`);
    return 2;
  }
  const problem = gongkaiSqliteProblem(source);
  if (problem) {
    io.err(`无法备份 ${source}：${problem}\n`);
    return 2;
  }
  const db = new SQLite(source, { fileMustExist: true, timeout: 5000 });
  try {
    const started = Date.now();
    const r = await db.backup(target);
    const check = gongkaiSqliteProblem(target);
    if (check) throw new Error(`备份文件校验失败：${check}`);
    io.out(`已备份 ${source} → ${target}（${r.totalPages} 页，${Date.now() - started} 毫秒）\n`);
    io.out(keyNote(env, url));
    return 0;
  } catch (e) {
    io.err(`备份失败：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    db.close();
  }
}

/** The audit key is deliberately not in the backup; restoring needs it. Say where it is. */
function keyNote(env: Record<string, string | undefined>, url: string): string {
  const keys = loadAuditKeyring(auditKeySettingsFromEnv(env, url), { create: false });
  const where = keys.ok ? keys.source : '（未找到审计密钥）';
  return (
    `注意：审计密钥不在备份中（${where}）。恢复时需要它来校验备份的审计日志：请把密钥与备份分开、另行妥善保管；` +
    '并用 gongkai audit anchor 记下锚点，保存在数据库以外。\n'
  );
}
