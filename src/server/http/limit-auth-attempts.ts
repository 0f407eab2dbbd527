import type { Context } from 'hono';
import { AppError } from '../../core/platform/app-error.ts';
import type { AppEnv } from '../app-env.ts';

/**
 * The per-minute request limit of the anonymous authentication endpoints (sign-in, activation), per client
 * address, counted in the database. Failed attempts are throttled further by the use-cases (login-throttle.ts).
 */
export async function limitAuthAttempts(c: Context<AppEnv>, kind: 'login' | 'activate'): Promise<void> {
  const { config } = c.get('deps');
  if (!(await c.get('limiter').hit(`${kind}:${c.get('ip')}`, config.rateLimitLoginPerMinute)))
    throw new AppError('RATE_LIMITED');
}
