import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { newSecret } from '../../use-cases/platform/session-token.ts';
import type { AppEnv } from '../app-env.ts';
import { layout, type Chrome, type Html } from '../views/layout.ts';
import { cookieNames } from './cookie-names.ts';
import { readingPrefs, type ReadingPrefs } from './reading-prefs.ts';
import { actorOf } from './use-case-context.ts';

/**
 * The CSRF token to put in a form: the session's synchronizer token when signed in, otherwise the
 * double-submit cookie (set here on first need, so plain page views stay cookie-free).
 */
export function csrfTokenFor(c: Context<AppEnv>): string {
  const s = c.get('session');
  if (s?.kind === 'active') return s.csrfToken;
  const issued = c.get('anonCsrf');
  if (issued) return issued;
  const { config } = c.get('deps');
  const name = cookieNames(config.cookieSecure).csrf;
  let token = getCookie(c, name);
  if (!token || !/^[A-Za-z0-9_-]{20,}$/.test(token)) {
    token = newSecret();
    setCookie(c, name, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: config.cookieSecure });
  }
  c.set('anonCsrf', token);
  return token;
}

export function chromeFor(
  c: Context<AppEnv>,
  title: string,
  area: Chrome['area'],
  current?: string,
  withForm = false,
): Chrome {
  const prefs = readingPrefs(c.req.header('cookie'));
  const s = c.get('session');
  return {
    title,
    path: c.req.path + (c.req.url.includes('?') ? `?${c.req.url.split('?')[1] ?? ''}` : ''),
    fontSize: prefs.fontSize,
    highContrast: prefs.highContrast,
    area,
    actor: actorOf(c),
    csrfToken: s?.kind === 'active' ? s.csrfToken : withForm ? csrfTokenFor(c) : '',
    current,
    demo: c.get('deps').demoData,
    unread: c.get('unreadNotifications'),
  };
}

export async function renderPage(c: Context<AppEnv>, chrome: Chrome, body: Html, status: ContentfulStatusCode = 200) {
  return c.html(await layout(chrome, body), status);
}

/**
 * The chrome of a public page built only from validated inputs — no request text, no session: what the page
 * cache renders with, so a cached page can never carry one visitor's input to the next. `demo` is the app's
 * setting (the demo banner), not request input.
 */
export function publicChrome(
  title: string,
  path: string,
  prefs: ReadingPrefs,
  demo: boolean,
  current?: string,
): Chrome {
  return {
    demo,
    title,
    path,
    fontSize: prefs.fontSize,
    highContrast: prefs.highContrast,
    area: 'portal',
    actor: null,
    csrfToken: '',
    current,
  };
}
