/** The portal's sitemap.xml lists the 年报 column and every published annual report page, and nothing unpublished. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

for (const dialect of testDialects()) {
  describe(`sitemap.xml and annual reports (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, {}, { demoCases: true });
    });
    after(() => t.close());

    it('lists exactly the published report pages, with their publication date', async () => {
      const rows = await t.database.open.db
        .selectFrom('annual_reports')
        .select(['id', 'state', 'published_at'])
        .execute();
      const published = rows.filter((r) => r.state === 'published');
      assert.ok(published.length > 0 && published.length < rows.length, 'the demo has reports in every state');
      const res = await new TestClient(t.app).get('/sitemap.xml');
      assert.equal(res.status, 200);
      const xml = await res.text();
      const listed = [...xml.matchAll(/<loc>[^<]*\/reports\/([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?/g)];
      assert.deepEqual(listed.map((m) => m[1]).sort(), published.map((r) => r.id).sort());
      for (const m of listed)
        assert.equal(m[2], published.find((r) => r.id === m[1])!.published_at!.slice(0, 10), 'lastmod: published on');
      assert.match(xml, /<loc>[^<]*\/reports<\/loc>/, 'the column itself');
      // Every listed page exists for the public.
      for (const m of listed.slice(0, 3))
        assert.equal((await new TestClient(t.app).get(`/reports/${m[1]}`)).status, 200);
    });
  });
}
