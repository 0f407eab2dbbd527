import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with Node's scrypt (no native dependency). Stored as
 * "scrypt$N$r$p$<salt b64>$<hash b64>" so parameters can be raised later without breaking old hashes.
 */
const params = { N: 16384, r: 8, p: 1 };
const keyLength = 32;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 128 * o.N * o.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  const key = await derive(password, salt, { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, checked against when an account has no usable password. */
let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash — or, when there is none (unknown login, disabled account, account
 * awaiting activation), against a dummy hash with the same parameters and answers false: every case costs one
 * scrypt, so the time taken does not tell whether a login exists.
 */
export async function checkPassword(password: string, stored: string | null): Promise<boolean> {
  if (stored === null || !stored.startsWith('scrypt$')) {
    dummy ??= hashPassword('dummy-password-not-used');
    await verifyPassword(password, await dummy);
    return false;
  }
  return verifyPassword(password, stored);
}
