import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The audit keys: secrets kept OUTSIDE the database (environment or a key file), with which every audit entry is
 * signed (HMAC-SHA256). Someone who can write the database but does not hold a key cannot forge, rewrite or
 * re-hash entries without `gongkai audit verify` noticing.
 *
 * Keys are listed oldest first; the LAST one signs new entries, the earlier ones are kept so that entries signed
 * before a rotation still verify. Each entry stores the id of the key that signed it.
 */
export interface AuditKey {
  id: string;
  secret: KeyObject;
}

export interface AuditKeyring {
  /** Oldest first; never empty. The last key signs new entries. */
  keys: readonly AuditKey[];
}

/** Key ids: short, printable, safe in a file name and a log line. */
const keyIdPattern = /^[A-Za-z0-9_.-]{1,32}$/;
/** At least 256 bits, hex. */
const secretPattern = /^(?:[0-9a-fA-F]{2}){32,64}$/;

export const keyFileHeader = [
  '# Gongkai 审计密钥。每行“密钥编号:64 位十六进制密钥”；最后一行签名新的审计条目，之前各行保留用于校验轮换前的条目。',
  '# 不得放入数据库、不得提交到版本库；丢失后已有审计条目将无法校验。轮换：gongkai audit rotate-key',
].join('\n');

export type KeyringResult = { ok: true; keyring: AuditKeyring } | { ok: false; problem: string };

/**
 * Parses "k1:<hex>" entries separated by newlines or commas ("#" starts a comment line). `source` names where
 * the text came from (a variable or a file) in the Chinese problem.
 */
export function parseAuditKeys(text: string, source: string): KeyringResult {
  const keys: AuditKey[] = [];
  const items = text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  for (const [i, item] of items.entries()) {
    const colon = item.indexOf(':');
    const id = colon < 0 ? '' : item.slice(0, colon);
    const hex = colon < 0 ? item : item.slice(colon + 1);
    if (!keyIdPattern.test(id)) {
      return {
        ok: false,
        problem: `${source} 第 ${i + 1} 个密钥缺少编号或编号无效：应为“编号:十六进制密钥”（如 k1:…，编号为 1–32 个字母、数字、_ . -）`,
      };
    }
    if (!secretPattern.test(hex)) {
      return {
        ok: false,
        problem: `${source} 中密钥“${id}”应为 64 到 128 位十六进制（至少 256 位）；可用 npx gongkai audit keygen 生成`,
      };
    }
    if (keys.some((k) => k.id === id)) return { ok: false, problem: `${source} 中密钥编号“${id}”重复` };
    keys.push({ id, secret: createSecretKey(Buffer.from(hex, 'hex')) });
  }
  if (keys.length === 0) return { ok: false, problem: `${source} 中没有审计密钥` };
  return { ok: true, keyring: { keys } };
}

/** The key that signs new entries. */
export function currentKey(keyring: AuditKeyring): AuditKey {
  const key = keyring.keys.at(-1);
  if (!key) throw new Error('审计密钥为空');
  return key;
}

/** Position of a key in the keyring (older keys first), or -1 when the keyring does not hold it. */
export function keyIndex(keyring: AuditKeyring, id: string): number {
  return keyring.keys.findIndex((k) => k.id === id);
}

/** A new key line "ID:hex" with 256 random bits. */
export function newAuditKeyLine(id: string): string {
  return `${id}:${randomBytes(32).toString('hex')}`;
}

/** The next free id of the form k<N> after the keys already in the ring. */
export function nextKeyId(keyring: AuditKeyring | null): string {
  const used = new Set(keyring?.keys.map((k) => k.id) ?? []);
  let n = (keyring?.keys.length ?? 0) + 1;
  while (used.has(`k${n}`)) n++;
  return `k${n}`;
}

/** A keyring of one fresh key, kept only in memory (SQLite `:memory:` databases and tests). */
export function ephemeralKeyring(id = 'k1'): AuditKeyring {
  const parsed = parseAuditKeys(newAuditKeyLine(id), 'ephemeral');
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.keyring;
}
