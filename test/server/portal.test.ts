import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';

for (const dialect of testDialects()) {
  describe(`public portal (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('home page: lang zh-CN, skip link, landmarks, every agency linked to its 公开指南', async () => {
      const res = await t.app.request('/');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<html lang="zh-CN"/);
      assert.match(html, /<a class="skip-link" href="#main">跳到主要内容<\/a>/);
      for (const landmark of ['<header', '<nav', '<main id="main"', '<footer'])
        assert.ok(html.includes(landmark), landmark);
      assert.doesNotMatch(html, /<script/);
      assert.doesNotMatch(html, /style="/);
      for (const a of await listAgencies(t.database.open.db))
        assert.ok(html.includes(`/agencies/${a.id}/guide`), a.name);
    });

    test('公开指南 page shows the contact details of 条例第十二条', async () => {
      const a = (await listAgencies(t.database.open.db)).find((x) => x.name === '无锡市滨湖区蠡园街道办事处')!;
      const html = await (await t.app.request(`/agencies/${a.id}/guide`)).text();
      for (const v of [a.name, a.code, a.address, a.phone, a.fax, a.office_hours, '第三十三条', '1月31日'])
        assert.ok(html.includes(v), v);
      assert.equal((await t.app.request('/agencies/nope/guide')).status, 404);
    });

    test('font size and high contrast are links that set cookies; only local paths are followed back', async () => {
      const res = await t.app.request('/prefs?fs=l&back=%2Ffeedback');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/feedback');
      assert.match(res.headers.getSetCookie().join(), /gk_fs=l/);
      const evil = await t.app.request('/prefs?hc=1&back=%2F%2Fevil.example');
      assert.equal(evil.headers.get('location'), '/');
      const big = await t.app.request('/', { headers: { cookie: 'gk_fs=l; gk_hc=1' } });
      assert.match(await big.text(), /<html lang="zh-CN"\s+class="fs-l hc"/);
    });

    test('feedback form: Chinese field errors, then stored once even if submitted twice', async () => {
      const c = new TestClient(t.app);
      const form = await c.page('/feedback');
      const key = /name="idempotencyKey"\s+value="([^"]+)"/.exec(form.html)?.[1] ?? '';
      const agencyId = (await listAgencies(t.database.open.db))[2]!.id;
      const bad = await c.postForm('/feedback', { idempotencyKey: key, agencyId: '', kind: 'message', content: '短' });
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(badHtml, /内容不少于5个字/);
      assert.match(badHtml, /请选择机构/);
      const body = { idempotencyKey: key, agencyId, kind: 'correction', content: '页面上的联系电话有误。' };
      const first = await c.postForm('/feedback', body);
      assert.equal(first.status, 303);
      assert.match(first.headers.get('location') ?? '', /new=1/);
      const second = await c.postForm('/feedback', body);
      assert.match(second.headers.get('location') ?? '', /new=0/);
      const done = await c.page(second.headers.get('location') ?? '');
      assert.match(done.html, /该留言此前已提交成功，未重复保存/);
    });

    test('JSON API: public submission is idempotent by Idempotency-Key', async () => {
      const agencyId = (await listAgencies(t.database.open.db))[3]!.id;
      const post = () =>
        t.app.request('/api/v1/submissions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'api-key-0123456789abcdef' },
          body: JSON.stringify({ agencyId, kind: 'message', content: '请公开本街道的财政预算。' }),
        });
      const a = await post();
      const b = await post();
      assert.equal(a.status, 201);
      assert.equal(b.status, 200);
      assert.equal(((await a.json()) as { id: string }).id, ((await b.json()) as { id: string }).id);
    });

    test('errors are JSON with a stable code and a Chinese message', async () => {
      const res = await t.app.request('/api/v1/agencies/none');
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: { code: 'NOT_FOUND', message: '未找到该机构' } });
      const v = await t.app.request('/api/v1/submissions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"kind":"x"}',
      });
      assert.equal(v.status, 422);
      const body = (await v.json()) as { error: { code: string; fields: Record<string, string> } };
      assert.equal(body.error.code, 'VALIDATION');
      assert.ok(body.error.fields['content']);
    });

    test('OpenAPI 3.1 document lists every /api/v1 route; /api/docs renders it; /healthz answers', async () => {
      const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      };
      assert.equal(doc.openapi, '3.1.0');
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([p, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
        ),
      );
      const routes = t.app.routes
        .filter((r) => r.path.startsWith('/api/v1') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`);
      for (const r of routes) assert.ok(documented.has(r), `undocumented: ${r}`);
      const docs = await (await t.app.request('/api/docs')).text();
      assert.match(docs, /\/api\/v1\/agencies/);
      assert.match(docs, /CONFLICT/);
      assert.deepEqual(await (await t.app.request('/healthz')).json(), { status: 'ok', db: dialect });
    });
  });
}
