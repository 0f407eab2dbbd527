import type { MiddlewareHandler } from 'hono';
import type { AgencyRow } from '../../db/schema.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { rawHeader } from '../http/raw-header.ts';
import type { TtlCache } from '../http/ttl-cache.ts';
import type { PageCache } from '../http/page-cache.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { securityHeaders } from './security-headers.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { errorResponse } from '../http/error-response.ts';

const nulMessage = '请求地址中含有不允许的控制字符（%00）';

/**
 * First and outermost middleware of every request: puts the dependencies into the context, adds the security
 * headers and the cache rule to the response, and writes the one JSON log line per request when the response
 * is done. A handler that builds its response with all of that already (the page cache) sets `secured`.
 */
export function edgeMiddleware(
  deps: AppDeps,
  shared: { limiter: RateLimiter; publicAgencies: TtlCache<AgencyRow[]>; pageCache: PageCache },
): MiddlewareHandler<AppEnv> {
  let counter = 0;
  const headers = Object.entries(securityHeaders(deps.config.cookieSecure));
  return async (c, next) => {
    const start = performance.now();
    c.set('deps', deps);
    c.set('limiter', shared.limiter);
    c.set('publicAgencies', shared.publicAgencies);
    c.set('pageCache', shared.pageCache);
    c.set('session', { kind: 'none' });
    c.set('secured', false);
    c.set('ip', clientIp(c, deps.config.trustProxy));
    c.set('requestId', rawHeader(c, 'x-request-id')?.slice(0, 64) ?? `${process.pid}-${++counter}`);
    // A NUL byte reaches route parameters and queries percent-encoded; PostgreSQL cannot even compare it.
    if (c.req.url.includes('%00')) c.res = await errorResponse(c, new AppError('BAD_REQUEST', nulMessage));
    else await next();
    // A handler that built its response with the headers already (the portal home page) says so.
    const s = c.get('session');
    if (!c.get('secured')) {
      for (const [k, v] of headers) c.res.headers.set(k, v);
      // The one cache rule. Whatever is answered to a signed-in person, in the back office or the API, or sets a
      // cookie may carry personal data or the CSRF token (/api/v1/me, the login answer): never stored by a
      // browser or proxy, whatever the handler said. Anything else is not stored either unless its handler
      // declared a policy (the page cache, static files).
      const personal =
        s.kind !== 'none' ||
        c.req.path.startsWith('/staff') ||
        c.req.path.startsWith('/api/v1') ||
        c.res.headers.has('set-cookie');
      if (personal || !c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-store');
    }
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
