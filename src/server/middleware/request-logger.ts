import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** One JSON log line per request: method, path, status, duration, client, user. */
export function requestLogger(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const { logger } = c.get('deps');
    const s = c.get('session');
    logger.info('request', {
      reqId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      ip: c.get('ip'),
      user: s?.kind === 'active' ? s.actor.login : undefined,
    });
  };
}
