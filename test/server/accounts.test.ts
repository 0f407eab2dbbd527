import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findUserByLogin } from '../../src/db/repositories/platform/user-repository.ts';
import { sweepLoginFailures } from '../../src/use-cases/platform/sweep-login-failures.ts';
import { testDialects } from '../db/test-databases.ts';
import { cookieNames } from '../../src/server/http/cookie-names.ts';
import { appVariants, createTestApp, TestClient, type TestApp } from './test-app.ts';
import { cpuNow } from '../cpu-clock.ts';

for (const { dialect, secure, env, label } of appVariants()) {
  describe(`accounts and sessions (${label})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { ...env, SESSION_IDLE_MINUTES: '30' });
    });
    after(() => t.close());

    test('login shows the own agency dashboard; logout ends the session', async () => {
      const c = new TestClient(t.app);
      assert.equal((await c.login('rongxiang.chengban')).status, 303);
      const { res, html } = await c.page('/staff');
      assert.equal(res.status, 200);
      assert.match(html, /本机构工作台/);
      assert.match(html, /无锡市滨湖区荣巷街道办事处/);
      assert.equal((await c.postForm('/staff/logout', {})).status, 303);
      const after = await c.get('/staff');
      assert.equal(after.status, 303);
      assert.match(after.headers.get('location') ?? '', /^\/staff\/login/);
    });

    test('a POST without CSRF token is rejected with 403', async () => {
      const c = new TestClient(t.app);
      await c.login('admin');
      const res = await c.postForm('/staff/logout', {}, false);
      assert.equal(res.status, 403);
      assert.match(await res.text(), /页面已过期或请求来源无效/);
      const anon = new TestClient(t.app);
      const r2 = await anon.postForm('/feedback', { content: '测试测试测试' }, false);
      assert.equal(r2.status, 403);
      const api = new TestClient(t.app);
      await api.apiLogin('admin');
      const r3 = await api.request('POST', '/api/v1/agencies', { json: {} });
      assert.equal(r3.status, 403);
      assert.equal(((await r3.json()) as { error: { code: string } }).error.code, 'CSRF');
    });

    test('a cross-site Origin is refused even with a token', async () => {
      const c = new TestClient(t.app);
      await c.login('admin');
      const res = await c.request('POST', '/staff/logout', {
        form: { _csrf: c.csrf },
        headers: { origin: 'https://evil.example', host: 'localhost' },
      });
      assert.equal(res.status, 403);
    });

    test('password complexity is enforced with Chinese messages', async () => {
      const c = new TestClient(t.app);
      await c.login('liyuan.chengban');
      await c.page('/staff/password');
      const short = await c.postForm('/staff/password', {
        currentPassword: 'Gongkai@2026',
        newPassword: 'abc',
        confirmPassword: 'abc',
      });
      assert.equal(short.status, 422);
      const html = await short.text();
      assert.match(html, /密码长度不得少于10位/);
      assert.match(html, /至少包含小写字母、大写字母、数字、特殊字符中的三类/);
      const ok = await c.postForm('/staff/password', {
        currentPassword: 'Gongkai@2026',
        newPassword: 'Liyuan#Secure9',
        confirmPassword: 'Liyuan#Secure9',
      });
      assert.equal(ok.status, 303);
      assert.match((await c.page(ok.headers.get('location')!)).html, /密码已修改/);
      const again = new TestClient(t.app);
      assert.equal((await again.login('liyuan.chengban', 'Liyuan#Secure9')).status, 303);
    });

    test('a session ends after the idle time and the user is sent to the login page', async () => {
      const c = new TestClient(t.app);
      await c.login('mashan.chengban');
      t.clock.advance(29 * 60_000);
      assert.equal((await c.get('/staff')).status, 200, 'activity keeps the session alive');
      t.clock.advance(31 * 60_000);
      const res = await c.get('/staff');
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location') ?? '', /expired=1/);
      const login = await c.page(res.headers.get('location') ?? '');
      assert.match(login.html, /登录已超时，请重新登录/);
      const api = await c.json('GET', '/api/v1/me');
      assert.equal(api.status, 401);
    });

    test('security headers are set on pages', async () => {
      const res = await t.app.request('/');
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(res.headers.get('referrer-policy'));
    });

    test(`session cookie is HttpOnly and SameSite=Lax${secure ? ', Secure and __Host-' : ''}`, async () => {
      const c = new TestClient(t.app);
      await c.page('/staff/login');
      const res = await c.postForm('/staff/login', { login: 'admin', password: 'Gongkai@2026' });
      const name = cookieNames(secure).session;
      const sc = res.headers.getSetCookie().find((s) => s.startsWith(`${name}=`));
      assert.ok(sc);
      assert.match(sc, /HttpOnly/);
      assert.match(sc, /SameSite=Lax/);
      if (secure) assert.match(sc, /Secure/);
      // Logging out deletes the cookie the same way, in the form and in the API.
      await c.page('/staff');
      const out = await c.postForm('/staff/logout', {});
      assert.equal(out.status, 303);
      const deleted = out.headers.getSetCookie().find((s) => s.startsWith(`${name}=`));
      assert.ok(deleted && /Max-Age=0/i.test(deleted), String(deleted));
      const api = new TestClient(t.app);
      await api.apiLogin('admin');
      const apiOut = await api.json('DELETE', '/api/v1/session');
      assert.equal(apiOut.status, 200, await apiOut.clone().text());
      assert.match(apiOut.headers.getSetCookie().join('\n'), new RegExp(`${name}=;.*Max-Age=0`, 'i'));
      assert.equal((await api.json('GET', '/api/v1/me')).status, 401);
    });

    test('authenticated answers and the login answer (it carries the CSRF token) are never cached', async () => {
      const api = new TestClient(t.app);
      const login = await api.apiLogin('admin');
      assert.match(login.headers.get('cache-control') ?? '', /no-store/);
      for (const path of ['/api/v1/me', '/api/v1/users', '/api/v1/agencies']) {
        const res = await api.json('GET', path);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('cache-control') ?? '', /no-store/, path);
      }
      const refused = await new TestClient(t.app).json('GET', '/api/v1/me');
      assert.equal(refused.status, 401);
      assert.match(refused.headers.get('cache-control') ?? '', /no-store/);
    });
  });
}

for (const dialect of testDialects()) {
  // TRUST_PROXY=1: each TestClient speaks from its own address (X-Real-IP), as behind nginx.
  describe(`failed logins: throttled per address, never a lock anyone can trigger (${dialect})`, () => {
    let t: TestApp;
    let serial = 0;
    const from = () => new TestClient(t.app, { ip: `192.0.2.${++serial}` });
    before(async () => {
      t = await createTestApp(dialect, { TRUST_PROXY: '1' });
    });
    after(() => t.close());

    const attempts = async (c: TestClient, login: string, n: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) statuses.push((await c.apiLogin(login, 'Wrong-password-1')).status);
      return statuses;
    };

    test('a known and an unknown login answer alike to the same attempts (no enumeration)', async () => {
      const known = await attempts(from(), 'helie.chengban', 7);
      const unknown = await attempts(from(), 'helie.nobody', 7);
      assert.deepEqual(known, unknown);
      assert.deepEqual(known, [401, 401, 401, 401, 401, 429, 429]);
      const body = (await (await from().apiLogin('helie.nobody', 'x')).json()) as { error: { message: string } };
      assert.equal(body.error.message, '用户名或密码错误');
    });

    test('failures from one address do not lock the account out for its owner elsewhere', async () => {
      const attacker = from();
      const statuses = await attempts(attacker, 'rongxiang.shenhe', 20);
      assert.ok(
        statuses.slice(5).every((s) => s === 429),
        statuses.join(','),
      );
      assert.equal((await attacker.apiLogin('rongxiang.shenhe')).status, 429, 'the attacker stays throttled');
      assert.equal((await from().login('rongxiang.shenhe')).status, 303, 'the owner logs in from their address');
    });

    test('parallel wrong passwords from one address cannot dodge the throttle', async () => {
      const c = from();
      const results = await Promise.all(Array.from({ length: 12 }, () => c.apiLogin('shijian.chengban', 'Wrong-1a')));
      const wrong = results.filter((r) => r.status === 401).length;
      assert.ok(wrong <= 5, `${wrong} passwords were checked, at most 5 may be`);
      assert.ok(results.every((r) => r.status === 401 || r.status === 429));
      assert.equal((await c.apiLogin('shijian.chengban')).status, 429);
    });

    test('one address trying many logins is throttled as a whole; other addresses are not', async () => {
      const sprayer = from();
      for (let i = 0; i < 30; i++) assert.equal((await sprayer.apiLogin(`spray${i}`, 'Wrong-1a')).status, 401);
      assert.equal((await sprayer.apiLogin('mashan.chengban')).status, 429, 'even a right password');
      assert.equal((await from().apiLogin('mashan.chengban')).status, 200);
      t.clock.advance(15 * 60_000 + 1000);
      assert.equal((await sprayer.apiLogin('mashan.chengban')).status, 200, 'the throttle ends after 15 minutes');
    });

    test('an IPv6 /64 is one address: hopping within it does not reset the count', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 7; i++)
        statuses.push(
          (await new TestClient(t.app, { ip: `2001:db8:77:1::${i}` }).apiLogin('jiaoyu.fuze', 'Wrong-1a')).status,
        );
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
      assert.equal((await new TestClient(t.app, { ip: '2001:db8:77:2::1' }).apiLogin('jiaoyu.fuze')).status, 200);
    });

    test('failure records older than a day are swept', async () => {
      await from().apiLogin('sweep.me', 'Wrong-1a');
      const count = async () =>
        Number(
          (
            await t.database.open.db
              .selectFrom('login_failures')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('login', '=', 'sweep.me')
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await count(), 1);
      assert.equal(await sweepLoginFailures(t.database.open.db, () => t.clock.now), 0, 'nothing is a day old yet');
      t.clock.advance(24 * 3_600_000 + 1000);
      assert.ok((await sweepLoginFailures(t.database.open.db, () => t.clock.now)) >= 1);
      assert.equal(await count(), 0);
    });

    test('throttling and failures are in the audit trail; the security administrator can clear them', async () => {
      const c = from();
      await attempts(c, 'bgs.shenhe', 6);
      const auditor = from();
      await auditor.apiLogin('auditor');
      const throttled = (await (await auditor.json('GET', '/api/v1/audit?action=auth.throttled')).json()) as {
        items: { after: { login: string } }[];
      };
      assert.ok(throttled.items.some((e) => e.after.login === 'bgs.shenhe'));
      const failed = (await (await auditor.json('GET', '/api/v1/audit?action=auth.loginFailed')).json()) as {
        items: unknown[];
      };
      assert.ok(failed.items.length >= 5);
      const sec = from();
      await sec.apiLogin('security');
      const id = (await findUserByLogin(t.database.open.db, 'bgs.shenhe'))!.id;
      assert.equal((await sec.json('POST', `/api/v1/users/${id}/unlock`, {})).status, 200);
      assert.equal((await c.apiLogin('bgs.shenhe')).status, 200, 'cleared: the owner may try again at once');
    });

    test('a wrong password costs the same time whether or not the login exists', async () => {
      // Warm up (the dummy hash is made once per process).
      await from().apiLogin('nobody.warm', 'Wrong-1a');
      const time = async (login: string) => {
        // CPU time, not wall time: the hash is CPU work, and other processes on the machine do not count.
        const t0 = cpuNow();
        const r = await from().apiLogin(login, 'Wrong-1a');
        assert.equal(r.status, 401);
        return cpuNow() - t0;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 8; i++) {
        known.push(await time('jiaoyu.chengban'));
        unknown.push(await time(`ghost${i}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      const [k, u] = [median(known), median(unknown)];
      // A skipped hash would make one side ~10× faster; the shared machine's noise stays well inside this band.
      assert.ok(u > k * 0.6 && u < k / 0.6, `known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`);
    });

    test('the login page says what happens after failures, without promising a lock', async () => {
      const { html } = await from().page('/staff/login');
      assert.doesNotMatch(html, /锁定/);
      assert.match(html, /15分钟/);
    });
  });

  describe(`changing the password (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('ends every other session of the user and rotates the current one (form)', async () => {
      const here = new TestClient(t.app);
      const elsewhere = new TestClient(t.app);
      await here.login('helie.chengban');
      await elsewhere.login('helie.chengban');
      const oldToken = here.cookie('gk_sid')!;
      await here.page('/staff/password');
      const res = await here.postForm('/staff/password', {
        currentPassword: 'Gongkai@2026',
        newPassword: 'Helie#Rotate2026',
        confirmPassword: 'Helie#Rotate2026',
      });
      assert.equal(res.status, 303);
      assert.notEqual(here.cookie('gk_sid'), oldToken, 'a new session token');
      assert.match((await here.page(res.headers.get('location')!)).html, /密码已修改/);
      assert.equal((await here.get('/staff')).status, 200, 'the current browser stays signed in');
      assert.match((await elsewhere.get('/staff')).headers.get('location') ?? '', /^\/staff\/login/);
      const stolen = new TestClient(t.app);
      stolen.setCookie('gk_sid', oldToken);
      assert.match((await stolen.get('/staff')).headers.get('location') ?? '', /^\/staff\/login/);
    });

    test('ends every other session of the user and rotates the current one (API)', async () => {
      const here = new TestClient(t.app);
      const elsewhere = new TestClient(t.app);
      await here.apiLogin('mashan.chengban');
      await elsewhere.apiLogin('mashan.chengban');
      const oldToken = here.cookie('gk_sid')!;
      const res = await here.json('POST', '/api/v1/me/password', {
        currentPassword: 'Gongkai@2026',
        newPassword: 'Mashan#Rotate2026',
        confirmPassword: 'Mashan#Rotate2026',
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { csrfToken: string };
      assert.notEqual(here.cookie('gk_sid'), oldToken);
      here.csrf = body.csrfToken;
      assert.equal((await here.json('GET', '/api/v1/me')).status, 200);
      assert.equal((await elsewhere.json('GET', '/api/v1/me')).status, 401);
      const stolen = new TestClient(t.app);
      stolen.setCookie('gk_sid', oldToken);
      assert.equal((await stolen.json('GET', '/api/v1/me')).status, 401);
    });
  });
}

for (const dialect of testDialects()) {
  describe(`the demo's public password (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, {}, { forceDemoAdminChange: true });
    });
    after(() => t.close());

    test('the demo administrators must replace it before anything else, in pages and API', async () => {
      for (const login of ['admin', 'security', 'auditor']) {
        const web = new TestClient(t.app);
        assert.equal((await web.login(login)).headers.get('location'), '/staff/password', login);
        assert.equal((await web.get('/staff/users')).headers.get('location'), '/staff/password');
      }
      const api = new TestClient(t.app);
      await api.apiLogin('auditor');
      const blocked = await api.json('GET', '/api/v1/audit');
      assert.equal(blocked.status, 403);
      assert.match(await blocked.text(), /请先修改初始密码/);
      const changed = await api.json('POST', '/api/v1/me/password', {
        currentPassword: 'Gongkai@2026',
        newPassword: 'Audit#Mine2026',
        confirmPassword: 'Audit#Mine2026',
      });
      assert.equal(changed.status, 200);
      api.csrf = ((await changed.json()) as { csrfToken: string }).csrfToken;
      assert.equal((await api.json('GET', '/api/v1/audit')).status, 200, 'the rotated session goes on');
      // Business accounts of the demo read no administration: they keep the demo password for a quick look.
      assert.equal((await new TestClient(t.app).login('rongxiang.chengban')).headers.get('location'), '/staff');
    });
  });
}
