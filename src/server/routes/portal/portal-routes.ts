import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { AppError, isAppError } from '../../../core/platform/app-error.ts';
import { newSecret } from '../../../use-cases/platform/session-token.ts';
import { publicFeedbackInput, submitPublicFeedback } from '../../../use-cases/platform/submit-public-feedback.ts';
import type { AppEnv } from '../../app-env.ts';
import { prefCookies } from '../../http/cookie-names.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, csrfTokenFor, publicChrome, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { safeReturnPath } from '../../http/safe-redirect.ts';
import type { FormState } from '../../views/form-parts.ts';
import { layout } from '../../views/layout.ts';
import { feedbackDonePage, feedbackPage, guidePage } from '../../views/portal/portal-pages.ts';
import { governmentOf, homeLatest, publicationHomePage, publicationPortalRoutes } from './publication-portal-routes.ts';
import { siteCss } from '../../views/site-css.ts';
import { casePortalRoutes } from '../cases/case-portal-routes.ts';
import { portalReportRoutes } from '../reports/portal-report-routes.ts';

/**
 * The page-cache scope of the portal's pages: invalidate it when what they show changes (agencies now; issue 8:
 * published or withdrawn items).
 */
export const portalCacheScope = 'portal';

/** The public portal: server-rendered, no JavaScript, no login. */
export function portalRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // The busiest page: served from the page cache, rendered only from validated inputs (no query string).
  app.get('/', (c) => {
    const agencies = c.get('publicAgencies');
    const demo = c.get('deps').demoData;
    return c.get('pageCache').respond(c, {
      scope: portalCacheScope,
      route: 'portal.home',
      params: {},
      render: async ({ prefs }) => {
        const list = await agencies.get();
        const chrome = { ...publicChrome('首页', '/', prefs, demo, 'home'), government: governmentOf(list) };
        const latest = await homeLatest(c.get('deps').database.db);
        return String(await layout(chrome, publicationHomePage(governmentOf(list), list, latest)));
      },
    });
  });

  app.get('/agencies/:id/guide', async (c) => {
    const agencies = await c.get('publicAgencies').get();
    const agency = agencies.find((a) => a.id === c.req.param('id'));
    if (!agency) throw new AppError('NOT_FOUND', '未找到该机构');
    const parent = agencies.find((a) => a.id === agency.parent_id);
    return renderPage(c, chromeFor(c, `${agency.name}政府信息公开指南`, 'portal'), guidePage(agency, parent));
  });

  app.get('/feedback', async (c) => {
    const agencies = await c.get('publicAgencies').get();
    const state: FormState = { values: { agencyId: c.req.query('agency') ?? '', kind: 'message' }, errors: {} };
    const chrome = chromeFor(c, '留言与纠错', 'portal', 'feedback', true);
    return renderPage(c, chrome, feedbackPage(agencies, state, csrfTokenFor(c), newSecret()));
  });

  app.post('/feedback', async (c) => {
    const { config } = c.get('deps');
    if (!(await c.get('limiter').hit(`public:${c.get('ip')}`, config.rateLimitPublicPerMinute)))
      throw new AppError('RATE_LIMITED');
    const values = formObject(await c.req.parseBody());
    try {
      const input = parseInput(publicFeedbackInput, values);
      const receipt = await submitPublicFeedback(useCaseContext(c), input);
      return c.redirect(
        `/feedback/done?ref=${encodeURIComponent(receipt.reference)}&new=${receipt.created ? 1 : 0}`,
        303,
      );
    } catch (e) {
      if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
      const agencies = await c.get('publicAgencies').get();
      const key = typeof values['idempotencyKey'] === 'string' ? values['idempotencyKey'] : newSecret();
      const state = { values, errors: e.fields ?? {}, message: e.message };
      const chrome = chromeFor(c, '留言与纠错', 'portal', 'feedback', true);
      return renderPage(c, chrome, feedbackPage(agencies, state, csrfTokenFor(c), key), 422);
    }
  });

  app.get('/feedback/done', (c) => {
    const ref = (c.req.query('ref') ?? '').replace(/[^A-Z0-9-]/g, '').slice(0, 40);
    return renderPage(
      c,
      chromeFor(c, '提交成功', 'portal', 'feedback'),
      feedbackDonePage(ref, c.req.query('new') !== '0'),
    );
  });

  // Reading preferences (字号、高对比度) as cookies, so they work without JavaScript. Not business data.
  app.get('/prefs', (c) => {
    const fs = c.req.query('fs');
    const hc = c.req.query('hc');
    const opts = {
      path: '/',
      sameSite: 'Lax' as const,
      maxAge: 365 * 86400,
      secure: c.get('deps').config.cookieSecure,
    };
    if (fs === 's' || fs === 'm' || fs === 'l') setCookie(c, prefCookies.fontSize, fs, opts);
    if (hc === '0' || hc === '1') setCookie(c, prefCookies.contrast, hc, opts);
    return c.redirect(safeReturnPath(c.req.query('back'), { fallback: '/' }), 303);
  });

  app.route('/', publicationPortalRoutes());

  app.get('/static/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(siteCss);
  });

  app.route('/', casePortalRoutes());
  app.route('/', portalReportRoutes());
  return app;
}
