import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../db/test-databases.ts';
import { cookieNames } from '../../src/server/http/cookie-names.ts';
import { appVariants, createTestApp, TestClient, type TestApp } from './test-app.ts';

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

    test('five wrong passwords lock the account for 15 minutes; the audit log records it', async () => {
      const c = new TestClient(t.app);
      for (let i = 1; i <= 4; i++) {
        const r = await c.login('helie.chengban', 'Wrong-password-1');
        assert.equal(r.status, 401, `attempt ${i}`);
        assert.match(await r.text(), /用户名或密码错误/);
      }
      const fifth = await c.login('helie.chengban', 'Wrong-password-1');
      assert.equal(fifth.status, 423);
      assert.match(await fifth.text(), /账号已锁定/);
      // Even the right password is refused while locked.
      assert.equal((await c.login('helie.chengban')).status, 423);
      t.clock.advance(15 * 60_000 + 1000);
      assert.equal((await c.login('helie.chengban')).status, 303);
      const auditor = new TestClient(t.app);
      await auditor.apiLogin('auditor');
      const log = (await (await auditor.json('GET', '/api/v1/audit?action=user.locked')).json()) as {
        items: { action: string }[];
      };
      assert.equal(log.items.length, 1);
    });

    test('parallel wrong passwords cannot dodge the lockout', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 8 }, () => new TestClient(t.app).apiLogin('shijian.chengban', 'Wrong-password-1')),
      );
      const statuses = attempts.map((r) => r.status).sort();
      assert.ok(statuses.includes(423), statuses.join(','));
      assert.equal((await new TestClient(t.app).apiLogin('shijian.chengban')).status, 423);
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
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /密码已修改/);
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
  describe(`initial password (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('a new account must change its initial password before anything else, in pages and API', async () => {
      const admin = new TestClient(t.app);
      await admin.apiLogin('admin');
      const agencies = (await (await admin.json('GET', '/api/v1/agencies')).json()) as {
        items: { id: string; name: string }[];
      };
      const agencyId = agencies.items.find((a) => a.name.includes('河埒'))!.id;
      const created = await admin.json('POST', '/api/v1/users', {
        login: 'helie.new',
        displayName: '新同事',
        agencyId,
        roles: ['handler'],
        initialPassword: 'Initial#Pass2026',
      });
      assert.equal(created.status, 201);

      const web = new TestClient(t.app);
      const login = await web.login('helie.new', 'Initial#Pass2026');
      assert.equal(login.headers.get('location'), '/staff/password');
      assert.equal((await web.get('/staff')).headers.get('location'), '/staff/password');

      const api = new TestClient(t.app);
      await api.apiLogin('helie.new', 'Initial#Pass2026');
      const blocked = await api.json('GET', '/api/v1/submissions');
      assert.equal(blocked.status, 403);
      assert.match(await blocked.text(), /请先修改初始密码/);
      const changed = await api.json('POST', '/api/v1/me/password', {
        currentPassword: 'Initial#Pass2026',
        newPassword: 'Helie#Mine2026',
        confirmPassword: 'Helie#Mine2026',
      });
      assert.equal(changed.status, 200);
      const again = new TestClient(t.app);
      await again.apiLogin('helie.new', 'Helie#Mine2026');
      assert.equal((await again.json('GET', '/api/v1/submissions')).status, 200);
    });

    test('the security administrator resets a forgotten password: old sessions end, change forced', async () => {
      const user = new TestClient(t.app);
      await user.login('mashan.chengban');
      assert.equal((await user.get('/staff')).status, 200);
      const sec = new TestClient(t.app);
      await sec.login('security');
      const list = await sec.page('/staff/users');
      const id = /href="\/staff\/users\/([0-9a-f-]{36})"[^>]*>\s*mashan\.chengban/.exec(list.html)?.[1];
      assert.ok(id);
      const weak = await sec.postForm(`/staff/users/${id}/password`, { temporaryPassword: 'short' });
      assert.equal(weak.status, 422);
      const ok = await sec.postForm(`/staff/users/${id}/password`, { temporaryPassword: 'Temporary#Pw2026' });
      assert.equal(ok.status, 303);
      assert.match((await user.get('/staff')).headers.get('location') ?? '', /^\/staff\/login/);
      const relogin = new TestClient(t.app);
      assert.equal(
        (await relogin.login('mashan.chengban', 'Temporary#Pw2026')).headers.get('location'),
        '/staff/password',
      );
    });
  });
}
