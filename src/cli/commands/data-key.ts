import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../../db/open-database.ts';
import { resolveDatabaseUrl } from '../../db/resolve-database-url.ts';
import { dataKeyFileHeader, newDataKeyLine, parseDataKeys } from '../../security/field-cipher.ts';
import { dataKeySettingsFromEnv, loadDataKeyring } from '../../security/load-data-keyring.ts';
import { resealApplicants } from '../../use-cases/cases/reseal-applicants.ts';
import { defaultSecurity } from '../../use-cases/platform/context.ts';
import { auditKeySettingsFromEnv, loadAuditKeyring } from '../../use-cases/platform/load-audit-keyring.ts';
import { processIo, type CliIo, type Env } from '../cli-io.ts';

const usage = [
  '用法：gongkai data-key keygen [密钥文件]            生成个人信息加密密钥（写入文件时权限 0600）',
  '      gongkai data-key rotate [--database URL]      在密钥文件中加入新密钥，并用新密钥重新加密全部申请人信息',
].join('\n');

/**
 * `gongkai data-key …`: the key that seals applicants' personal data (src/security/field-cipher.ts). It comes
 * from GONGKAI_DATA_KEY / GONGKAI_DATA_KEY_FILE or (SQLite) the file beside the database — never the database.
 */
export async function run(args: string[], env: Env = process.env, io: CliIo = processIo): Promise<number> {
  const { url, rest } = resolveDatabaseUrl(args, env);
  const [sub, ...more] = rest;
  if (sub === 'keygen' && more.length <= 1) return keygen(more[0], io);
  if (sub === 'rotate' && more.length === 0) return rotate(url, env, io);
  io.err(`${usage}\n`);
  return 2;
}

function keygen(file: string | undefined, io: CliIo): number {
  const line = newDataKeyLine('k1');
  if (!file) {
    io.out(`${line}\n`);
    io.err('以上为新的个人信息加密密钥，可作为 GONGKAI_DATA_KEY 的值；更推荐写入文件\n');
    return 0;
  }
  const path = resolve(file);
  try {
    writeFileSync(path, `${dataKeyFileHeader}\n${line}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    io.err(`无法写入密钥文件 ${path}：${(e as Error).message}\n`);
    return 2;
  }
  io.out(`已生成个人信息加密密钥文件 ${path}（权限 0600）。启动时设置 GONGKAI_DATA_KEY_FILE=${path}。\n`);
  return 0;
}

/**
 * Adds a key to the key file and re-seals every applicant under it. Stop the app servers first and start them
 * with the new file afterwards: a server holding only the old keys cannot open the re-sealed rows.
 */
async function rotate(url: string, env: Env, io: CliIo): Promise<number> {
  const settings = dataKeySettingsFromEnv(env, url);
  const loaded = loadDataKeyring(settings, { create: false });
  if (!loaded.ok) {
    io.err(`无法轮换个人信息加密密钥：${loaded.problem}\n`);
    return 2;
  }
  if (!loaded.file) {
    io.err(
      '个人信息加密密钥来自环境变量 GONGKAI_DATA_KEY：请把新密钥（gongkai data-key keygen）追加到该值末尾，再运行本命令时改用密钥文件\n',
    );
    return 2;
  }
  const used = new Set(loaded.keyring.keys.map((k) => k.id));
  let n = loaded.keyring.keys.length + 1;
  while (used.has(`k${n}`)) n++;
  const line = newDataKeyLine(`k${n}`);
  const text = readFileSync(loaded.file, 'utf8');
  const next = `${text.endsWith('\n') ? text : `${text}\n`}${line}\n`;
  const parsed = parseDataKeys(next, loaded.file);
  if (!parsed.ok) {
    io.err(`无法轮换个人信息加密密钥：${parsed.problem}\n`);
    return 2;
  }
  const audit = loadAuditKeyring(auditKeySettingsFromEnv(env, url), { create: false });
  if (!audit.ok) {
    io.err(`无法轮换个人信息加密密钥：${audit.problem}\n`);
    return 2;
  }
  const temp = `${loaded.file}.rotate-${process.pid}`;
  writeFileSync(temp, next, { mode: 0o600, flag: 'wx' });
  renameSync(temp, loaded.file);
  const database = openDatabase(url);
  try {
    const r = await resealApplicants({
      db: database.db,
      clock: () => new Date(),
      actor: null,
      ip: '',
      security: defaultSecurity,
      auditKeys: audit.keyring,
      dataKeys: parsed.keyring,
    });
    io.out(
      `已在 ${loaded.file} 末尾加入新密钥“k${n}”，并用它重新加密了 ${r.resealed} 件申请（共 ${r.total} 件）的申请人信息。` +
        '把这个文件分发到每台应用服务器后再启动；旧密钥保留在文件中，勿删除。\n',
    );
    return 0;
  } finally {
    await database.close();
  }
}
