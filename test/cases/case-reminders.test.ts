/**
 * Deadline reminders of applications (issue 7 item 4, docs/cases.md): the right cases on the agency's working-day
 * calendar across a weekend and 国庆 with its make-up days, never twice, again for a due date that moved, never for
 * paused or closed cases — and one reminder all the way to a local SMTP server through the job runner.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../src/core/platform/actor.ts';
import { casesWork } from '../../src/use-cases/cases/cases-work.ts';
import { assignCase, recordCaseAction } from '../../src/use-cases/cases/record-case-action.ts';
import { remindCaseDeadlines } from '../../src/use-cases/cases/remind-case-deadlines.ts';
import { notificationsWork } from '../../src/use-cases/notifications/notifications-work.ts';
import { parseRoles } from '../../src/use-cases/platform/actor-from-user.ts';
import { testDialects } from '../db/test-databases.ts';
import { startMailDelivery } from '../notifications/mail-delivery-harness.ts';
import { decodeBody, decodeHeader } from '../notifications/smtp-test-server.ts';
import { createTestApp, type TestApp } from '../server/test-app.ts';
import { createCaseIn, publicContext } from './case-fixtures.ts';

/** 10:00 in Beijing on a civil date. */
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

for (const dialect of testDialects()) {
  describe(`case deadline reminders (${dialect})`, () => {
    let t: TestApp;
    let agency: { id: string; path: string };
    const staff: Record<string, Actor> = {};
    const cases: Record<string, string> = {};

    const staffCtx = (login: string) => ({ ...publicContext(t), actor: staff[login]! });
    const remind = () => remindCaseDeadlines(t.database.open.db, { clock: () => t.clock.now });
    /** In-app notifications per case link and user login. */
    const inbox = async () => {
      const rows = await t.database.open.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select(['users.login', 'notifications.link', 'notifications.subject'])
        .where('notifications.link', 'like', '/staff/cases/%')
        .orderBy('notifications.created_at')
        .execute();
      const name = Object.fromEntries(Object.entries(cases).map(([k, id]) => [`/staff/cases/${id}`, k]));
      return rows.map((r) => `${name[r.link!] ?? r.link} ${r.login} ${r.subject.split('】')[0]}】`);
    };

    before(async () => {
      t = await createTestApp(dialect);
      const db = t.database.open.db;
      const bgs = await db
        .selectFrom('agencies')
        .innerJoin('users', 'users.agency_id', 'agencies.id')
        .select(['agencies.id', 'agencies.path'])
        .where('users.login', '=', 'bgs.chengban')
        .executeTakeFirstOrThrow();
      agency = bgs;
      // No usable mailbox here: this part counts in-app reminders (the delivery is the last test). The address is
      // free text an administrator typed; a malformed one must not stop the reminders.
      await db.updateTable('agencies').set({ email: '见本机关网站' }).execute();
      for (const u of await db.selectFrom('users').selectAll().where('agency_id', '=', bgs.id).execute())
        staff[u.login] = {
          id: u.id,
          login: u.login,
          displayName: u.display_name,
          agencyId: u.agency_id,
          agencyPath: bgs.path,
          roles: parseRoles(u.roles),
        };
      // Received Thu 2025-09-04 → due Thu 10-09; Fri 09-05 → due Fri 10-10 (20 working days, 条例第三十三条,
      // across 国庆 10-01…10-08 with Sun 09-28 and Sat 10-11 worked).
      t.clock.now = at('2025-09-04');
      cases['assigned'] = (await createCaseIn(t, bgs.id)).id;
      cases['paused'] = (await createCaseIn(t, bgs.id)).id;
      cases['withdrawn'] = (await createCaseIn(t, bgs.id)).id;
      await assignCase(staffCtx('bgs.chengban'), cases['assigned'], { assigneeId: staff['bgs.chengban']!.id });
      t.clock.now = at('2025-09-05');
      cases['unassigned'] = (await createCaseIn(t, bgs.id)).id;
      await recordCaseAction(staffCtx('bgs.chengban'), cases['paused'], {
        action: 'consultationStarted',
        date: '2025-09-05',
        kind: 'thirdParty',
        deliveredOn: '',
        party: '第三方企业',
      });
      await recordCaseAction(staffCtx('bgs.chengban'), cases['withdrawn'], { action: 'withdrawn', date: '2025-09-05' });
    });
    after(() => t.close());

    test('on the agency’s working days: not on Fri 09-26 (4 left), on Sun 09-28 (a make-up day, 3 left)', async () => {
      t.clock.now = at('2025-09-26');
      assert.equal(await remind(), 0);
      t.clock.now = at('2025-09-27');
      assert.equal(await remind(), 0, 'Saturday off: still 4 working days left');
      t.clock.now = at('2025-09-28');
      assert.equal(await remind(), 1);
      // The assignee alone hears about an assigned case.
      assert.deepEqual(await inbox(), ['assigned bgs.chengban 【即将到期】']);
    });

    test('never twice for the same case, kind and due date, however often the task runs', async () => {
      assert.equal(await remind(), 0);
      assert.equal(await remind(), 0);
      assert.equal((await inbox()).length, 1);
    });

    test('an unassigned case reminds everyone of the agency who handles cases; paused and closed ones nobody', async () => {
      // Mon 09-29: (09-29, 10-10] holds 09-30, 10-09 and 10-10.
      t.clock.now = at('2025-09-29');
      assert.equal(await remind(), 1);
      assert.equal(await remind(), 0);
      const got = (await inbox()).filter((l) => l.startsWith('unassigned'));
      assert.deepEqual(got.sort(), [
        'unassigned bgs.chengban 【即将到期】',
        'unassigned bgs.fuze 【即将到期】',
        'unassigned bgs.shenhe 【即将到期】',
      ]);
      assert.deepEqual(
        (await inbox()).filter((l) => /paused|withdrawn/.test(l)),
        [],
      );
    });

    test('an extension moves the due date: reminded again for the new date, then overdue once', async () => {
      // 第三十三条第二款: extended by 5 working days on 09-30 → due 10-15.
      t.clock.now = at('2025-09-30');
      await recordCaseAction(staffCtx('bgs.fuze'), cases['assigned']!, {
        action: 'extended',
        date: '2025-09-30',
        days: 5,
        noticeDate: '2025-09-30',
        reason: '需要调取档案',
      });
      t.clock.now = at('2025-10-10');
      // 'assigned' has 4 working days left (10-11 make-up Saturday, 10-13, 10-14, 10-15); 'unassigned' is due today
      // and was reminded already.
      assert.equal(await remind(), 0);
      t.clock.now = at('2025-10-11');
      // Saturday 10-11 is a working day: 3 left of the new due date; and 'unassigned' is overdue since 10-10.
      assert.equal(await remind(), 2);
      t.clock.now = at('2025-10-13');
      assert.equal(await remind(), 0);
      t.clock.now = at('2025-10-16');
      assert.equal(await remind(), 1, 'assigned: overdue since 10-15');
      const assigned = (await inbox()).filter((l) => l.startsWith('assigned'));
      assert.deepEqual(assigned, [
        'assigned bgs.chengban 【即将到期】',
        'assigned bgs.chengban 【即将到期】',
        'assigned bgs.chengban 【已逾期】',
      ]);
      const kept = await t.database.open.db
        .selectFrom('case_reminders')
        .select(['kind', 'due_on'])
        .where('case_id', '=', cases['assigned']!)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(kept, [
        { kind: 'dueSoon', due_on: '2025-10-09' },
        { kind: 'dueSoon', due_on: '2025-10-15' },
        { kind: 'overdue', due_on: '2025-10-15' },
      ]);
    });

    test('end to end: the periodic task and the delivery job send one e-mail to a local SMTP server', async () => {
      const db = t.database.open.db;
      await db.updateTable('agencies').set({ email: 'bgs@example.gov.cn' }).where('id', '=', agency.id).execute();
      // The 承办人 has an address of their own and gets the reminder there too; a supervisor's address is not used
      // (they do not handle the agency's cases).
      await db
        .updateTable('users')
        .set({ email: 'zhang.li@example.gov.cn' })
        .where('login', '=', 'bgs.chengban')
        .execute();
      await db.updateTable('users').set({ email: 'chen@example.gov.cn' }).where('login', '=', 'jiandu').execute();
      t.clock.now = at('2025-11-20');
      const fresh = await createCaseIn(t, agency.id);
      const row = await db
        .selectFrom('cases')
        .select(['tracking_code', 'due_on'])
        .where('id', '=', fresh.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.due_on, '2025-12-18');
      t.clock.now = at('2025-12-15'); // Mon: 12-16, 12-17, 12-18 left
      const { smtp, stop } = await startMailDelivery(t, { work: (deps) => [casesWork(deps), notificationsWork(deps)] });
      try {
        const end = Date.now() + 20_000;
        while (smtp.received.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
        assert.deepEqual(smtp.received.map((r) => r.to.join()).sort(), [
          'bgs@example.gov.cn',
          'zhang.li@example.gov.cn',
        ]);
        const m = smtp.received[0]!;
        assert.equal(
          decodeHeader(m.raw, 'subject'),
          `【即将到期】${row.tracking_code} 答复期限还有3个工作日（2025-12-18）`,
        );
        const body = decodeBody(m.raw);
        assert.match(body, /第三十三条/);
        assert.match(body, new RegExp(`https://gongkai\\.example\\.gov\\.cn/staff/cases/${fresh.id}`));
        assert.doesNotMatch(body, /测试申请人|11010519491231002X|13900000000/, 'no applicant data leaves by e-mail');
        // The other cases were reminded already: nothing more is sent while the runner keeps going — and the
        // paused case, whose (provisional) due date has long passed, is never reminded while its clock stands.
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(smtp.received.length, 2);
        const paused = await db
          .selectFrom('cases')
          .select(['status', 'due_on'])
          .where('id', '=', cases['paused']!)
          .executeTakeFirstOrThrow();
        assert.equal(paused.status, 'paused');
        assert.ok(paused.due_on !== null && paused.due_on < '2025-12-15', `paused due ${paused.due_on}`);
        assert.deepEqual(
          (await inbox()).filter((l) => /paused|withdrawn/.test(l)),
          [],
        );
      } finally {
        await stop();
      }
    });
  });
}
