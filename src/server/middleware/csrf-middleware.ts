import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../../core/platform/app-error.ts';
import type { AppEnv } from '../app-env.ts';
import { cookieNames } from '../http/cookie-names.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for every state-changing request. Signed-in: the synchronizer token stored with the session
 * must come back in the form field `_csrf` or the header `X-CSRF-Token`. Anonymous (login, public forms):
 * double-submit — the field must equal the CSRF cookie (or the request is JSON, see below). A cross-site
 * Origin is refused outright.
 */
export function csrfMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      let host = '';
      try {
        host = new URL(origin).host;
      } catch {
        /* malformed origin: refused below */
      }
      if (host !== c.req.header('host')) throw new AppError('CSRF');
    }
    const s = c.get('session');
    // Anonymous JSON (API login, public submissions): a cross-site page cannot send application/json without
    // a CORS preflight, which this server never grants — so the content type itself proves same-origin.
    if (s?.kind !== 'active' && (c.req.header('content-type') ?? '').startsWith('application/json')) return next();
    const expected =
      s?.kind === 'active' ? s.csrfToken : getCookie(c, cookieNames(c.get('deps').config.cookieSecure).csrf);
    const header = c.req.header('x-csrf-token');
    if (header === undefined && c.get('largeBody')) {
      // An upload is never read here (that would mean holding it whole): its `_csrf` field is checked by the
      // upload mechanism before it accepts a single file byte.
      c.set('csrfPending', expected ?? '');
      return next();
    }
    // Every other body is at most the small body limit, already read by the body-limit middleware.
    const sent = header ?? (await formField(c.req.raw.headers, () => c.req.parseBody()));
    if (!expected || !sent || !equal(expected, sent)) throw new AppError('CSRF');
    await next();
  };
}

async function formField(headers: Headers, parse: () => Promise<Record<string, unknown>>): Promise<string | undefined> {
  const type = headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return undefined;
  const body = await parse();
  const v = body['_csrf'];
  return typeof v === 'string' ? v : undefined;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
