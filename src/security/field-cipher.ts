import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (issue 7 item 10; 个人信息保护法第五十一条 加密等安全技术措施): identity numbers, phone
 * numbers and the rest of an applicant's particulars are sealed with AES-256-GCM under a data key that comes
 * from the configuration (GONGKAI_DATA_KEY / GONGKAI_DATA_KEY_FILE, or for the zero-setup SQLite start a 0600 file
 * beside the database) and is never stored in the database. Beside the sealed value a keyed hash (HMAC-SHA256,
 * a "blind index") lets the platform recognise the same applicant — 按件 counting (109号), 重复申请 — without
 * decrypting anything.
 *
 * Keys are listed oldest first; the LAST seals new values, older ones still open what they sealed, so a rotation
 * (`gongkai data-key rotate`) can add a key and re-seal row by row. Encryption and index keys are derived from
 * the configured secret with HKDF, separately, so neither can be computed from the other.
 */
export interface DataKey {
  id: string;
  encryption: Buffer;
  index: Buffer;
}

export interface DataKeyring {
  /** Oldest first; never empty. */
  keys: readonly DataKey[];
}

const keyIdPattern = /^[A-Za-z0-9_.-]{1,32}$/;
const secretPattern = /^(?:[0-9a-fA-F]{2}){32,64}$/;

export const dataKeyFileHeader = [
  '# Gongkai 个人信息加密密钥。每行“密钥编号:64 位十六进制密钥”；最后一行加密新数据，之前各行保留用于解密轮换前的数据。',
  '# 不得放入数据库、不得提交到版本库；丢失后已加密的申请人信息将无法解密。轮换：gongkai data-key rotate',
].join('\n');

function derive(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `gongkai ${purpose}`, 32));
}

export type DataKeyringResult = { ok: true; keyring: DataKeyring } | { ok: false; problem: string };

/** Parses "k1:<hex>" entries separated by newlines or commas ("#" starts a comment line). */
export function parseDataKeys(text: string, source: string): DataKeyringResult {
  const keys: DataKey[] = [];
  const items = text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  for (const [i, item] of items.entries()) {
    const colon = item.indexOf(':');
    const id = colon < 0 ? '' : item.slice(0, colon);
    const hex = colon < 0 ? item : item.slice(colon + 1);
    if (!keyIdPattern.test(id))
      return { ok: false, problem: `${source} 第 ${i + 1} 个密钥缺少编号或编号无效：应为“编号:十六进制密钥”` };
    if (!secretPattern.test(hex))
      return { ok: false, problem: `${source} 中密钥“${id}”应为 64 到 128 位十六进制（至少 256 位）` };
    if (keys.some((k) => k.id === id)) return { ok: false, problem: `${source} 中密钥编号“${id}”重复` };
    const secret = Buffer.from(hex, 'hex');
    keys.push({ id, encryption: derive(secret, 'field encryption'), index: derive(secret, 'blind index') });
  }
  if (keys.length === 0) return { ok: false, problem: `${source} 中没有个人信息加密密钥` };
  return { ok: true, keyring: { keys } };
}

export function newDataKeyLine(id: string): string {
  return `${id}:${randomBytes(32).toString('hex')}`;
}

export function ephemeralDataKeyring(id = 'k1'): DataKeyring {
  const parsed = parseDataKeys(newDataKeyLine(id), 'ephemeral');
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.keyring;
}

export function currentDataKey(keyring: DataKeyring): DataKey {
  const key = keyring.keys.at(-1);
  if (!key) throw new Error('个人信息加密密钥为空');
  return key;
}

const PREFIX = 'gk1';

/** "gk1.<keyId>.<iv>.<ciphertext>.<tag>" (base64url); the key id and the purpose are authenticated data. */
export function sealField(keyring: DataKeyring, plaintext: string, purpose: string): string {
  const key = currentDataKey(keyring);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encryption, iv);
  cipher.setAAD(Buffer.from(`${key.id}|${purpose}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [PREFIX, key.id, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
}

/** The key id a sealed value was sealed with (for rotation), or null if it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === PREFIX ? parts[1]! : null;
}

/** Opens a sealed value; throws (in Chinese) when the key is missing or the value was altered. */
export function openField(keyring: DataKeyring, sealed: string, purpose: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new Error('加密字段格式无效');
  const [, keyId, iv, ct, tag] = parts as [string, string, string, string, string];
  const key = keyring.keys.find((k) => k.id === keyId);
  if (!key) throw new Error(`缺少个人信息加密密钥“${keyId}”，无法解密`);
  const decipher = createDecipheriv('aes-256-gcm', key.encryption, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${keyId}|${purpose}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('加密字段校验失败：数据被改动或密钥不符');
  }
}

/**
 * The blind index of a value (normalised by the caller): HMAC-SHA256 under the current key's index key, with the
 * purpose, so an identity number and a phone number never share an index. Changes on rotation (the rotation
 * recomputes it).
 */
export function blindIndex(keyring: DataKeyring, value: string, purpose: string): string {
  return createHmac('sha256', currentDataKey(keyring).index).update(`${purpose}\u0000${value}`).digest('base64url');
}

/** 张** / 某某公司 → 某****: the first character, the rest masked (lists never show a full name). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.min(Math.max(chars.length - 1, 1), 6));
}

/** 110105********002X, 138****5678: the first and last characters of a number, the middle masked. */
export function maskNumber(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const head = chars.length >= 15 ? 6 : 3;
  const tail = 4;
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}
