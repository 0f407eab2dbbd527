import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addWorkingDays } from '../../src/core/calendar/add-working-days.ts';
import { defaultCalendar } from '../../src/core/calendar/default-calendar.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';
import { fileApplication } from './cases-authorization.ts';

/**
 * Issue 7 item 1: when an administrator changes the working calendar, the due dates of open cases are computed
 * again on the new calendar and the change is recorded on each case — only on the cases the change touches.
 */
for (const dialect of testDialects()) {
  describe(`a calendar change moves open cases' due dates (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('a closure of one street moves its open case by the closed working days, and no other case', async () => {
      const agencies = await t.database.open.db.selectFrom('agencies').select(['id', 'name']).execute();
      const rongxiang = agencies.find((a) => a.name.includes('荣巷'))!.id;
      const liyuan = agencies.find((a) => a.name.includes('蠡园'))!.id;
      const own = await fileApplication(t, rongxiang);
      const other = await fileApplication(t, liyuan);
      const dueOf = async (id: string) =>
        (await t.database.open.db.selectFrom('cases').select('due_on').where('id', '=', id).executeTakeFirstOrThrow())
          .due_on;
      const before = await dueOf(own);
      const received = await t.database.open.db
        .selectFrom('cases')
        .select('received_on')
        .where('id', '=', own)
        .executeTakeFirstOrThrow();
      // 第三十三条: 20 working days from receipt, on the shipped calendar.
      const expected = addWorkingDays(defaultCalendar(), received.received_on, 20);
      assert.ok(expected.ok);
      assert.equal(before, expected.value.due);
      assert.equal(await dueOf(other), before);

      const admin = new TestClient(t.app);
      await admin.login('admin');
      await admin.page('/staff/calendar');
      const r = await admin.postForm('/staff/calendar/closures', {
        agencyId: rongxiang,
        from: '2026-12-01',
        to: '2026-12-02',
        reason: '台风停止办公（测试）',
      });
      assert.equal(r.status, 303);

      const moved = await dueOf(own);
      const plusTwo = addWorkingDays(defaultCalendar(), before!, 2);
      assert.ok(plusTwo.ok);
      assert.equal(moved, plusTwo.value.due, 'two closed working days push the due date two working days');
      assert.equal(await dueOf(other), before, 'the other street is not closed');
      const recorded = await t.database.open.db
        .selectFrom('case_events')
        .select(['case_id', 'body'])
        .where('kind', '=', 'calendar')
        .execute();
      assert.deepEqual(
        recorded.map((e) => e.case_id),
        [own],
      );
      assert.match(recorded[0]!.body, new RegExp(`因工作日历变更，答复期限由${before}改为${moved}`));
    });
  });
}
