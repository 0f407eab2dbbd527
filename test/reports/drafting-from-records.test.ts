import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { T3_COLUMNS, T3_ROWS } from '../../src/core/report/layout.ts';
import type { Report2021 } from '../../src/core/report/report-schema.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';
import { testDialects } from '../db/test-databases.ts';

/**
 * Table 3 computed straight from the stored case rows, without the case module's code: a case counts in 本年新收
 * when received in the year, in 上年结转 when received before and not finished before the year, in its outcome row
 * when finished in the year, in 结转下年度 when received by the year's end and not finished by then.
 */
function independentT3(
  rows: { applicant_type: string; received_on: string; finished_on: string | null; outcome_row: string | null }[],
  year: number,
): Record<string, Record<string, number>> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const t3: Record<string, Record<string, number>> = {};
  for (const r of T3_ROWS['2021']) t3[r.key] = Object.fromEntries(T3_COLUMNS.map((c) => [c, 0]));
  const add = (row: string, type: string) => {
    t3[row]![type]! += 1;
    t3[row]!['total']! += 1;
  };
  for (const c of rows) {
    if (c.received_on > end) continue;
    const finishedIn = c.finished_on !== null && c.finished_on >= start && c.finished_on <= end;
    if (c.received_on >= start) add('new', c.applicant_type);
    else if (c.finished_on === null || c.finished_on >= start) add('carriedOver', c.applicant_type);
    else continue;
    if (finishedIn && c.outcome_row) {
      add(c.outcome_row, c.applicant_type);
      add('total', c.applicant_type);
    }
    if (c.finished_on === null || c.finished_on > end) add('carryForward', c.applicant_type);
  }
  return t3;
}

for (const dialect of testDialects()) {
  describe(`drafting from the records (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, {}, { demoCases: true });
    });
    after(() => t.close());

    it('a drafted report of a demo agency passes its own checks and its table 3 equals an independent count of the cases', async () => {
      const db = t.database.open.db;
      const agency = await db
        .selectFrom('agencies')
        .select(['id', 'name'])
        .where('name', '=', '无锡市滨湖区荣巷街道办事处')
        .executeTakeFirstOrThrow();
      const client = new TestClient(t.app);
      await client.login('rongxiang.chengban');
      await client.page('/staff/reports');
      // 2025 was drafted from the records by the demo seed; 2026 is drafted now.
      for (const year of [2025, 2026]) {
        if (year === 2026) {
          const res = await client.postForm('/staff/reports/draft', { agencyId: agency.id, year: String(year) });
          assert.equal(res.status, 303);
        }
        const row = await db
          .selectFrom('annual_reports')
          .selectAll()
          .where('agency_id', '=', agency.id)
          .where('year', '=', year)
          .executeTakeFirstOrThrow();
        const report = JSON.parse(row.report_json) as Report2021;
        const cases = await db
          .selectFrom('cases')
          .select(['applicant_type', 'received_on', 'finished_on', 'outcome_row'])
          .where('agency_id', '=', agency.id)
          .execute();
        const expected = independentT3(cases, year);
        assert.deepEqual(report.t3, expected, `table 3 of ${year}`);
        if (year === 2026) assert.ok(expected['new']!['total']! > 0, 'the demo has applications in 2026');
        if (year === 2026) assert.equal(row.error_count, 0, row.findings_json);
        // Table 3 cells link to the cases they count.
        const page = await client.get(`/staff/reports/${row.id}`);
        assert.match(await page.text(), new RegExp(`/staff/cases\\?year=${year}&amp;cell=t3\\.new\\.natural`));
      }
    });

    it('the demo has two years of reports: the earlier published everywhere, the latest in every state, one late', async () => {
      const db = t.database.open.db;
      const rows = await db
        .selectFrom('annual_reports')
        .select(['year', 'state', 'late', 'error_count'])
        .where('year', '<=', 2025)
        .execute();
      assert.ok(rows.filter((r) => r.year === 2024).every((r) => r.state === 'published' && r.late === 0));
      const latest = rows.filter((r) => r.year === 2025);
      assert.deepEqual([...new Set(latest.map((r) => r.state))].sort(), [
        'cleared',
        'draft',
        'published',
        'returned',
        'submitted',
      ]);
      assert.ok(latest.some((r) => r.late === 1));
      assert.ok(latest.some((r) => r.state === 'draft' && r.error_count > 0));
      const portal = await (await new TestClient(t.app).get('/reports')).text();
      assert.match(portal, /2024年度/);
      const supervisor = new TestClient(t.app);
      await supervisor.login('jiandu');
      const dash = await (await supervisor.get('/staff/supervision?year=2025')).text();
      assert.match(dash, /逾期/);
      assert.match(dash, /<svg/);
    });
  });
}
