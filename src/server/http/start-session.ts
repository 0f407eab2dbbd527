import type { Context } from 'hono';
import { AppError } from '../../core/platform/app-error.ts';
import { login, loginInput } from '../../use-cases/platform/login.ts';
import type { AppEnv } from '../app-env.ts';
import { setSessionCookie } from './session-cookie.ts';
import { parseInput } from './parse-input.ts';
import { useCaseContext } from './use-case-context.ts';

/**
 * Logging in, shared by the login form and the JSON API: the per-address rate limit, the login use-case, and the
 * session cookie (HttpOnly, SameSite=Lax, Secure when configured).
 */
export async function startSession(c: Context<AppEnv>, values: unknown): Promise<Awaited<ReturnType<typeof login>>> {
  const { config } = c.get('deps');
  if (!(await c.get('limiter').hit(`login:${c.get('ip')}`, config.rateLimitLoginPerMinute)))
    throw new AppError('RATE_LIMITED');
  const input = parseInput(loginInput, values);
  const result = await login(useCaseContext(c), { ...input, userAgent: c.req.header('user-agent') ?? '' });
  setSessionCookie(c, result.sessionToken);
  return result;
}
