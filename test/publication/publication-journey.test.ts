import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { createApp } from '../../src/server/app.ts';
import { publicationFiguresFor } from '../../src/use-cases/publication/publication-figures-for.ts';
import { portalCacheScope } from '../../src/server/routes/portal/portal-routes.ts';
import { portalPagesScope } from '../../src/use-cases/publication/publish-core.ts';
import { TestClient, createTestApp, type TestApp } from '../server/test-app.ts';
import { testDialects } from '../db/test-databases.ts';

/**
 * 主动公开 end to end, in-process, on every database: draft → 初审 → 复审 → 终审 → 保密审查 + publish → the item is
 * in its column list, in search and in the feed → withdraw → gone from all three and from the page cache.
 */

async function signedIn(t: TestApp, login: string): Promise<TestClient> {
  const c = new TestClient(t.app);
  assert.equal((await c.login(login)).status, 303, `login ${login}`);
  return c;
}

function itemIdOf(res: Response): string {
  const loc = res.headers.get('location') ?? '';
  const m = /\/staff\/publication\/items\/([A-Za-z0-9_-]+)/.exec(loc);
  assert.ok(m, `redirect to the item, got ${res.status} ${loc}`);
  return m[1]!;
}

async function versionOf(c: TestClient, id: string): Promise<string> {
  const { html } = await c.page(`/staff/publication/items/${id}`);
  return /name="version" value="(\d+)"/.exec(html)?.[1] ?? '1';
}

interface Staff {
  author: TestClient;
  reviewer: TestClient;
  head: TestClient;
}

async function draft(s: Staff, fields: Record<string, string>): Promise<string> {
  await s.author.page('/staff/publication/new');
  const res = await s.author.postForm('/staff/publication', { validityStatus: 'in_force', ...fields });
  return itemIdOf(res);
}

async function throughReview(s: Staff, id: string): Promise<void> {
  assert.equal(
    (await s.author.postForm(`/staff/publication/items/${id}/submit`, { version: await versionOf(s.author, id) }))
      .status,
    303,
  );
  for (const who of [s.reviewer, s.reviewer, s.head]) {
    const res = await who.postForm(`/staff/publication/items/${id}/review`, {
      decision: 'approve',
      comment: '同意',
      version: await versionOf(who, id),
    });
    assert.equal(
      res.status,
      303,
      await res
        .clone()
        .text()
        .then((t) => t.slice(0, 0)),
    );
  }
}

async function publish(s: Staff, id: string): Promise<void> {
  const res = await s.head.postForm(`/staff/publication/items/${id}/publish`, {
    secrecyConfirmed: '1',
    version: await versionOf(s.head, id),
  });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location') ?? '', /done=published/);
}

for (const dialect of testDialects()) {
  describe(`publication journey (${dialect})`, () => {
    let t: TestApp;
    let s: Staff;
    let bgsId = '';
    const anon = () => new TestClient(t.app);

    before(async () => {
      t = await createTestApp(dialect);
      s = {
        author: await signedIn(t, 'bgs.chengban'),
        reviewer: await signedIn(t, 'bgs.shenhe'),
        head: await signedIn(t, 'bgs.fuze'),
      };
      bgsId = (await listAgencies(t.database.open.db)).find((a) => a.kind === 'district_office')!.id;
    });
    after(() => t.close());

    test('the portal cache scope is the one the use-cases bump', () => {
      assert.equal(portalPagesScope, portalCacheScope);
    });

    test('draft → three reviews → publish → list, search, feed → withdraw → gone, also from the cache', async () => {
      const id = await draft(s, {
        catalogue: 'news',
        title: '荣巷街道召开行政复议案件协调会',
        writtenOn: '2026-11-18',
        bodyHtml: '<p>街道办事处会同区司法局，协调辖区内行政复议案件办理。</p>',
      });
      // Not public before publication.
      assert.equal((await anon().get(`/items/${id}`)).status, 404);
      await throughReview(s, id);
      const { html: staffPage } = await s.head.page(`/staff/publication/items/${id}`);
      assert.match(staffPage, /已审核待发布/);
      await publish(s, id);

      const { html: detail } = await s.head.page(`/staff/publication/items/${id}`);
      const indexNumber = /([0-9A-Z]{18}\/2026-\d{5})/.exec(detail)?.[1];
      assert.ok(indexNumber, '索引号 allocated on publication');

      const list = await anon().get(`/agencies/${bgsId}/columns/news`);
      assert.equal(list.status, 200);
      const etag = list.headers.get('etag')!;
      assert.match(await list.text(), /荣巷街道召开行政复议案件协调会/);
      const item = await anon().get(`/items/${id}`);
      const itemHtml = await item.text();
      assert.match(itemHtml, new RegExp(indexNumber.replace('/', '\\/')));
      assert.match(itemHtml, /<svg[^>]*aria-label="本页二维码"/);
      assert.match(itemHtml, /滨湖区人民政府政府信息公开/, "the government's name in the header");
      for (const q of ['复议', '街道']) {
        const search = await (await anon().get(`/search?q=${encodeURIComponent(q)}`)).text();
        assert.match(search, new RegExp(`/items/${id}`), `search finds ${q}`);
      }
      const filtered = await (await anon().get(`/search?q=${encodeURIComponent('复议')}&year=2025`)).text();
      assert.doesNotMatch(filtered, new RegExp(`/items/${id}`), 'the year filter applies');
      const feed = await (await anon().get(`/agencies/${bgsId}/columns/news/feed.atom`)).text();
      assert.match(feed, /荣巷街道召开行政复议案件协调会/);
      assert.match(await (await anon().get('/sitemap.xml')).text(), new RegExp(`/items/${id}`));
      assert.match(await (await anon().get('/')).text(), /荣巷街道召开行政复议案件协调会/);
      // Conditional GET while nothing changed.
      const again = await anon().request('GET', `/agencies/${bgsId}/columns/news`, {
        headers: { 'if-none-match': etag },
      });
      assert.equal(again.status, 304);

      const w = await s.head.postForm(`/staff/publication/items/${id}/withdraw`, {
        reason: '信息有误，撤回更正',
        version: await versionOf(s.head, id),
      });
      assert.equal(w.status, 303);
      const after = await anon().request('GET', `/agencies/${bgsId}/columns/news`, {
        headers: { 'if-none-match': etag },
      });
      assert.equal(after.status, 200, 'the cached list was invalidated');
      assert.doesNotMatch(await after.text(), /荣巷街道召开行政复议案件协调会/);
      assert.equal((await anon().get(`/items/${id}`)).status, 404);
      assert.doesNotMatch(
        await (await anon().get(`/search?q=${encodeURIComponent('复议')}`)).text(),
        new RegExp(`/items/${id}`),
      );
      assert.doesNotMatch(await (await anon().get(`/agencies/${bgsId}/columns/news/feed.atom`)).text(), /协调会/);
      assert.doesNotMatch(await (await anon().get('/')).text(), /荣巷街道召开行政复议案件协调会/);

      // Every step is in the audit trail.
      const actions = (
        await t.database.open.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_id', '=', id)
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);
      assert.deepEqual(actions, [
        'publication.create',
        'publication.submit',
        'publication.approve',
        'publication.approve',
        'publication.approve',
        'publication.secrecyConfirm',
        'publication.publish',
        'publication.withdraw',
      ]);
    });

    test('return for changes sends the draft back with the comment; the author cannot review their own item', async () => {
      const id = await draft(s, {
        catalogue: 'notices',
        title: '关于征集意见的公告',
        bodyHtml: '<p>欢迎提出意见。</p>',
      });
      await s.author.postForm(`/staff/publication/items/${id}/submit`, { version: await versionOf(s.author, id) });
      const own = await s.author.postForm(`/staff/publication/items/${id}/review`, {
        decision: 'approve',
        version: await versionOf(s.author, id),
      });
      assert.equal(own.status, 403, 'a 承办人 has no review right');
      const back = await s.reviewer.postForm(`/staff/publication/items/${id}/review`, {
        decision: 'return',
        comment: '请补充征集期限',
        version: await versionOf(s.reviewer, id),
      });
      assert.equal(back.status, 303);
      const { html } = await s.author.page(`/staff/publication/items/${id}`);
      assert.match(html, /草稿/);
      assert.match(html, /请补充征集期限/);
      // A stale version (double submit) is a conflict, not a second decision.
      const stale = await s.author.postForm(`/staff/publication/items/${id}/submit`, { version: '1' });
      assert.equal(stale.status, 409);
    });

    test('error-level findings block approval unless the reviewer gives a reason', async () => {
      const id = await draft(s, {
        catalogue: 'news',
        title: '关于布署安全生产检查的通知',
        bodyHtml: '<p>联系人手机13812345678。</p>',
      });
      await s.author.postForm(`/staff/publication/items/${id}/submit`, { version: await versionOf(s.author, id) });
      const { html } = await s.reviewer.page(`/staff/publication/items/${id}`);
      assert.match(html, /<mark class="finding error"/, 'findings are marked inline');
      const refused = await s.reviewer.postForm(`/staff/publication/items/${id}/review`, {
        decision: 'approve',
        version: await versionOf(s.reviewer, id),
      });
      assert.equal(refused.status, 422);
      const ok = await s.reviewer.postForm(`/staff/publication/items/${id}/review`, {
        decision: 'approve',
        overrideReason: '号码为单位公开的服务电话',
        version: await versionOf(s.reviewer, id),
      });
      assert.equal(ok.status, 303);
    });

    test("another agency's staff see nothing; wrong role, missing CSRF and a missing 保密审查 are refused", async () => {
      const id = await draft(s, { catalogue: 'news', title: '内部测试信息', bodyHtml: '<p>内容</p>' });
      const other = await signedIn(t, 'rongxiang.fuze');
      assert.equal((await other.get(`/staff/publication/items/${id}`)).status, 404);
      await other.page('/staff/publication');
      assert.equal((await other.postForm(`/staff/publication/items/${id}/submit`, { version: '1' })).status, 404);
      const noCsrf = await s.author.request('POST', `/staff/publication/items/${id}/submit`, {
        form: { version: '1' },
      });
      assert.equal(noCsrf.status, 403);
      await throughReview(s, id);
      const unconfirmed = await s.head.postForm(`/staff/publication/items/${id}/publish`, {
        version: await versionOf(s.head, id),
      });
      assert.equal(unconfirmed.status, 422);
      const byHandler = await s.author.postForm(`/staff/publication/items/${id}/publish`, {
        secrecyConfirmed: '1',
        version: await versionOf(s.author, id),
      });
      assert.equal(byHandler.status, 403);
      const auditor = await signedIn(t, 'auditor');
      assert.equal((await auditor.get(`/staff/publication/items/${id}`)).status, 403, 'no publication role at all');
      // Anonymous: to the login page.
      assert.equal((await anon().get(`/staff/publication/items/${id}`)).status, 303);
    });

    test('XSS in title and body is neutralised on the staff and public pages and in search', async () => {
      const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const id = await draft(s, {
        catalogue: 'news',
        title: `街道通知${payload}`,
        bodyHtml: `<p>复议${payload}<a href="javascript:alert(3)">链接</a></p>`,
      });
      await throughReview(s, id);
      await publish(s, id);
      for (const path of [
        `/items/${id}`,
        `/search?q=${encodeURIComponent(`复议${payload}`)}`,
        `/search?q=${encodeURIComponent('街道通知')}`,
      ]) {
        const html = await (await anon().get(path)).text();
        assert.doesNotMatch(html, /<script>alert/, path);
        assert.doesNotMatch(html, /<img[^>]*onerror/i, path);
        assert.doesNotMatch(html, /href="javascript:/i, path);
      }
      const { html: staff } = await s.head.page(`/staff/publication/items/${id}`);
      assert.doesNotMatch(staff, /<script>alert/);
    });

    test('table 2 figures and published counts for the annual report', async () => {
      const before = await publicationFiguresFor(t.database.open.db, [bgsId], 2026);
      const id = await draft(s, {
        catalogue: 'normative-documents',
        title: '滨湖区政府信息公开工作规定',
        docNumber: '锡滨政办发〔2026〕3号',
        writtenOn: '2026-11-10',
        bodyHtml: '<p>第一条 为规范政府信息公开工作，制定本规定。</p>',
      });
      await throughReview(s, id);
      await publish(s, id);
      const figures = await publicationFiguresFor(t.database.open.db, [bgsId], 2026);
      assert.equal(figures.normative.normative.issued, before.normative.normative.issued + 1);
      assert.equal(figures.normative.normative.inForce, before.normative.normative.inForce + 1);
      const count = (f: typeof figures) => f.published.find((p) => p.catalogue === '行政规范性文件')?.count ?? 0;
      assert.equal(count(figures), count(before) + 1);
      assert.ok(figures.published.some((p) => p.catalogue === '工作动态'));
    });

    test('索引号 are unique under concurrent publication from two app servers', async () => {
      const ids: string[] = [];
      for (let n = 0; n < 6; n++) {
        const id = await draft(s, {
          catalogue: 'news',
          title: `并发发布测试${n}`,
          writtenOn: '2026-11-19',
          bodyHtml: '<p>内容</p>',
        });
        await throughReview(s, id);
        ids.push(id);
      }
      // A second app server with its own connection pool on the same database.
      const second = openDatabase(t.database.url);
      const app2 = createApp({ ...t.deps, database: second });
      try {
        const head2 = new TestClient(app2);
        assert.equal((await head2.login('bgs.fuze')).status, 303);
        const versions = await Promise.all(ids.map((id) => versionOf(s.head, id)));
        const results = await Promise.all(
          ids.map((id, n) =>
            (n % 2 === 0 ? s.head : head2).postForm(`/staff/publication/items/${id}/publish`, {
              secrecyConfirmed: '1',
              version: versions[n]!,
            }),
          ),
        );
        // SQLite may answer a busy writer with a retryable error; what must never happen is a duplicate.
        const published = await t.database.open.db
          .selectFrom('publication_items')
          .select(['index_number'])
          .where('id', 'in', ids)
          .where('status', '=', 'published')
          .execute();
        assert.ok(published.length >= 1);
        const numbers = published.map((r) => r.index_number);
        assert.equal(new Set(numbers).size, numbers.length, 'no duplicate 索引号');
        if (dialect === 'postgres')
          assert.ok(
            results.every((r) => r.status === 303),
            'all published on PostgreSQL',
          );
      } finally {
        await second.close();
      }
    });
  });
}
