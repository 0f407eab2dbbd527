/**
 * The staff page of tables 3 and 4 (/staff/cases/tables): the figures are caseTablesFor's (the annual report's
 * source) for the reader's agency or — 上级监督 — its subtree, laid out as the national template, with the
 * carry-over from the year before; every non-zero table-3 cell links to the case list, whose count equals the cell.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { T3_COLUMNS, T3_ROWS } from '../../src/core/report/layout.ts';
import { caseTablesFor } from '../../src/use-cases/cases/case-tables-for.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

/** The drill-down links of a tables page: cell path → [shown value, href]. */
function links(html: string): Map<string, { value: number; href: string }> {
  const out = new Map<string, { value: number; href: string }>();
  for (const m of html.matchAll(/<a href="([^"]+)" data-cell="([^"]+)">(\d+)<\/a>/g))
    out.set(m[2]!, { value: Number(m[3]), href: m[1]!.replaceAll('&amp;', '&') });
  return out;
}

/** The count the case list states for a table-3 cell. */
async function listed(client: TestClient, href: string): Promise<number> {
  const { res, html } = await client.page(href);
  assert.equal(res.status, 200, href);
  const m = /计入的申请，共\s*(\d+)\s*件/.exec(html);
  assert.ok(m, `no count on ${href}`);
  return Number(m[1]);
}

for (const dialect of testDialects()) {
  describe(`staff page of tables 3 and 4 (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, {}, { demoCases: true });
    });
    after(() => t.close());

    const nonZeroCells = (t3: Record<string, Record<string, number | null>>) =>
      T3_ROWS['2021'].flatMap((r) =>
        T3_COLUMNS.filter((c) => (t3[r.key]?.[c] ?? 0) > 0).map((c) => `t3.${r.key}.${c}`),
      );

    test('上级监督: the district’s subtree, every non-zero cell links to a list of exactly that many cases', async () => {
      const db = t.database.open.db;
      const client = new TestClient(t.app);
      await client.login('jiandu');
      const { res, html } = await client.page('/staff/cases/tables?year=2026');
      assert.equal(res.status, 200);
      const all = (await db.selectFrom('agencies').select('id').execute()).map((a) => a.id);
      const expected = await caseTablesFor(db, all, 2026);
      const t3 = expected.t3 as unknown as Record<string, Record<string, number | null>>;
      const got = links(html);
      assert.deepEqual([...got.keys()].sort(), nonZeroCells(t3).sort(), 'exactly the non-zero cells link');
      assert.ok(got.size > 20, `a year of demo cases fills the table (${got.size} cells)`);
      for (const [path, { value, href }] of got) {
        const [, row, col] = path.split('.');
        assert.equal(value, t3[row!]![col!], path);
        assert.match(href, /scope=subtree/);
        assert.equal(await listed(client, href), value, `${path}: the list holds as many cases as the cell`);
      }
      // Carry-over: 2026's 二、上年结转 is 2025's 四、结转下年度.
      const before = await caseTablesFor(db, all, 2025);
      assert.equal(expected.t3.carriedOver.total, before.t3.carryForward.total);
      assert.match(
        html.replace(/\s+/g, ' '),
        new RegExp(
          `二、上年结转 ${expected.t3.carriedOver.total} 件，等于2025年表三“四、结转下年度”${before.t3.carryForward.total} 件。`,
        ),
      );
      assert.doesNotMatch(html, /不一致/);
      // The national layout: the template's header merges and table 4.
      assert.match(html, /<td rowspan="3" colspan="3" class="muted">（本列数据的勾稽关系为/);
      assert.match(html, /<th scope="colgroup"\s+colspan="5">法人或其他组织<\/th>/);
      assert.match(html, /表四：行政复议、行政诉讼统计/);
    });

    /** Signs in, opens the tables page, and computes what it must show for the person's own agency. */
    async function ownAgencyPage(login: string, query: string) {
      const db = t.database.open.db;
      const client = new TestClient(t.app);
      await client.login(login);
      const own = await db.selectFrom('users').select('agency_id').where('login', '=', login).executeTakeFirstOrThrow();
      const { res, html } = await client.page(`/staff/cases/tables?${query}`);
      assert.equal(res.status, 200);
      const expected = await caseTablesFor(db, [own.agency_id], 2026);
      const cells = nonZeroCells(expected.t3 as unknown as Record<string, Record<string, number | null>>);
      return { client, got: links(html), cells };
    }

    test('上级监督 may narrow to its own agency; the links keep that scope', async () => {
      const { client, got, cells } = await ownAgencyPage('jiandu', 'year=2026&scope=agency');
      assert.deepEqual([...got.keys()].sort(), cells.sort());
      for (const { value, href } of got.values()) {
        assert.match(href, /scope=agency/);
        assert.equal(await listed(client, href), value);
      }
    });

    test('a street’s staff see their own agency only; the subtree is refused', async () => {
      const { client, got, cells } = await ownAgencyPage('rongxiang.chengban', 'year=2026');
      assert.ok(cells.length > 0);
      assert.deepEqual([...got.keys()].sort(), cells.sort());
      for (const { value, href } of got.values()) assert.equal(await listed(client, href), value);
      assert.equal((await client.get('/staff/cases/tables?year=2026&scope=subtree')).status, 403);
      // The case list links to the page (the staff case navigation).
      assert.match((await client.page('/staff/cases')).html, /href="\/staff\/cases\/tables"/);
    });

    test('bad input is refused with a message, not a 500', async () => {
      const client = new TestClient(t.app);
      await client.login('jiandu');
      for (const q of ['year=abc', 'year=99999', 'year=2026&scope=everything', `year=${'9'.repeat(5000)}`]) {
        const res = await client.get(`/staff/cases/tables?${q}`);
        assert.equal(res.status, 422, q);
      }
      assert.equal((await new TestClient(t.app).get('/staff/cases/tables')).status, 303, 'sign-in first');
    });
  });
}
