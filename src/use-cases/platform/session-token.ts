import { createHash, randomBytes } from 'node:crypto';

/** A new random secret for a cookie or a CSRF token (256 bits, URL-safe). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored by this hash, never by the cookie value itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newId(): string {
  return crypto.randomUUID();
}
