import { Hono } from 'hono';
import { listVisibleSubmissions } from '../../use-cases/platform/list-submissions.ts';
import { listAuditLog } from '../../use-cases/platform/list-audit-log.ts';
import { staffDashboard } from '../../use-cases/platform/staff-dashboard.ts';
import { verifyAuditChain } from '../../use-cases/platform/verify-audit-chain.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import type { AppEnv } from '../app-env.ts';
import { chromeFor, renderPage } from '../http/render.ts';
import { useCaseContext } from '../http/use-case-context.ts';
import { requireStaff } from '../middleware/require-staff.ts';
import { auditPage } from '../views/platform/audit-pages.ts';
import { html } from 'hono/html';
import { dashboardPage, submissionsTable } from '../views/platform/staff-pages.ts';
import { staffAccountRequestRoutes } from './platform/staff-account-request-routes.ts';
import { staffAgencyRoutes } from './platform/staff-agency-routes.ts';
import { staffAuthRoutes } from './platform/staff-auth-routes.ts';
import { staffUserRoutes } from './platform/staff-user-routes.ts';
import { staffCalendarRoutes } from './calendar/staff-calendar-routes.ts';
import { staffNotificationRoutes } from './notifications/staff-notification-routes.ts';
import { staffNoticeTemplateRoutes } from './notice-templates/staff-notice-template-routes.ts';
import { unreadNotifications } from '../middleware/unread-notifications.ts';
import { staffCaseRoutes } from './cases/staff-case-routes.ts';
import { staffPublicationRoutes } from './publication/staff-publication-routes.ts';
import { staffReportRoutes } from './reports/staff-report-routes.ts';
import { supervisionRoutes } from './supervision/supervision-routes.ts';

/**
 * The staff back office: server-rendered pages with plain forms (post → redirect → get). Works without
 * JavaScript; every write carries the CSRF token; every page goes through a use-case that asks the policy.
 */
export function staffRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', staffAuthRoutes());
  app.use('*', requireStaff('html'));
  app.use('*', unreadNotifications());

  app.get('/', async (c) => {
    const ctx = useCaseContext(c);
    const d = await staffDashboard(ctx);
    return renderPage(c, chromeFor(c, '本机构工作台', 'staff', 'dashboard'), dashboardPage(ctx.actor!, d));
  });

  app.get('/submissions', async (c) => {
    const rows = await listVisibleSubmissions(useCaseContext(c), 200);
    const body = html`<h1>留言与纠错</h1>
      ${submissionsTable('收到的留言与纠错（最近200条）', rows)}`;
    return renderPage(c, chromeFor(c, '留言与纠错', 'staff', 'submissions'), body);
  });

  app.get('/audit', async (c) => {
    const ctx = useCaseContext(c);
    if (!can(ctx.actor, 'audit.read')) throw new AppError('FORBIDDEN');
    const before = Number(c.req.query('before'));
    const rows = await listAuditLog(ctx, {
      limit: 100,
      beforeSeq: Number.isInteger(before) && before > 0 ? before : undefined,
    });
    const verdict = c.req.query('verify') ? await verifyAuditChain(ctx) : null;
    const last = rows.at(-1);
    const page = auditPage(rows, last && last.seq > 1 && rows.length === 100 ? last.seq : null, verdict);
    return renderPage(c, chromeFor(c, '审计日志', 'staff', 'audit'), page);
  });

  app.route('/agencies', staffAgencyRoutes());
  app.route('/users', staffUserRoutes());
  app.route('/account-requests', staffAccountRequestRoutes());
  app.route('/calendar', staffCalendarRoutes());
  app.route('/notifications', staffNotificationRoutes());
  app.route('/notice-templates', staffNoticeTemplateRoutes());
  app.route('/cases', staffCaseRoutes());
  app.route('/publication', staffPublicationRoutes());
  app.route('/reports', staffReportRoutes());
  app.route('/supervision', supervisionRoutes());
  return app;
}
