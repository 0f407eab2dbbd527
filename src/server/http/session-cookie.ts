import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { cookieNames } from './cookie-names.ts';

/**
 * The session cookie is set and deleted here only, with the same attributes both ways. With COOKIE_SECURE=1
 * its name is `__Host-gk_sid`, which must be Secure with Path=/ — deleting it without `secure` throws (API
 * logout was a 500 that way).
 */
function attributes(c: Context<AppEnv>) {
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.get('deps').config.cookieSecure } as const;
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, cookieNames(c.get('deps').config.cookieSecure).session, token, attributes(c));
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, cookieNames(c.get('deps').config.cookieSecure).session, attributes(c));
}
