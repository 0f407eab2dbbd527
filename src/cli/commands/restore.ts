import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { installAuditTriggers } from '../../db/audit-triggers.ts';
import { migrateToLatest } from '../../db/migrate-to-latest.ts';
import { isPostgresUrl, openDatabase, sqlitePath, type OpenDatabase } from '../../db/open-database.ts';
import { isCustomDump, postgresTableCount, readDumpTables, restoreDump } from '../../db/postgres-dump.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { gongkaiSqliteProblem, sqliteInUse } from '../../db/sqlite-file-check.ts';
import { processIo, type CliIo, type Env } from '../cli-io.ts';
import type { CheckedRow } from '../../use-cases/platform/audit-chain-checker.ts';
import type { AuditKeyring } from '../../use-cases/platform/audit-keyring.ts';
import { defaultSecurity } from '../../use-cases/platform/context.ts';
import { auditKeySettingsFromEnv, loadAuditKeyring } from '../../use-cases/platform/load-audit-keyring.ts';
import { recordRestore } from '../../use-cases/platform/record-restore.ts';
import { verifyAuditChain, verifyAuditRows, type ChainVerdict } from '../../use-cases/platform/verify-audit-chain.ts';

const usage = '用法：gongkai restore 备份文件 [--force] [--database URL]';

interface Plan {
  io: CliIo;
  source: string;
  url: string;
  keys: AuditKeyring;
  force: boolean;
}

/**
 * `gongkai restore FILE`: puts a backup back — a SQLite file made by `gongkai backup`, or, when the database is
 * PostgreSQL, a `pg_dump -Fc` archive into an EMPTY database. In both cases, before the backup replaces anything:
 * it must be an intact Gongkai database and its audit chain must verify with the configured audit keys (refused
 * otherwise, exit 2, unless --force). Then the append-only triggers are re-created (a backup may have had them
 * dropped) and the restore itself is written into the audit trail — source file and its SHA-256, verdict,
 * whether forced, who ran it.
 * Exit 0: restored, chain intact; 1: restored with --force although the chain is broken; 2: refused or failed.
 */
export async function run(args: string[], env: Env = process.env, io: CliIo = processIo): Promise<number> {
  const { url, rest } = resolveDatabaseUrl(args, env);
  const force = rest.includes('--force');
  const files = rest.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0]?.startsWith('-')) {
    io.err(`${usage}\n`);
    return 2;
  }
  const source = resolve(files[0] ?? '');
  const problem = isPostgresUrl(url) ? dumpProblem(source) : gongkaiSqliteProblem(source);
  if (problem) return refuse(io, problem);
  const keys = loadAuditKeyring(auditKeySettingsFromEnv(env, url), { create: false });
  if (!keys.ok) {
    return refuse(io, `${keys.problem}。恢复须使用备份所属部署的审计密钥：用它校验备份的审计日志，并记录这次恢复`);
  }
  const plan = { io, source, url, keys: keys.keyring, force };
  try {
    return isPostgresUrl(url) ? await restorePostgres(plan) : await restoreSqlite(plan);
  } catch (e) {
    io.err(`恢复失败：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

async function restoreSqlite(plan: Plan): Promise<number> {
  const target = resolve(sqlitePath(plan.url));
  if (sqliteInUse(target)) return refuse(plan.io, `数据库 ${target} 正在被使用，请先停止 Gongkai 服务`);
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.restore-${process.pid}`;
  const cleanTemp = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
  };
  try {
    const src = new SQLite(plan.source, { readonly: true, fileMustExist: true });
    try {
      await src.backup(temp);
    } finally {
      src.close();
    }
    const opened = openDatabase(`sqlite:${temp}`);
    let verdict: ChainVerdict;
    let seq: number;
    try {
      const applied = await migrateToLatest(opened.db, 'sqlite');
      if (applied.length > 0) plan.io.out(`已将备份升级到当前数据库结构：${applied.join('、')}\n`);
      await installAuditTriggers(opened.db, 'sqlite');
      verdict = await verifyAuditChain({ db: opened.db, auditKeys: plan.keys });
      if (!accepted(verdict) && !plan.force) {
        await opened.close();
        cleanTemp();
        return refuseBroken(plan.io, verdict);
      }
      seq = await record(opened, plan, verdict, existsSync(target) ? `${target}.before-restore` : null);
      opened.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await opened.close().catch(() => {});
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    const kept = existsSync(target);
    if (kept) renameSync(target, `${target}.before-restore`);
    renameSync(temp, target);
    cleanTemp();
    report(plan.io, plan.source, target, verdict, seq);
    if (kept) plan.io.out(`原数据库已保留为 ${target}.before-restore\n`);
    return accepted(verdict) ? 0 : 1;
  } catch (e) {
    cleanTemp();
    throw e;
  }
}

/**
 * PostgreSQL: the dump's audit chain is verified from the archive itself (readDumpTables) BEFORE anything is
 * written, so a refused dump leaves the target database untouched; then pg_restore loads it in one transaction.
 */
async function restorePostgres(plan: Plan): Promise<number> {
  const opened = openDatabase(plan.url, { poolSize: 1 });
  try {
    if ((await postgresTableCount(opened.db)) > 0) {
      return refuse(
        plan.io,
        `目标数据库 ${opened.description} 不是空库。PostgreSQL 备份只恢复到新建的空库：` +
          'createdb -T template0 -E UTF8 --locale=C.UTF-8 库名，再把 DATABASE_URL 指向它',
      );
    }
    const tables = await readDumpTables(plan.source, ['app_settings', 'audit_log', 'audit_head']);
    if (!tables.get('app_settings')?.some((r) => r['key'] === 'application' && r['value'] === 'gongkai')) {
      return refuse(plan.io, '不是 Gongkai 的数据库备份（缺少应用标记）');
    }
    const rows: CheckedRow[] = (tables.get('audit_log') ?? []).map((r) => ({
      seq: Number(r['seq']),
      at: r['at'] ?? '',
      actor_id: r['actor_id'] ?? null,
      actor_label: r['actor_label'] ?? '',
      action: r['action'] ?? '',
      entity: r['entity'] ?? '',
      entity_id: r['entity_id'] ?? null,
      before_json: r['before_json'] ?? null,
      after_json: r['after_json'] ?? null,
      ip: r['ip'] ?? null,
      prev_hash: r['prev_hash'] ?? '',
      hash: r['hash'] ?? '',
      ...('key_id' in r ? { key_id: r['key_id'] } : {}),
    }));
    const h = tables.get('audit_head')?.find((r) => r['id'] === '1');
    const head = h
      ? { seq: Number(h['seq']), hash: h['hash'] ?? '', keyId: h['key_id'] ?? null, mac: h['mac'] ?? null }
      : null;
    const verdict = verifyAuditRows(plan.keys, rows, head);
    if (!accepted(verdict) && !plan.force) return refuseBroken(plan.io, verdict);

    await restoreDump(plan.source, plan.url);
    const applied = await migrateToLatest(opened.db, 'postgres');
    if (applied.length > 0) plan.io.out(`已将备份升级到当前数据库结构：${applied.join('、')}\n`);
    await installAuditTriggers(opened.db, 'postgres');
    const seq = await record(opened, plan, verdict, null);
    report(plan.io, plan.source, opened.description, verdict, seq);
    return accepted(verdict) ? 0 : 1;
  } finally {
    await opened.close().catch(() => {});
  }
}

/** A chain that verifies; or one made entirely before audit keys existed, which the restore entry then seals. */
function accepted(v: ChainVerdict): boolean {
  return v.ok || v.code === 'unsealed';
}

async function record(opened: OpenDatabase, plan: Plan, verdict: ChainVerdict, previous: string | null) {
  const ctx = {
    db: opened.db,
    clock: () => new Date(),
    actor: null,
    ip: '',
    security: defaultSecurity,
    auditKeys: plan.keys,
  };
  return recordRestore(ctx, {
    source: plan.source,
    sourceSha256: await sha256File(plan.source),
    verdict,
    forced: plan.force && !accepted(verdict),
    previous,
    operator: operatorName(),
  });
}

function report(io: CliIo, source: string, target: string, v: ChainVerdict, seq: number): void {
  const chain = v.ok
    ? `备份的审计哈希链完整（${v.entries} 条）。`
    : v.code === 'unsealed'
      ? `备份早于审计密钥（迁移 003）：其 ${v.entries} 条旧式条目只经 SHA-256 校验，不能排除有数据库权限者的改写；本次恢复记录用当前密钥封存它们。`
      : `警告：已按 --force 恢复，但备份的审计哈希链在序号 ${v.brokenSeq} 处断裂：${v.problem}`;
  io.out(
    `已从 ${source} 恢复到 ${target}。${chain}\n已重建审计日志的只追加触发器，并把这次恢复记入审计日志（序号 ${seq}）。\n`,
  );
}

function refuse(io: CliIo, problem: string): number {
  io.err(`拒绝恢复：${problem}\n`);
  return 2;
}

function refuseBroken(io: CliIo, v: ChainVerdict): number {
  const where = v.ok ? '' : `在序号 ${v.brokenSeq} 处断裂：${v.problem}`;
  return refuse(
    io,
    `备份的审计哈希链${where}。数据库未作任何改动。若确认仍要恢复这份备份，请加 --force（断裂情况和这次恢复会记入审计日志）`,
  );
}

function dumpProblem(file: string): string | null {
  if (!existsSync(file)) return `文件不存在：${file}`;
  if (!isCustomDump(file)) return `${file} 不是 pg_dump -Fc（自定义格式）生成的 PostgreSQL 备份`;
  return null;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return '未知';
  }
}
