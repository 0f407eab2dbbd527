import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isPostgresUrl, sqlitePath } from '../db/open-database.ts';
import {
  dataKeyFileHeader,
  ephemeralDataKeyring,
  newDataKeyLine,
  parseDataKeys,
  type DataKeyring,
} from './field-cipher.ts';

export interface DataKeySettings {
  /** GONGKAI_DATA_KEY: "k1:<hex>[,k2:<hex>…]", oldest first. */
  key: string | undefined;
  /** GONGKAI_DATA_KEY_FILE: a file of such lines. */
  keyFile: string | undefined;
  databaseUrl: string;
}

export type LoadedDataKeyring =
  | { ok: true; keyring: DataKeyring; source: string; file: string | null; notices: string[] }
  | { ok: false; problem: string };

export function dataKeySettingsFromEnv(env: Record<string, string | undefined>, databaseUrl: string): DataKeySettings {
  return { key: env['GONGKAI_DATA_KEY'] || undefined, keyFile: env['GONGKAI_DATA_KEY_FILE'] || undefined, databaseUrl };
}

/** Beside the SQLite file, never inside it (mirrors the audit key: load-audit-keyring.ts). */
export function sqliteDataKeyPath(databaseUrl: string): string | null {
  const file = sqlitePath(databaseUrl);
  return file === ':memory:' ? null : resolve(`${file}.data-key`);
}

/**
 * GONGKAI_DATA_KEY, else the file GONGKAI_DATA_KEY_FILE names, else — SQLite only — the file beside the database,
 * generated 0600 on the first start (`create`). PostgreSQL never gets a generated key: several app servers must
 * share one, so it has to be configured; without it the server runs but refuses to store applicants' data.
 */
export function loadDataKeyring(settings: DataKeySettings, options: { create: boolean }): LoadedDataKeyring {
  if (settings.key && settings.keyFile)
    return { ok: false, problem: 'GONGKAI_DATA_KEY 与 GONGKAI_DATA_KEY_FILE 只能设置其中一个' };
  if (settings.key) return fromText(settings.key, '环境变量 GONGKAI_DATA_KEY', null, []);
  if (settings.keyFile) return fromFile(resolve(settings.keyFile), '环境变量 GONGKAI_DATA_KEY_FILE 指定的密钥文件');
  if (isPostgresUrl(settings.databaseUrl))
    return {
      ok: false,
      problem:
        '未配置个人信息加密密钥：使用 PostgreSQL 时须设置 GONGKAI_DATA_KEY_FILE（推荐）或 GONGKAI_DATA_KEY，' +
        '密钥不得存放在数据库中；生成：npx gongkai data-key keygen /etc/gongkai/data.key',
    };
  const path = sqliteDataKeyPath(settings.databaseUrl);
  if (path === null)
    return { ok: true, keyring: ephemeralDataKeyring(), source: '内存（:memory: 数据库）', file: null, notices: [] };
  if (existsSync(path)) return fromFile(path, '个人信息加密密钥文件');
  if (!options.create)
    return {
      ok: false,
      problem: `未找到个人信息加密密钥：没有设置 GONGKAI_DATA_KEY / GONGKAI_DATA_KEY_FILE，数据库旁也没有 ${path}`,
    };
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${dataKeyFileHeader}\n${newDataKeyLine('k1')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      return { ok: false, problem: `无法创建个人信息加密密钥文件 ${path}：${(e as Error).message}` };
  }
  const loaded = fromFile(path, '个人信息加密密钥文件');
  if (loaded.ok)
    loaded.notices.push(
      `已生成个人信息加密密钥文件 ${path}（权限 0600）。申请人的证件号码、电话等以它加密，不在数据库中：请与数据库分开备份；` +
        '丢失后这些信息将无法解密。生产部署请用 GONGKAI_DATA_KEY_FILE。',
    );
  return loaded;
}

function fromFile(path: string, what: string): LoadedDataKeyring {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, problem: `${what} ${path} 无法读取：${(e as Error).message}` };
  }
  const notices: string[] = [];
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
    notices.push(`警告：个人信息加密密钥文件 ${path} 可被其他用户读取，建议 chmod 600`);
  return fromText(text, `${what} ${path}`, path, notices);
}

function fromText(text: string, source: string, file: string | null, notices: string[]): LoadedDataKeyring {
  const parsed = parseDataKeys(text, source);
  return parsed.ok ? { ok: true, keyring: parsed.keyring, source, file, notices } : parsed;
}
