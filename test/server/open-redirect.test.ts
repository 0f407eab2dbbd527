import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkReturnPath, safeReturnPath } from '../../src/server/http/safe-redirect.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';
import { openRedirectPayloads } from './open-redirect-payloads.ts';

const origin = 'http://localhost';

/** A Location value is safe when a browser resolving it against the site stays on the site. */
function assertStaysOnSite(location: string | null, label: string) {
  assert.ok(location !== null, `${label}: no Location`);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  assert.doesNotMatch(location, /[\u0000-\u001f\u007f-\u009f\\]/, `${label}: control character or backslash`);
  const resolved = new URL(location, `${origin}/somewhere/deep`);
  assert.equal(resolved.origin, origin, `${label} → ${location}`);
  assert.ok(location.startsWith('/') && !location.startsWith('//'), `${label} → ${location}`);
}

describe('return paths: one helper for every redirect', () => {
  test('every payload of the corpus is refused or stays a same-origin path', () => {
    for (const p of openRedirectPayloads) {
      const r = checkReturnPath(p);
      if (r !== undefined) assertStaysOnSite(r, JSON.stringify(p));
    }
    // The corpus is not trivially refused: some payloads are harmless paths and come back normalised.
    assert.equal(checkReturnPath('/／evil.example'), '/%EF%BC%8Fevil.example');
    assert.equal(checkReturnPath('/%2F%2Fevil.example'), '/%2F%2Fevil.example');
  });

  test('ordinary paths are kept (normalised), with query and fragment', () => {
    assert.equal(safeReturnPath('/feedback', { fallback: '/' }), '/feedback');
    assert.equal(
      safeReturnPath('/agencies/x/guide?a=1&b=二#top', { fallback: '/' }),
      '/agencies/x/guide?a=1&b=%E4%BA%8C#top',
    );
    assert.equal(
      safeReturnPath('/staff/users?saved=1', { fallback: '/staff', within: '/staff' }),
      '/staff/users?saved=1',
    );
    assert.equal(safeReturnPath('/staff', { fallback: '/x', within: '/staff' }), '/staff');
    assert.equal(safeReturnPath('/staffing', { fallback: '/staff', within: '/staff' }), '/staff');
    assert.equal(safeReturnPath('/feedback', { fallback: '/staff', within: '/staff' }), '/staff');
    assert.equal(safeReturnPath(undefined, { fallback: '/' }), '/');
    assert.equal(safeReturnPath(['/feedback'], { fallback: '/' }), '/');
    assert.equal(safeReturnPath(`/${'a'.repeat(3000)}`, { fallback: '/' }), '/');
  });
});

describe('open-redirect corpus through the real routes', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(() => t.close());

  test('/prefs?back= never leaves the site and never fails', async () => {
    for (const p of openRedirectPayloads) {
      const res = await t.app.request(`/prefs?fs=l&back=${encodeURIComponent(p)}`);
      // A NUL byte anywhere in a URL is refused before routing (400), which redirects nowhere.
      if (p.includes('\u0000')) {
        assert.equal(res.status, 400, JSON.stringify(p));
        assert.equal(res.headers.get('location'), null);
        continue;
      }
      assert.equal(res.status, 303, `${JSON.stringify(p)} → ${res.status}`);
      assertStaysOnSite(res.headers.get('location'), JSON.stringify(p));
    }
    // The same payloads written into the query string without encoding (as a crafted link would be).
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    for (const p of openRedirectPayloads.filter((x) => !/[#&\s\u0000-\u001f]/.test(x))) {
      const res = await t.app.request(`/prefs?hc=1&back=${p}`);
      assert.equal(res.status, 303, `${JSON.stringify(p)} → ${res.status}`);
      assertStaysOnSite(res.headers.get('location'), JSON.stringify(p));
    }
  });

  test('login next= (query and form) never leaves the staff area', async () => {
    const c = new TestClient(t.app);
    for (const p of openRedirectPayloads.filter((x) => !x.includes('\u0000'))) {
      const page = await c.page(`/staff/login?next=${encodeURIComponent(p)}`);
      assert.equal(page.res.status, 200, JSON.stringify(p));
      const hidden = /name="next" value="([^"]*)"/.exec(page.html)?.[1] ?? '';
      assert.ok(hidden === '/staff' || hidden.startsWith('/staff/'), `${JSON.stringify(p)} → form next ${hidden}`);
    }
    // Logging in with each payload as `next`: one session per payload would be slow, so log out in between.
    for (const p of openRedirectPayloads) {
      await c.page('/staff/login');
      const res = await c.postForm('/staff/login', { login: 'bgs.chengban', password: 'Gongkai@2026', next: p });
      assert.equal(res.status, 303, JSON.stringify(p));
      const location = res.headers.get('location');
      assertStaysOnSite(location, JSON.stringify(p));
      assert.ok(location === '/staff' || location!.startsWith('/staff/'), `${JSON.stringify(p)} → ${location}`);
      await c.page('/staff');
      await c.postForm('/staff/logout', {});
    }
  });
});
