import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolveSession } from '../../use-cases/platform/resolve-session.ts';
import type { AppEnv } from '../app-env.ts';
import { cookieNames } from '../http/cookie-names.ts';
import { clearSessionCookie } from '../http/session-cookie.ts';
import { securityOf } from '../http/use-case-context.ts';

/** Resolves the session cookie into `c.var.session` (staff pages and the API only; the portal needs none). */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { database, clock, config } = c.get('deps');
    const name = cookieNames(config.cookieSecure).session;
    const token = getCookie(c, name);
    const state = await resolveSession(database.db, clock, securityOf(config), token);
    if (state.kind === 'active') c.set('session', { ...state, token: token ?? '' });
    else {
      c.set('session', state);
      if (state.kind === 'expired') clearSessionCookie(c);
    }
    await next();
  };
}
