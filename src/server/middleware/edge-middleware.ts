import type { MiddlewareHandler } from 'hono';
import type { AgencyRow } from '../../db/schema.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { rawHeader } from '../http/raw-header.ts';
import type { TtlCache } from '../http/ttl-cache.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { securityHeaders } from './security-headers.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { errorResponse } from '../http/error-response.ts';

const nulMessage = '请求地址中含有不允许的控制字符（%00）';

/**
 * First and outermost middleware of every request: puts the dependencies into the context, adds the security
 * headers to the response, and writes the one JSON log line per request when the response is done.
 */
export function edgeMiddleware(
  deps: AppDeps,
  shared: { limiter: RateLimiter; publicAgencies: TtlCache<AgencyRow[]> },
): MiddlewareHandler<AppEnv> {
  let counter = 0;
  const headers = Object.entries(securityHeaders(deps.config.cookieSecure));
  return async (c, next) => {
    const start = performance.now();
    c.set('deps', deps);
    c.set('limiter', shared.limiter);
    c.set('publicAgencies', shared.publicAgencies);
    c.set('session', { kind: 'none' });
    c.set('secured', false);
    c.set('ip', clientIp(c, deps.config.trustProxy));
    c.set('requestId', rawHeader(c, 'x-request-id')?.slice(0, 64) ?? `${process.pid}-${++counter}`);
    // A NUL byte reaches route parameters and queries percent-encoded; PostgreSQL cannot even compare it.
    if (c.req.url.includes('%00')) c.res = await errorResponse(c, new AppError('BAD_REQUEST', nulMessage));
    else await next();
    // A handler that built its response with the headers already (the portal home page) says so.
    if (!c.get('secured')) for (const [k, v] of headers) c.res.headers.set(k, v);
    const s = c.get('session');
    deps.logger.request({
      reqId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      ip: c.get('ip'),
      user: s.kind === 'active' ? s.actor.login : undefined,
    });
  };
}
