import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { readCacheGeneration } from '../../src/db/repositories/platform/cache-generation-repository.ts';
import type { AppEnv } from '../../src/server/app-env.ts';
import { createApp } from '../../src/server/app.ts';
import { PageCache } from '../../src/server/http/page-cache.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';

for (const dialect of testDialects()) {
  describe(`page cache (${dialect})`, () => {
    let t: TestApp;
    const now = () => t.clock.now.getTime();
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    function server(options: { checkEveryMs?: number; maxEntries?: number } = {}) {
      const pageCache = new PageCache(t.database.open.db, { secure: false, now, ...options });
      return { pageCache, app: createApp(t.deps, { pageCache }) };
    }

    test('the query string never reaches the cached page (cache poisoning)', async () => {
      const { app } = server();
      const poisoned = await app.request('/?x=%3Cb%3EPOISON%3C%2Fb%3E&back=%2F%2Fevil.example');
      assert.equal(poisoned.status, 200);
      const first = await poisoned.text();
      assert.doesNotMatch(first, /POISON|evil\.example|%3Fx%3D|[?&]x=/);
      const next = await (await app.request('/')).text();
      assert.doesNotMatch(next, /POISON|evil\.example/);
      assert.equal(next, first, 'one page for every query string');
      // The reading-preference links of the cached page come back to the canonical path.
      assert.match(next, /href="\/prefs\?fs=l&amp;back=%2F"/);
    });

    test('random cookie values neither grow the cache nor reach the page; valid preferences do apply', async () => {
      const { app, pageCache } = server();
      const plain = await (await app.request('/')).text();
      for (let i = 0; i < 1500; i++) {
        const junk = randomBytes(24).toString('base64url');
        const res = await app.request('/', {
          headers: { cookie: `gk_fs=${junk}; gk_hc=${junk}; other_${i}=${junk}` },
        });
        const html = await res.text();
        if (i % 300 === 0) {
          assert.equal(html, plain, 'an invalid preference is the default page');
          assert.ok(!html.includes(junk));
        }
      }
      assert.equal(pageCache.stats().entries, 1);
      const big = await (await app.request('/', { headers: { cookie: 'gk_fs=l; gk_hc=1' } })).text();
      assert.match(big, /<html lang="zh-CN"\s+class="fs-l hc"/);
      for (const fs of ['s', 'm', 'l'])
        for (const hc of ['0', '1']) await app.request('/', { headers: { cookie: `gk_fs=${fs}; gk_hc=${hc}` } });
      assert.equal(pageCache.stats().entries, 6, 'one entry per valid preference combination, no more');
    });

    test('conditional GET: ETag, 304 without a body, revalidation headers', async () => {
      const { app } = server();
      const res = await app.request('/');
      const etag = res.headers.get('etag');
      assert.match(etag ?? '', /^"[\w-]{20,}"$/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.equal(res.headers.get('vary'), 'Cookie');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      for (const inm of [etag!, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await app.request('/', { headers: { 'if-none-match': inm } });
        assert.equal(again.status, 304, inm);
        assert.equal(await again.text(), '');
        assert.equal(again.headers.get('etag'), etag);
      }
      assert.equal((await app.request('/', { headers: { 'if-none-match': '"stale"' } })).status, 200);
      // Another variant is another representation with its own tag.
      const large = await app.request('/', { headers: { cookie: 'gk_fs=l', 'if-none-match': etag! } });
      assert.equal(large.status, 200);
      assert.notEqual(large.headers.get('etag'), etag);
      // Two app servers render the same bytes: the same tag, so a client bouncing between them gets 304s.
      const other = server();
      assert.equal((await other.app.request('/', { headers: { 'if-none-match': etag! } })).status, 304);
    });

    test('bounded: least recently used entries go beyond maxEntries', async () => {
      const pageCache = new PageCache(t.database.open.db, { secure: false, now, maxEntries: 3 });
      const app = new Hono<AppEnv>();
      let renders = 0;
      app.get('/n/:n', (c) =>
        pageCache.respond(c, {
          scope: 'test',
          route: 'test.n',
          params: { n: Number(c.req.param('n')) },
          render: async ({ params }) => `<p>${params.n} ${++renders}</p>`,
        }),
      );
      for (let n = 0; n < 10; n++) assert.equal(await (await app.request(`/n/${n}`)).text(), `<p>${n} ${n + 1}</p>`);
      assert.equal(pageCache.stats().entries, 3);
      assert.equal(await (await app.request('/n/9')).text(), '<p>9 10</p>', 'recent entry kept');
      assert.equal(await (await app.request('/n/0')).text(), '<p>0 11</p>', 'old entry re-rendered');
      // Concurrent misses render once.
      const before = renders;
      await Promise.all(Array.from({ length: 5 }, () => app.request('/n/42')));
      assert.equal(renders, before + 1);
    });

    test('invalidate(scope) is shared through the database: another app server shows the change', async () => {
      const a = server({ checkEveryMs: 1000 });
      const b = server({ checkEveryMs: 1000 });
      const agency = (await listAgencies(t.database.open.db)).find((x) => x.name.includes('马山'))!;
      const oldEtag = (await b.app.request('/')).headers.get('etag')!;
      assert.match(await (await b.app.request('/')).text(), /马山街道办事处/);
      const g0 = await readCacheGeneration(t.database.open.db, 'portal');

      const admin = new TestClient(a.app);
      await admin.apiLogin('admin');
      const res = await admin.json('PUT', `/api/v1/agencies/${agency.id}`, {
        name: '无锡市滨湖区马山街道（已更名）',
        code: agency.code,
        kind: agency.kind,
        reportDeadline: agency.report_deadline,
        sortOrder: agency.sort_order,
        address: agency.address,
        postcode: agency.postcode,
        officeHours: agency.office_hours,
        phone: agency.phone,
        fax: agency.fax,
        onlineChannel: agency.online_channel,
        email: agency.email,
        version: agency.version,
      });
      assert.equal(res.status, 200, await res.text());
      assert.equal(await readCacheGeneration(t.database.open.db, 'portal'), g0 + 1);
      assert.match(await (await a.app.request('/')).text(), /马山街道（已更名）/, 'at once where it was made');
      t.clock.advance(1001);
      const fresh = await b.app.request('/', { headers: { 'if-none-match': oldEtag } });
      assert.equal(fresh.status, 200, 'the old tag no longer matches');
      assert.match(await fresh.text(), /马山街道（已更名）/, 'and within a second on the other server');

      await a.pageCache.invalidate('portal');
      assert.equal(await readCacheGeneration(t.database.open.db, 'portal'), g0 + 2);
    });
  });
}
