import { Hono } from 'hono';
import { AppError } from '../../../core/platform/app-error.ts';
import { markNotificationRead, myNotifications } from '../../../use-cases/notifications/my-notifications.ts';
import type { AppEnv } from '../../app-env.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { notificationsPage } from '../../views/notifications/notification-pages.ts';

/** /staff/notifications — the person's own notifications (docs/notifications.md). */
export function staffNotificationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const rows = await myNotifications(useCaseContext(c));
    const chrome = chromeFor(c, '通知', 'staff', 'notifications');
    const flash = c.req.query('read') ? '已标为已读。' : undefined;
    return renderPage(c, chrome, notificationsPage(rows, chrome.csrfToken, flash));
  });

  app.post('/read-all', async (c) => {
    await markNotificationRead(useCaseContext(c), null);
    return c.redirect('/staff/notifications?read=1', 303);
  });

  app.post('/:id/read', async (c) => {
    const id = c.req.param('id');
    if (id.length > 64) throw new AppError('NOT_FOUND', '未找到该通知');
    await markNotificationRead(useCaseContext(c), id);
    return c.redirect('/staff/notifications?read=1', 303);
  });

  return app;
}
