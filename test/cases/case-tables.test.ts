/**
 * Tables 3 and 4 from stored cases: caseTablesFor equals the core computed from a replay of every stored history
 * (the reference), satisfies the report's identities, carries over between years, and every table-3 cell's
 * drill-down list (the staff case list's `cell` filter) holds exactly as many cases as the cell counts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultCalendar } from '../../src/core/calendar/default-calendar.ts';
import { summarizeCase } from '../../src/core/cases/case-summary.ts';
import { computeTables } from '../../src/core/cases/compute-tables.ts';
import { replayOrThrow } from '../../src/core/cases/replay.ts';
import { T3_COLUMNS, T3_ROWS } from '../../src/core/report/layout.ts';
import { countCases, listCaseEvents } from '../../src/db/repositories/cases/case-repository.ts';
import { stateEvents } from '../../src/use-cases/cases/case-record.ts';
import { caseTablesFor } from '../../src/use-cases/cases/case-tables-for.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../server/test-app.ts';

for (const dialect of testDialects()) {
  describe(`tables 3 and 4 from stored cases (${dialect})`, () => {
    let t: TestApp;
    let agencyIds: string[];
    before(async () => {
      t = await createTestApp(dialect, {}, { demoCases: true });
      const rows = await t.database.open.db.selectFrom('cases').select(['id', 'agency_id']).execute();
      assert.ok(rows.length > 200, `the demo has a year of applications (${rows.length})`);
      agencyIds = [...new Set(rows.map((r) => r.agency_id))];
    });
    after(() => t.close());

    test('equal the core over a replay of every stored history, for each agency and the whole district', async () => {
      const db = t.database.open.db;
      const calendar = defaultCalendar();
      const all = await db.selectFrom('cases').select(['id', 'agency_id']).execute();
      const summaries = new Map<string, ReturnType<typeof summarizeCase>[]>();
      for (const c of all) {
        const events = stateEvents(await listCaseEvents(db, c.id));
        const s = summarizeCase(replayOrThrow(events, calendar));
        summaries.set(c.agency_id, [...(summaries.get(c.agency_id) ?? []), s]);
      }
      for (const year of [2025, 2026]) {
        for (const id of agencyIds) {
          const got = await caseTablesFor(db, [id], year);
          const ref = computeTables(summaries.get(id)!, year);
          assert.deepEqual(got.t3, ref.t3, `t3 ${id} ${year}`);
          assert.deepEqual(got.t4, ref.t4, `t4 ${id} ${year}`);
        }
        const whole = await caseTablesFor(db, agencyIds, year);
        const ref = computeTables([...summaries.values()].flat(), year);
        assert.deepEqual(whole.t3, ref.t3);
        assert.deepEqual(whole.t4, ref.t4);
        // I1: 一 + 二 = （七）总计 + 四, per column.
        for (const col of T3_COLUMNS)
          assert.equal(
            whole.t3.new[col]! + whole.t3.carriedOver[col]!,
            whole.t3.total[col]! + whole.t3.carryForward[col]!,
          );
      }
      const y25 = await caseTablesFor(db, agencyIds, 2025);
      const y26 = await caseTablesFor(db, agencyIds, 2026);
      assert.deepEqual(y25.t3.carryForward, y26.t3.carriedOver, 'X1: 2025 结转下年度 = 2026 上年结转');
      assert.ok(
        y26.t3.total.total! > 0 && y26.t4.review.total! + y25.t4.review.total! > 0,
        'answers and appeals exist',
      );
      assert.ok(y26.fees.applications + y25.fees.applications > 0, 'fees were paid in the demo');
      assert.deepEqual(await caseTablesFor(db, [], 2026), {
        ...(await caseTablesFor(db, ['no-such-agency'], 2026)),
      });
    });

    test('every table-3 cell: its drill-down list holds exactly the cases it counts', async () => {
      const db = t.database.open.db;
      const id = agencyIds[0]!;
      const { t3 } = await caseTablesFor(db, [id], 2026);
      for (const spec of T3_ROWS['2021']) {
        for (const column of T3_COLUMNS) {
          const expected = (t3 as Record<string, Record<string, number>>)[spec.key]![column]!;
          const n = await countCases(
            db,
            { kind: 'agency', agencyId: id },
            { cell: { year: 2026, row: spec.key, column } },
          );
          assert.equal(n, expected, `${spec.key}.${column}`);
        }
      }
    });
  });
}
