import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isPostgresUrl, sqlitePath } from '../../db/open-database.ts';
import {
  ephemeralKeyring,
  keyFileHeader,
  newAuditKeyLine,
  parseAuditKeys,
  type AuditKeyring,
} from './audit-keyring.ts';

export interface AuditKeySettings {
  /** GONGKAI_AUDIT_KEY: "k1:<hex>[,k2:<hex>…]", oldest first. */
  key: string | undefined;
  /** GONGKAI_AUDIT_KEY_FILE: a file of such lines. */
  keyFile: string | undefined;
  databaseUrl: string;
}

export type LoadedKeyring =
  | { ok: true; keyring: AuditKeyring; source: string; file: string | null; notices: string[] }
  | { ok: false; problem: string };

/** Where the zero-setup SQLite start keeps its key: beside the database file, never inside it. */
export function sqliteAuditKeyPath(databaseUrl: string): string | null {
  const file = sqlitePath(databaseUrl);
  return file === ':memory:' ? null : resolve(`${file}.audit-key`);
}

/** The settings from the environment, for the CLI commands (the server reads them through its config). */
export function auditKeySettingsFromEnv(
  env: Record<string, string | undefined>,
  databaseUrl: string,
): AuditKeySettings {
  return {
    key: env['GONGKAI_AUDIT_KEY'] || undefined,
    keyFile: env['GONGKAI_AUDIT_KEY_FILE'] || undefined,
    databaseUrl,
  };
}

/**
 * Finds the audit keys: GONGKAI_AUDIT_KEY, else the file GONGKAI_AUDIT_KEY_FILE names, else — for SQLite only —
 * the file beside the database (`gongkai.db.audit-key`). With `create` (the server's start) that file is generated
 * on first start with mode 0600, so `npm start` needs no setup. PostgreSQL (production) never gets a generated
 * key: the configuration must name one (src/server/config.ts refuses to start otherwise), because a key created
 * on one app server would not be the key of the others.
 */
export function loadAuditKeyring(settings: AuditKeySettings, options: { create: boolean }): LoadedKeyring {
  if (settings.key && settings.keyFile) {
    return { ok: false, problem: 'GONGKAI_AUDIT_KEY 与 GONGKAI_AUDIT_KEY_FILE 只能设置其中一个' };
  }
  if (settings.key) return fromText(settings.key, '环境变量 GONGKAI_AUDIT_KEY', null, []);
  if (settings.keyFile) return fromFile(resolve(settings.keyFile), '环境变量 GONGKAI_AUDIT_KEY_FILE 指定的密钥文件');
  if (isPostgresUrl(settings.databaseUrl)) {
    return {
      ok: false,
      problem:
        '未配置审计密钥：使用 PostgreSQL 时须设置 GONGKAI_AUDIT_KEY_FILE（推荐）或 GONGKAI_AUDIT_KEY，密钥不得存放在数据库中；' +
        '生成：npx gongkai audit keygen /etc/gongkai/audit.key',
    };
  }
  const path = sqliteAuditKeyPath(settings.databaseUrl);
  if (path === null)
    return { ok: true, keyring: ephemeralKeyring(), source: '内存（:memory: 数据库）', file: null, notices: [] };
  if (existsSync(path)) return fromFile(path, '审计密钥文件');
  if (!options.create) {
    return {
      ok: false,
      problem: `未找到审计密钥：没有设置 GONGKAI_AUDIT_KEY / GONGKAI_AUDIT_KEY_FILE，数据库旁也没有密钥文件 ${path}`,
    };
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    // 'wx': never overwrite a key another process has just created.
    writeFileSync(path, `${keyFileHeader}\n${newAuditKeyLine('k1')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      return { ok: false, problem: `无法创建审计密钥文件 ${path}：${(e as Error).message}` };
    }
  }
  const loaded = fromFile(path, '审计密钥文件');
  if (loaded.ok) {
    loaded.notices.push(
      `已生成审计密钥文件 ${path}（权限 0600）。它签名每一条审计记录，不在数据库中：请与数据库分开备份、妥善保管；` +
        '丢失后已有审计记录将无法校验。生产部署请用 GONGKAI_AUDIT_KEY_FILE 把密钥放在数据库服务器以外。',
    );
  }
  return loaded;
}

function fromFile(path: string, what: string): LoadedKeyring {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, problem: `${what} ${path} 无法读取：${(e as Error).message}` };
  }
  const notices: string[] = [];
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    notices.push(`警告：审计密钥文件 ${path} 可被其他用户读取，建议 chmod 600`);
  }
  return fromText(text, `${what} ${path}`, path, notices);
}

function fromText(text: string, source: string, file: string | null, notices: string[]): LoadedKeyring {
  const parsed = parseAuditKeys(text, source);
  return parsed.ok ? { ok: true, keyring: parsed.keyring, source, file, notices } : parsed;
}
