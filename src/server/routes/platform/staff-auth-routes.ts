import { Hono } from 'hono';
import { isAppError } from '../../../core/platform/app-error.ts';
import { activateAccount, activateAccountInput } from '../../../use-cases/platform/activate-account.ts';
import { changePassword, changePasswordInput } from '../../../use-cases/platform/change-password.ts';
import { logout } from '../../../use-cases/platform/logout.ts';
import type { AppEnv } from '../../app-env.ts';
import { errorStatus } from '../../error-status.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, csrfTokenFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { limitAuthAttempts } from '../../http/limit-auth-attempts.ts';
import { safeReturnPath } from '../../http/safe-redirect.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import { startSession } from '../../http/start-session.ts';
import { requireStaff } from '../../middleware/require-staff.ts';
import { emptyForm } from '../../views/form-parts.ts';
import { activatePage, loginPage, passwordPage } from '../../views/platform/staff-pages.ts';

/** Where to go after logging in: a path inside the back office (the one redirect helper), else /staff. */
function safeNext(next: unknown): string {
  return safeReturnPath(next, { fallback: '/staff', within: '/staff' });
}

export function staffAuthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => {
    if (c.get('session').kind === 'active') return c.redirect('/staff', 303);
    const notice = c.req.query('expired')
      ? '登录已超时，请重新登录。'
      : c.req.query('bye')
        ? '您已安全退出。'
        : c.req.query('activated')
          ? '账号已激活，请用您设置的密码登录。'
          : undefined;
    const chrome = chromeFor(c, '工作人员登录', 'staff', 'login', true);
    return renderPage(c, chrome, loginPage(emptyForm, csrfTokenFor(c), safeNext(c.req.query('next')), notice));
  });

  app.post('/login', async (c) => {
    const values = formObject(await c.req.parseBody());
    const next = safeNext(values['next']);
    try {
      const r = await startSession(c, values);
      return c.redirect(r.mustChangePassword ? '/staff/password' : next, 303);
    } catch (e) {
      if (!isAppError(e) || !['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'RATE_LIMITED', 'VALIDATION'].includes(e.code))
        throw e;
      const state = { values: { login: values['login'] }, errors: {}, message: e.message };
      const chrome = chromeFor(c, '工作人员登录', 'staff', 'login', true);
      return renderPage(c, chrome, loginPage(state, csrfTokenFor(c), next), errorStatus[e.code]);
    }
  });

  app.get('/activate', (c) => {
    const chrome = chromeFor(c, '激活账号', 'staff', 'activate', true);
    return renderPage(c, chrome, activatePage(emptyForm, csrfTokenFor(c)));
  });

  app.post('/activate', async (c) => {
    const values = formObject(await c.req.parseBody());
    try {
      await limitAuthAttempts(c, 'activate');
      await activateAccount(useCaseContext(c), parseInput(activateAccountInput, values));
      return c.redirect('/staff/login?activated=1', 303);
    } catch (e) {
      if (!isAppError(e) || !['INVALID_CREDENTIALS', 'RATE_LIMITED', 'VALIDATION'].includes(e.code)) throw e;
      const state = { values: { login: values['login'] }, errors: e.fields ?? {}, message: e.message };
      const chrome = chromeFor(c, '激活账号', 'staff', 'activate', true);
      return renderPage(c, chrome, activatePage(state, csrfTokenFor(c)), errorStatus[e.code]);
    }
  });

  app.post('/logout', async (c) => {
    const s = c.get('session');
    if (s.kind === 'active') await logout(useCaseContext(c), s.token);
    clearSessionCookie(c);
    return c.redirect('/staff/login?bye=1', 303);
  });

  app.get('/password', requireStaff('html'), (c) => {
    const s = c.get('session');
    const forced = s.kind === 'active' && s.mustChangePassword;
    const state = c.req.query('changed') && !forced ? { values: {}, errors: {}, message: '密码已修改' } : emptyForm;
    return renderPage(c, chromeFor(c, '修改密码', 'staff', 'password'), passwordPage(state, csrfTokenFor(c), forced));
  });

  app.post('/password', requireStaff('html'), async (c) => {
    const values = formObject(await c.req.parseBody());
    try {
      const input = parseInput(changePasswordInput, values);
      const session = await changePassword(useCaseContext(c), input, c.req.header('user-agent') ?? '');
      // Every session ended, this one included: the browser continues with the new token.
      setSessionCookie(c, session.sessionToken);
      return c.redirect('/staff/password?changed=1', 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
      const state = { values: {}, errors: e.fields ?? {}, message: e.message };
      return renderPage(
        c,
        chromeFor(c, '修改密码', 'staff', 'password'),
        passwordPage(state, csrfTokenFor(c), false),
        422,
      );
    }
  });

  return app;
}
