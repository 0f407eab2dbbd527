import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../../db/open-database.ts';
import { processIo, type CliIo, type Env } from '../cli-io.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { formatAnchor, parseAnchor, type AuditAnchor } from '../../use-cases/platform/audit-anchor.ts';
import {
  keyFileHeader,
  newAuditKeyLine,
  nextKeyId,
  parseAuditKeys,
  type AuditKeyring,
} from '../../use-cases/platform/audit-keyring.ts';
import { auditKeySettingsFromEnv, loadAuditKeyring } from '../../use-cases/platform/load-audit-keyring.ts';
import { verifyAuditChain, type ChainVerdict } from '../../use-cases/platform/verify-audit-chain.ts';

const usage = [
  '用法：gongkai audit verify [--expect 序号:哈希]… [--json] [--database URL]   校验审计日志（0 完整，1 断裂，2 无法校验）',
  '      gongkai audit anchor [--json] [--database URL]                      校验后输出锚点“序号:哈希”，请保存在数据库以外',
  '      gongkai audit keygen [密钥文件]                                       生成审计密钥（写入文件时权限 0600）',
  '      gongkai audit rotate-key [--database URL]                           在密钥文件中加入新密钥（重启后生效）',
].join('\n');

/**
 * `gongkai audit …`: verify the keyed hash chain (optionally against anchors), print an anchor, generate or
 * rotate the audit key. The key comes from GONGKAI_AUDIT_KEY / GONGKAI_AUDIT_KEY_FILE, or (SQLite) the file
 * beside the database — never from the database itself.
 */
export async function run(args: string[], env: Env = process.env, io: CliIo = processIo): Promise<number> {
  const { url, rest } = resolveDatabaseUrl(args, env);
  const [sub, ...more] = rest;
  if (sub === 'verify' || sub === 'anchor') return verifyOrAnchor(sub, url, more, env, io);
  if (sub === 'keygen' && more.length <= 1) return keygen(more[0], io);
  if (sub === 'rotate-key' && more.length === 0) return rotateKey(url, env, io);
  io.err(`${usage}\n`);
  return 2;
}

async function verifyOrAnchor(
  sub: 'verify' | 'anchor',
  url: string,
  args: string[],
  env: Env,
  io: CliIo,
): Promise<number> {
  let json = false;
  const expect: AuditAnchor[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') json = true;
    else if (sub === 'verify' && (a === '--expect' || a.startsWith('--expect='))) {
      const value = a === '--expect' ? (args[++i] ?? '') : a.slice('--expect='.length);
      const anchor = parseAnchor(value);
      if (!anchor) {
        io.err(
          `--expect 的值“${value}”不是锚点：应为“序号:哈希”（gongkai audit anchor 的输出，如 1024:` +
            `${'0'.repeat(8)}…共 64 位十六进制）\n`,
        );
        return 2;
      }
      expect.push(anchor);
    } else {
      io.err(`${usage}\n`);
      return 2;
    }
  }
  const keys = loadAuditKeyring(auditKeySettingsFromEnv(env, url), { create: false });
  const keyring: AuditKeyring = keys.ok ? keys.keyring : { keys: [] };
  let database;
  try {
    database = openDatabase(url, { poolSize: 1 });
    const verdict = await verifyAuditChain({ db: database.db, auditKeys: keyring }, { expect });
    if (!verdict.ok && verdict.code === 'unknown-key' && !keys.ok) {
      io.err(`无法校验审计日志（${url}）：${keys.problem}\n`);
      return 2;
    }
    if (sub === 'anchor') return printAnchor(verdict, json, io);
    if (json) io.out(`${JSON.stringify(verdict)}\n`);
    else io.out(describeVerdict(verdict));
    return verdict.ok ? 0 : 1;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(`无法校验审计日志（${url}）：${explainDatabaseError(message)}\n`);
    return 2;
  } finally {
    await database?.close().catch(() => {});
  }
}

function explainDatabaseError(message: string): string {
  // A database the server never started on has no tables yet: say so in Chinese, not in the driver's words.
  if (/no such table|relation .* does not exist/.test(message)) {
    return '数据库尚未初始化，没有审计日志表；请先启动一次服务（npm start），或检查 DATABASE_URL';
  }
  if (/no such column|column .* does not exist/.test(message)) {
    return '数据库结构早于当前版本（缺少迁移 003-audit-anchor）；请先启动一次服务：自动迁移并用审计密钥封存已有条目';
  }
  return message;
}

function describeVerdict(v: ChainVerdict): string {
  if (!v.ok) return `审计哈希链在序号 ${v.brokenSeq} 处断裂（此前 ${v.entries} 条完好）：\n  ${v.problem}\n`;
  const lines = [
    `审计哈希链完整：共 ${v.entries} 条记录，链头 ${formatAnchor({ seq: v.entries, hash: v.headHash })}`,
    `  签名密钥：${v.keyIds.join('、')}（HMAC-SHA256，密钥不在数据库中）`,
  ];
  if (v.legacyEntries > 0) {
    lines.push(
      `  序号 1–${v.legacyEntries} 是启用审计密钥之前写入的旧式条目（SHA-256，无密钥），由序号 ${v.legacyEntries + 1} 的密钥条目封存：` +
        '封存之后未被改动；封存之前是否被改动，只有当时记下的锚点能证明。',
    );
  }
  lines.push(
    v.anchorsChecked > 0
      ? `  与 ${v.anchorsChecked} 个锚点一致。`
      : '  未提供锚点（--expect）：有数据库权限者截去链尾、再放回当时复制的旧链头，只有锚点能发现；请定期运行 gongkai audit anchor 并把输出保存在数据库以外。',
  );
  return `${lines.join('\n')}\n`;
}

function printAnchor(v: ChainVerdict, json: boolean, io: CliIo): number {
  if (!v.ok) {
    io.out(describeVerdict(v));
    io.err('审计哈希链不完整，不输出锚点。\n');
    return 1;
  }
  const anchor = formatAnchor({ seq: v.entries, hash: v.headHash });
  if (json) io.out(`${JSON.stringify({ anchor, seq: v.entries, hash: v.headHash })}\n`);
  else io.out(`${anchor}\n`);
  io.err(
    `审计哈希链完整（${v.entries} 条）。请把上面的锚点连同日期保存在数据库以外（纸质记录、另一台机器、只读介质）；` +
      `日后用 gongkai audit verify --expect ${anchor} 校验：截断或改写锚点之前的任何条目都会被发现。\n`,
  );
  return 0;
}

function keygen(file: string | undefined, io: CliIo): number {
  const line = newAuditKeyLine('k1');
  if (!file) {
    io.out(`${line}\n`);
    io.err('以上为新的审计密钥，可作为 GONGKAI_AUDIT_KEY 的值；更推荐写入文件：gongkai audit keygen 文件\n');
    return 0;
  }
  const path = resolve(file);
  try {
    writeFileSync(path, `${keyFileHeader}\n${line}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    io.err(
      (e as NodeJS.ErrnoException).code === 'EEXIST'
        ? `密钥文件已存在，未覆盖：${path}（轮换请用 gongkai audit rotate-key）\n`
        : `无法写入密钥文件 ${path}：${(e as Error).message}\n`,
    );
    return 2;
  }
  io.out(
    `已生成审计密钥文件 ${path}（权限 0600）。启动时设置 GONGKAI_AUDIT_KEY_FILE=${path}；` +
      '每台应用服务器使用同一文件，与数据库分开保管和备份。\n',
  );
  return 0;
}

/**
 * Adds a key to the key FILE (the last key signs new entries after the next start; the old ones stay for
 * verification). With GONGKAI_AUDIT_KEY in the environment there is no file to change: print the new value.
 */
function rotateKey(url: string, env: Env, io: CliIo): number {
  const settings = auditKeySettingsFromEnv(env, url);
  const loaded = loadAuditKeyring(settings, { create: false });
  if (!loaded.ok) {
    io.err(`无法轮换审计密钥：${loaded.problem}\n`);
    return 2;
  }
  const line = newAuditKeyLine(nextKeyId(loaded.keyring));
  const id = line.slice(0, line.indexOf(':'));
  const file = loaded.file;
  if (!file) {
    if (!settings.key) {
      io.err('内存数据库的审计密钥只在进程中存在，无法轮换\n');
      return 2;
    }
    io.out(`${settings.key},${line}\n`);
    io.err(
      `以上为 GONGKAI_AUDIT_KEY 的新值（原有密钥在前、新密钥“${id}”在后）。先停止全部应用服务器，把每台的 ` +
        'GONGKAI_AUDIT_KEY 改为该值，再启动：新条目由新密钥签名，旧密钥继续用于校验，不可删除。\n',
    );
    return 0;
  }
  const text = readFileSync(file, 'utf8');
  const next = `${text.endsWith('\n') ? text : `${text}\n`}${line}\n`;
  const check = parseAuditKeys(next, file);
  if (!check.ok) {
    io.err(`无法轮换审计密钥：${check.problem}\n`);
    return 2;
  }
  const temp = `${file}.rotate-${process.pid}`;
  writeFileSync(temp, next, { mode: 0o600, flag: 'wx' });
  renameSync(temp, file);
  io.out(
    `已在 ${file} 末尾加入新密钥“${id}”。先停止全部应用服务器，把这个文件分发到每台，再启动：启动时写入一条` +
      `“启用审计密钥”记录，此后新条目由“${id}”签名；旧密钥继续用于校验，不可删除。尚未更新密钥的服务器会拒绝写入审计日志。\n`,
  );
  return 0;
}
