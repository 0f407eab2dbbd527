import type { Context } from 'hono';
import { login, loginInput } from '../../use-cases/platform/login.ts';
import type { AppEnv } from '../app-env.ts';
import { limitAuthAttempts } from './limit-auth-attempts.ts';
import { parseInput } from './parse-input.ts';
import { setSessionCookie } from './session-cookie.ts';
import { useCaseContext } from './use-case-context.ts';

/**
 * Logging in, shared by the login form and the JSON API: the per-address rate limit, the login use-case, and the
 * session cookie (session-cookie.ts).
 */
export async function startSession(c: Context<AppEnv>, values: unknown): Promise<Awaited<ReturnType<typeof login>>> {
  await limitAuthAttempts(c, 'login');
  const input = parseInput(loginInput, values);
  const result = await login(useCaseContext(c), { ...input, userAgent: c.req.header('user-agent') ?? '' });
  setSessionCookie(c, result.sessionToken);
  return result;
}
