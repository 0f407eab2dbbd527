import type { MiddlewareHandler } from 'hono';
import { unreadNotificationCount } from '../../use-cases/notifications/my-notifications.ts';
import type { AppEnv } from '../app-env.ts';
import { useCaseContext } from '../http/use-case-context.ts';

/**
 * The bell of the staff layout: the number of the person's unread notifications, read once per staff page (GET)
 * with one indexed count, put where chromeFor finds it.
 */
export function unreadNotifications(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const s = c.get('session');
    if (c.req.method === 'GET' && s.kind === 'active' && !s.mustChangePassword)
      c.set('unreadNotifications', await unreadNotificationCount(useCaseContext(c)));
    await next();
  };
}
