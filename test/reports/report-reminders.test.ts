/**
 * Deadline reminders of the annual report (条例第四十九条) through notify(): in-app to the agency's report staff,
 * by e-mail to its mailbox — delivered to a real SMTP server started here — and, once overdue, to the supervising
 * office; once per agency, year and kind, even when two servers run the reminder at the same moment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { remindReportDeadlines } from '../../src/use-cases/reports/remind-report-deadlines.ts';
import { testDialects } from '../db/test-databases.ts';
import { startMailDelivery, until, type MailDelivery } from '../notifications/mail-delivery-harness.ts';
import { decodeBody, decodeHeader } from '../notifications/smtp-test-server.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

for (const dialect of testDialects()) {
  describe(`annual report deadline reminders (${dialect})`, () => {
    let t: TestApp;
    let mailer: MailDelivery;

    before(async () => {
      // The demo's 2025 reports: published by 区政府办 and 教育局, in other states elsewhere.
      t = await createTestApp(dialect, {}, { demoCases: true });
      mailer = await startMailDelivery(t);
    });
    after(async () => {
      await mailer?.stop();
      await t?.close();
    });

    const db = () => t.database.open.db;
    const deps = () => ({ db: db(), clock: () => t.clock.now, delivery: mailer.delivery });
    const agencies = () => db().selectFrom('agencies').selectAll().execute();
    const unpublished2025 = async () => {
      const published = new Set(
        (
          await db()
            .selectFrom('annual_reports')
            .select('agency_id')
            .where('year', '=', 2025)
            .where('state', '=', 'published')
            .execute()
        ).map((r) => r.agency_id),
      );
      return (await agencies()).filter((a) => !published.has(a.id));
    };
    const inApp = (login: string, like: string) =>
      db()
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select(['notifications.subject', 'notifications.link', 'notifications.body'])
        .where('users.login', '=', login)
        .where('notifications.subject', 'like', like)
        .execute();
    const mailTo = (address: string) => mailer.smtp.received.filter((m) => m.to.includes(address));

    test('15 days before the deadline: every agency without a published report is reminded, in-app and by e-mail', async () => {
      t.clock.now = new Date('2026-01-20T01:00:00Z'); // 北京时间 1月20日: 11 days before 1月31日
      // 荣巷's 负责人 has an address of their own: the reminder reaches her there as well as the agency mailbox.
      await db()
        .updateTable('users')
        .set({ email: 'zheng.hm@example.gov.cn' })
        .where('login', '=', 'rongxiang.fuze')
        .execute();
      const expected = await unpublished2025();
      assert.ok(expected.length >= 5 && expected.length < (await agencies()).length);
      assert.equal(await remindReportDeadlines(deps()), expected.length);

      const rows = await db().selectFrom('report_reminders').selectAll().execute();
      assert.deepEqual(rows.map((r) => r.agency_id).sort(), expected.map((a) => a.id).sort());
      assert.ok(rows.every((r) => r.kind === 'due-soon' && r.year === 2025));

      // The report staff of 荣巷街道 (承办人, 审核人, 负责人) each have it in-app; 区政府办 (published) nobody.
      for (const login of ['rongxiang.chengban', 'rongxiang.shenhe', 'rongxiang.fuze']) {
        const got = await inApp(login, '%年度报告须于%');
        assert.equal(got.length, 1, login);
        assert.equal(got[0]!.subject, '无锡市滨湖区荣巷街道办事处2025年政府信息公开工作年度报告须于2026-01-31前发布');
        assert.equal(got[0]!.link, '/staff/reports?year=2025');
        assert.match(got[0]!.body, /条例》第四十九条.*2026年1月31日前公布2025年/);
      }
      assert.deepEqual(await inApp('bgs.chengban', '%年度报告%'), []);
      assert.deepEqual(await inApp('jiandu', '%年度报告%'), [], 'not overdue: the supervisor is not told yet');

      // One e-mail per reminded agency, to its mailbox, through the SMTP server.
      await until(() => mailer.smtp.received.length >= expected.length + 1);
      assert.equal(mailTo('zheng.hm@example.gov.cn').length, 1);
      assert.equal(mailer.smtp.received.length, expected.length + 1);
      for (const a of expected) {
        const got = mailTo(a.email);
        assert.equal(got.length, 1, a.name);
        assert.equal(
          decodeHeader(got[0]!.raw, 'Subject'),
          `${a.name}2025年政府信息公开工作年度报告须于2026-01-31前发布`,
        );
        assert.match(decodeBody(got[0]!.raw), /https:\/\/gongkai\.example\.gov\.cn\/staff\/reports\?year=2025/);
      }
      const bgs = (await agencies()).find((a) => a.name === '无锡市滨湖区人民政府办公室')!;
      assert.deepEqual(mailTo(bgs.email), []);
      // The staff page lists it.
      const staff = new TestClient(t.app);
      await staff.login('rongxiang.chengban');
      assert.match((await staff.page('/staff/reports')).html, /须于2026-01-31前发布/);
    });

    test('a second run, even two servers at once, sends nothing again', async () => {
      const outbox = async () => (await db().selectFrom('notification_outbox').select('id').execute()).length;
      const before = await outbox();
      const runs = await Promise.all([remindReportDeadlines(deps()), remindReportDeadlines(deps())]);
      assert.deepEqual(runs, [0, 0]);
      assert.equal(await outbox(), before);
    });

    test('past the deadline: overdue once, to the staff, the supervising office’s 上级监督 and its mailbox', async () => {
      t.clock.now = new Date('2026-02-02T01:00:00Z');
      const expected = await unpublished2025();
      const before = mailer.smtp.received.length;
      const runs = await Promise.all([remindReportDeadlines(deps()), remindReportDeadlines(deps())]);
      assert.equal(runs[0]! + runs[1]!, expected.length, 'each overdue reminder written by one of the two runs');
      assert.equal(
        (await db().selectFrom('report_reminders').select('agency_id').where('kind', '=', 'overdue').execute()).length,
        expected.length,
      );
      const rongxiang = expected.find((a) => a.name === '无锡市滨湖区荣巷街道办事处')!;
      const overdue = '%已超过公布期限%';
      assert.equal((await inApp('rongxiang.fuze', overdue)).length, 1);
      // jiandu (上级监督, 区人民政府) hears of every agency of the district that missed it — except its own.
      const toSupervisor = await inApp('jiandu', overdue);
      const district = (await agencies()).find((a) => a.kind === 'district')!;
      const inDistrict = expected.filter((a) => a.path.startsWith(district.path) && a.id !== district.id);
      assert.equal(toSupervisor.length, inDistrict.length);
      assert.ok(toSupervisor.every((n) => n.link === '/staff/supervision?year=2025'));
      // E-mails: each agency's mailbox, and its parent's mailbox (the supervising office) when it has one.
      const subordinates = expected.filter((a) => a.parent_id === district.id);
      // … and 荣巷's 负责人 at her own address.
      const sent = expected.length + expected.filter((a) => a.parent_id !== null).length + 1;
      await until(() => mailer.smtp.received.length >= before + sent);
      const fresh = mailer.smtp.received.slice(before);
      assert.equal(fresh.filter((m) => m.to.includes(rongxiang.email)).length, 1);
      assert.equal(fresh.filter((m) => m.to.includes('zheng.hm@example.gov.cn')).length, 1);
      const toDistrict = fresh.filter((m) => m.to.includes(district.email));
      assert.equal(toDistrict.length, subordinates.length + 1, 'its own reminder and one per late subordinate');
      assert.ok(
        toDistrict.some(
          (m) =>
            decodeHeader(m.raw, 'Subject') ===
            '无锡市滨湖区荣巷街道办事处2025年政府信息公开工作年度报告已超过公布期限（2026-01-31），尚未发布',
        ),
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(mailer.smtp.received.length, before + sent, 'nothing sent twice');
    });
  });
}
