import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isPostgresUrl, sqlitePath } from '../db/open-database.ts';

/** Where a secret comes from: an environment value, a file it names, or (SQLite only) a file beside the database. */
export interface KeySettings {
  /** The key lines themselves ("k1:<hex>[,k2:<hex>…]", oldest first). */
  key: string | undefined;
  /** A file of such lines. */
  keyFile: string | undefined;
  databaseUrl: string;
}

export type LoadedKeys<K> =
  { ok: true; keyring: K; source: string; file: string | null; notices: string[] } | { ok: false; problem: string };

/**
 * What differs between Gongkai's secrets (the audit signing keys, the field-encryption keys): their variable
 * names, their file suffix, their parser and the Chinese words that name them. Everything else — the order of
 * sources, the refusal to generate a key for PostgreSQL, the 0600 file — is one policy, kept here.
 */
export interface KeyKind<K> {
  /** "GONGKAI_AUDIT_KEY": the file variable is this name + "_FILE". */
  envName: string;
  /** Beside the SQLite file: `${database}${fileSuffix}`. */
  fileSuffix: string;
  /** "审计密钥", "个人信息加密密钥". */
  what: string;
  /** The CLI command that makes one, named in the PostgreSQL refusal. */
  keygenCommand: string;
  /** Why PostgreSQL needs it configured, and what having it does; ends the refusal and the creation notice. */
  purpose: string;
  header: string;
  newLine(id: string): string;
  parse(text: string, source: string): { ok: true; keyring: K } | { ok: false; problem: string };
  ephemeral(): K;
}

export function keySettingsFromEnv(
  kind: Pick<KeyKind<unknown>, 'envName'>,
  env: Record<string, string | undefined>,
  databaseUrl: string,
): KeySettings {
  return { key: env[kind.envName] || undefined, keyFile: env[`${kind.envName}_FILE`] || undefined, databaseUrl };
}

/** Beside the SQLite file, never inside it; null for an in-memory database. */
export function sqliteKeyPath(kind: Pick<KeyKind<unknown>, 'fileSuffix'>, databaseUrl: string): string | null {
  const file = sqlitePath(databaseUrl);
  return file === ':memory:' ? null : resolve(`${file}${kind.fileSuffix}`);
}

/**
 * The environment value, else the file the *_FILE variable names, else — SQLite only — the file beside the
 * database, generated 0600 on the first start (`create`) so that `npm start` needs no setup. PostgreSQL never gets
 * a generated key: several app servers must share one, so the configuration has to name it.
 */
export function loadKeyFile<K>(kind: KeyKind<K>, settings: KeySettings, options: { create: boolean }): LoadedKeys<K> {
  const fileVar = `${kind.envName}_FILE`;
  if (settings.key && settings.keyFile) return { ok: false, problem: `${kind.envName} 与 ${fileVar} 只能设置其中一个` };
  if (settings.key) return fromText(kind, settings.key, `环境变量 ${kind.envName}`, null, []);
  if (settings.keyFile) return fromFile(kind, resolve(settings.keyFile), `环境变量 ${fileVar} 指定的密钥文件`);
  if (isPostgresUrl(settings.databaseUrl))
    return {
      ok: false,
      problem:
        `未配置${kind.what}：使用 PostgreSQL 时须设置 ${fileVar}（推荐）或 ${kind.envName}，密钥不得存放在数据库中；` +
        `生成：${kind.keygenCommand}`,
    };
  const path = sqliteKeyPath(kind, settings.databaseUrl);
  if (path === null)
    return { ok: true, keyring: kind.ephemeral(), source: '内存（:memory: 数据库）', file: null, notices: [] };
  if (existsSync(path)) return fromFile(kind, path, `${kind.what}文件`);
  if (!options.create)
    return {
      ok: false,
      problem: `未找到${kind.what}：没有设置 ${kind.envName} / ${fileVar}，数据库旁也没有密钥文件 ${path}`,
    };
  try {
    mkdirSync(dirname(path), { recursive: true });
    // 'wx': never overwrite a key another process has just created.
    writeFileSync(path, `${kind.header}\n${kind.newLine('k1')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      return { ok: false, problem: `无法创建${kind.what}文件 ${path}：${(e as Error).message}` };
  }
  const loaded = fromFile(kind, path, `${kind.what}文件`);
  if (loaded.ok)
    loaded.notices.push(
      `已生成${kind.what}文件 ${path}（权限 0600）。${kind.purpose}请与数据库分开备份、妥善保管。` +
        `生产部署请用 ${fileVar} 把密钥放在数据库服务器以外。`,
    );
  return loaded;
}

function fromFile<K>(kind: KeyKind<K>, path: string, what: string): LoadedKeys<K> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, problem: `${what} ${path} 无法读取：${(e as Error).message}` };
  }
  const notices: string[] = [];
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
    notices.push(`警告：${kind.what}文件 ${path} 可被其他用户读取，建议 chmod 600`);
  return fromText(kind, text, `${what} ${path}`, path, notices);
}

function fromText<K>(kind: KeyKind<K>, text: string, source: string, file: string | null, notices: string[]) {
  const parsed = kind.parse(text, source);
  return parsed.ok ? ({ ok: true, keyring: parsed.keyring, source, file, notices } as const) : parsed;
}
