import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/platform/app-error.ts';
import type { AppEnv } from '../app-env.ts';

/**
 * Staff pages need a live session. A browser is sent to the login page (with "登录已超时" when the session
 * ran out); the JSON API gets 401. A user with a forced password change sees only the password page.
 */
export function requireStaff(mode: 'html' | 'api'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const s = c.get('session');
    if (s.kind !== 'active') {
      if (mode === 'api') throw new AppError(s.kind === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      const nextPath = c.req.method === 'GET' ? c.req.path : '/staff';
      return c.redirect(
        `/staff/login?next=${encodeURIComponent(nextPath)}${s.kind === 'expired' ? '&expired=1' : ''}`,
        303,
      );
    }
    if (s.mustChangePassword) {
      // A publicly known password (the demo's administrators): nothing else until it is changed.
      if (mode === 'html' && !['/staff/password', '/staff/logout'].includes(c.req.path)) {
        return c.redirect('/staff/password', 303);
      }
      if (mode === 'api' && !['/api/v1/me', '/api/v1/me/password', '/api/v1/session'].includes(c.req.path)) {
        throw new AppError('FORBIDDEN', '请先修改初始密码');
      }
    }
    await next();
  };
}
