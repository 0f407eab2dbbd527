/**
 * The supervision dashboard's figures from the records (issue 9 item 4): per agency, the applications open past
 * their due date and the items published in the year after the 20-working-day limit (条例第二十六条). Each number
 * equals the records (counted here independently) and the list its link opens; attacks on the two list routes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

const YEAR = 2025;

for (const dialect of testDialects()) {
  describe(`supervision dashboard: overdue applications and late publications (${dialect})`, () => {
    let t: TestApp;
    let jiandu: TestClient;
    let agencies: { id: string; name: string; path: string }[];

    before(async () => {
      t = await createTestApp(dialect, {}, { demoCases: true });
      const db = t.database.open.db;
      agencies = await db.selectFrom('agencies').select(['id', 'name', 'path']).execute();
      const idOf = (name: string) => agencies.find((a) => a.name === name)!.id;
      const template = await db
        .selectFrom('publication_items')
        .selectAll()
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const item = (agency: string, title: string, written: string, published: string, status = 'published') =>
        db
          .insertInto('publication_items')
          .values({
            ...template,
            id: randomUUID(),
            agency_id: idOf(agency),
            title,
            index_number: null,
            written_on: written,
            changed_on: null,
            published_on: published,
            published_at: `${published}T02:00:00.000Z`,
            status,
          })
          .execute();
      // Late: formed in January, published in June; on time: two days after; other years and withdrawn: not counted.
      await item('无锡市滨湖区荣巷街道办事处', '荣巷逾期一', `${YEAR}-01-02`, `${YEAR}-06-30`);
      await item('无锡市滨湖区荣巷街道办事处', '荣巷逾期二', `${YEAR}-02-03`, `${YEAR}-09-01`);
      await item('无锡市滨湖区荣巷街道办事处', '荣巷按时', `${YEAR}-03-03`, `${YEAR}-03-05`);
      await item('无锡市滨湖区荣巷街道办事处', '荣巷上年逾期', `${YEAR - 1}-01-02`, `${YEAR - 1}-06-30`);
      await item('无锡市滨湖区荣巷街道办事处', '荣巷撤回', `${YEAR}-01-02`, `${YEAR}-06-30`, 'withdrawn');
      await item('无锡市滨湖区蠡园街道办事处', '蠡园逾期', `${YEAR}-04-01`, `${YEAR}-12-01`);
      jiandu = new TestClient(t.app);
      await jiandu.login('jiandu');
    });
    after(() => t.close());

    /** The dashboard's two numbers for each agency, read from the links' accessible names. */
    async function dashboardNumbers(): Promise<Map<string, { overdue: number; late: number; links: string[] }>> {
      const { html } = await jiandu.page(`/staff/supervision?year=${YEAR}`);
      const out = new Map<string, { overdue: number; late: number; links: string[] }>();
      for (const m of html.matchAll(/href="([^"]+)"\s+aria-label="([^"]+?)逾期未答复申请(\d+)件"/g))
        out.set(m[2]!, { overdue: Number(m[3]), late: -1, links: [m[1]!.replace(/&amp;/g, '&')] });
      for (const m of html.matchAll(/href="([^"]+)"\s+aria-label="([^"]+?)\d{4}年逾期公开信息(\d+)条"/g)) {
        const e = out.get(m[2]!)!;
        e.late = Number(m[3]);
        e.links.push(m[1]!.replace(/&amp;/g, '&'));
      }
      return out;
    }

    it('each agency’s overdue applications equal the records and the list behind the number', async () => {
      const today = new Date(t.clock.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      const open = await t.database.open.db
        .selectFrom('cases')
        .select(['agency_id', 'due_on'])
        .where('status', 'not in', ['answered', 'withdrawn', 'abandoned'])
        .execute();
      const numbers = await dashboardNumbers();
      const district = agencies.find((a) => a.name === '无锡市滨湖区人民政府')!;
      const inDistrict = agencies.filter((a) => a.path.startsWith(district.path));
      assert.equal(numbers.size, inDistrict.length, 'one row per agency of the subtree');
      let total = 0;
      for (const a of inDistrict) {
        const expected = open.filter((c) => c.agency_id === a.id && c.due_on !== null && c.due_on < today).length;
        const shown = numbers.get(a.name)!;
        assert.equal(shown.overdue, expected, a.name);
        const list = await jiandu.page(shown.links[0]!);
        assert.equal([...list.html.matchAll(/<th scope="row"><a href="\/staff\/cases\//g)].length, expected, a.name);
        assert.match(list.html, new RegExp(`共<strong>${expected}</strong>件`));
        total += expected;
      }
      assert.ok(total > 0, 'the demo has overdue applications');
      assert.match(
        (await jiandu.page(`/staff/supervision?year=${YEAR}`)).html,
        new RegExp(`逾期未答复的申请${total}件`),
      );
    });

    it('each agency’s late publications of the year equal the records and the list behind the number', async () => {
      const numbers = await dashboardNumbers();
      const expected: Record<string, string[]> = {
        无锡市滨湖区荣巷街道办事处: ['荣巷逾期二', '荣巷逾期一'],
        无锡市滨湖区蠡园街道办事处: ['蠡园逾期'],
      };
      for (const [name, shown] of numbers) {
        const titles = expected[name] ?? []; // the demo published nothing in 2025
        assert.equal(shown.late, titles.length, name);
        const list = await jiandu.page(shown.links[1]!);
        assert.deepEqual(
          [...list.html.matchAll(/<th scope="row"><a href="\/items\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]),
          titles,
          name,
        );
      }
      assert.match((await jiandu.page(`/staff/supervision?year=${YEAR}`)).html, /2025年逾期公开的信息3条/);
    });

    it('attacks: other roles, an agency outside the subtree, malformed or oversize ids', async () => {
      const rongxiang = agencies.find((a) => a.name === '无锡市滨湖区荣巷街道办事处')!.id;
      const city = agencies.find((a) => a.name === '无锡市人民政府')!.id;
      const routes = (agency: string) => [
        `/staff/supervision/overdue-applications?agency=${encodeURIComponent(agency)}`,
        `/staff/supervision/late-publications?agency=${encodeURIComponent(agency)}&year=${YEAR}`,
      ];
      const handler = new TestClient(t.app);
      await handler.login('rongxiang.chengban');
      for (const url of routes(rongxiang)) assert.equal((await handler.get(url)).status, 403, url);
      for (const url of routes(city)) assert.equal((await jiandu.get(url)).status, 404, url);
      for (const url of routes('no-such-agency')) assert.equal((await jiandu.get(url)).status, 404, url);
      for (const url of routes('x'.repeat(65))) assert.equal((await jiandu.get(url)).status, 422, url);
      assert.equal((await jiandu.get('/staff/supervision/overdue-applications')).status, 422);
      assert.equal(
        (await jiandu.get(`/staff/supervision/late-publications?agency=${rongxiang}&year=1999`)).status,
        422,
      );
      assert.equal((await new TestClient(t.app).get(routes(rongxiang)[0]!)).status, 303, 'signed out: to the login');
    });
  });
}
