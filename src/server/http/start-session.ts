import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { login, loginInput } from '../../use-cases/platform/login.ts';
import type { AppEnv } from '../app-env.ts';
import { cookieNames } from './cookie-names.ts';
import { limitAuthAttempts } from './limit-auth-attempts.ts';
import { parseInput } from './parse-input.ts';
import { useCaseContext } from './use-case-context.ts';

/**
 * Logging in, shared by the login form and the JSON API: the per-address rate limit, the login use-case, and the
 * session cookie (HttpOnly, SameSite=Lax, Secure when configured).
 */
export async function startSession(c: Context<AppEnv>, values: unknown): Promise<Awaited<ReturnType<typeof login>>> {
  await limitAuthAttempts(c, 'login');
  const input = parseInput(loginInput, values);
  const result = await login(useCaseContext(c), { ...input, userAgent: c.req.header('user-agent') ?? '' });
  setSessionCookie(c, result.sessionToken);
  return result;
}

/** The session cookie (HttpOnly, SameSite=Lax, Secure when configured) — at sign-in and when the token rotates. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  const { config } = c.get('deps');
  setCookie(c, cookieNames(config.cookieSecure).session, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.cookieSecure,
  });
}
