import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps, AppEnv } from './app-env.ts';
import { errorResponse, toAppError } from './http/error-response.ts';
import { TtlCache } from './http/ttl-cache.ts';
import { PageCache } from './http/page-cache.ts';
import type { BlobStore } from '../db/repositories/files/blob-store.ts';
import { DatabaseBlobStore } from '../db/repositories/files/database-blob-store.ts';
import { receiveUpload } from './http/uploads/receive-upload.ts';
import { largeBodyRouteOf, type UploadRoute } from './http/uploads/upload-route.ts';
import { listPublicAgencies } from '../use-cases/platform/list-agencies.ts';
import { chromeFor, renderPage } from './http/render.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { csrfMiddleware } from './middleware/csrf-middleware.ts';
import { RateLimiter } from './middleware/rate-limiter.ts';
import { edgeMiddleware } from './middleware/edge-middleware.ts';
import { sessionMiddleware } from './middleware/session-middleware.ts';
import { apiOperations } from './routes/api-operations.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { openApiDocument } from './routes/openapi-document.ts';
import { portalCacheScope, portalRoutes } from './routes/portal/portal-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';
import { appUploadRoutes } from './routes/upload-routes.ts';
import { apiDocsPage } from './views/api-docs-page.ts';
import { errorPage } from './views/portal/portal-pages.ts';

export interface AppOptions {
  /** Tests pass their own, to look inside or to set its clock and limits. */
  pageCache?: PageCache;
  /** Where uploaded files go (default: the database). */
  blobStore?: BlobStore;
  /**
   * Every route that receives files (default: the domains' list in routes/upload-routes.ts). Their bodies are
   * streamed under their own policy; every other body stays under the small limit.
   */
  uploadRoutes?: readonly UploadRoute[];
}

/**
 * Builds the whole HTTP application. No port, no process: `app.request()` runs it in-process in tests,
 * src/server/main.ts serves it.
 */
export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = new RateLimiter(deps.database.db, () => deps.clock().getTime());
  const publicAgencies = new TtlCache(5000, () => listPublicAgencies(deps.database.db));
  const pageCache =
    options.pageCache ??
    new PageCache(deps.database.db, { secure: deps.config.cookieSecure, now: () => deps.clock().getTime() });
  // The portal's pages are made of the agency list: another server's invalidation reloads it here too.
  pageCache.onInvalidate(portalCacheScope, () => publicAgencies.invalidate());

  // One edge middleware for every request (context, security headers, request log): each extra async layer
  // costs measurable throughput on the portal.
  app.use('*', edgeMiddleware(deps, { limiter, publicAgencies, pageCache }));
  // Before everything that could read a body (session, CSRF, routes) and before routing: unknown paths too.
  const uploadRoutes = options.uploadRoutes ?? appUploadRoutes();
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', bodyLimit({ largeBodyRoutes: uploadRoutes.map(largeBodyRouteOf) }));
  app.use('/staff/*', sessionMiddleware());
  app.use('/staff', sessionMiddleware());
  app.use('/api/v1/*', sessionMiddleware());
  // State-changing methods only: GET/HEAD never pass through the CSRF check.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', csrfMiddleware());

  app.onError((err, c) => {
    const { error, unexpected } = toAppError(err);
    if (unexpected)
      deps.logger.error('unhandled error', {
        reqId: c.get('requestId'),
        error: String(err),
        stack: (err as Error).stack,
      });
    return errorResponse(c, error);
  });
  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'NOT_FOUND', message: '接口不存在' } }, 404);
    return renderPage(c, chromeFor(c, '页面不存在', 'portal'), errorPage(404, '您访问的页面不存在或已删除。'), 404);
  });

  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(deps.database.db);
      return c.json({ status: 'ok', db: deps.database.dialect });
    } catch {
      return c.json({ status: 'error', db: deps.database.dialect }, 503);
    }
  });

  app.route('/', portalRoutes());
  app.route('/staff', staffRoutes());
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/docs', (c) => renderPage(c, chromeFor(c, '接口文档', 'portal'), apiDocsPage(apiOperations)));
  app.route('/api/v1', apiRoutes());

  // Registered after the areas' routes, so an upload under /staff also passes the area's requireStaff.
  const blobStore = options.blobStore ?? new DatabaseBlobStore(deps.database.db, deps.clock);
  for (const r of uploadRoutes) {
    app.on([r.method], [r.path], ...(r.before ?? []), async (c) =>
      r.handle(c, await receiveUpload(c, r.policy, blobStore)),
    );
  }
  return app;
}
