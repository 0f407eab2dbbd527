/**
 * notify() and the delivery job against a real SMTP server started here (docs/notifications.md): the message
 * arrives with its Chinese subject properly encoded; a server that refused once gets it on the retry; nothing is
 * sent when the transaction rolled back; no outbox entry without a configured channel.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { logChannel } from '../../src/delivery/log-channel.ts';
import { notify } from '../../src/use-cases/notifications/notify.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../server/test-app.ts';
import { startMailDelivery, until, type MailDelivery } from './mail-delivery-harness.ts';
import { decodeBody, decodeHeader } from './smtp-test-server.ts';

for (const dialect of testDialects()) {
  describe(`notifications: outbox and delivery (${dialect})`, () => {
    let t: TestApp;
    let mailer: MailDelivery;
    let userId: string;
    const smsLog: unknown[] = [];

    before(async () => {
      t = await createTestApp(dialect);
      mailer = await startMailDelivery(t, { sms: logChannel('sms', { info: (_m, f) => void smsLog.push(f) }) });
      const db = t.database.open.db;
      userId = (await db.selectFrom('users').select('id').where('login', '=', 'bgs.chengban').executeTakeFirstOrThrow())
        .id;
    });
    after(async () => {
      await mailer.stop();
      await t.close();
    });

    const ctx = () => ({ clock: () => t.clock.now, delivery: mailer.delivery });
    const outbox = (id: string) =>
      t.database.open.db.selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('in-app row and outbox entry in the caller’s transaction; the e-mail arrives with its Chinese subject', async () => {
      const subject = '【即将到期】依申请公开案件 GK-2026-0001 答复期限还有3个工作日（条例第三十三条）';
      const r = await t.database.open.db.transaction().execute((trx) =>
        notify(trx, ctx(), {
          userId,
          email: 'zhangli@example.gov.cn',
          subject,
          body: '申请人张三的申请将于2026年11月25日到期，请及时办理。',
          link: '/staff/cases/GK-2026-0001',
        }),
      );
      assert.ok(r.notificationId);
      assert.equal(r.outboxIds.length, 1);
      await until(() => mailer.smtp.received.length >= 1);
      const m = mailer.smtp.received[0]!;
      assert.deepEqual(m.to, ['zhangli@example.gov.cn']);
      assert.match(m.raw, /^Subject: =\?UTF-8\?[BQ]\?/im, 'the subject is an RFC 2047 encoded word, not raw bytes');
      assert.equal(decodeHeader(m.raw, 'Subject'), subject);
      const body = decodeBody(m.raw);
      assert.match(body, /申请人张三的申请将于2026年11月25日到期/);
      assert.match(body, /https:\/\/gongkai\.example\.gov\.cn\/staff\/cases\/GK-2026-0001/);
      assert.match(m.raw, new RegExp(`Message-ID: <${r.outboxIds[0]}@gongkai.invalid>`, 'i'));
      await until(async () => (await outbox(r.outboxIds[0]!)).status === 'sent');
      const row = await outbox(r.outboxIds[0]!);
      assert.equal(row.recipient, 'z***@example.gov.cn', 'the address is masked once delivered');
      assert.equal(row.attempts, 1);
      const inApp = await t.database.open.db
        .selectFrom('notifications')
        .selectAll()
        .where('id', '=', r.notificationId)
        .executeTakeFirstOrThrow();
      assert.equal(inApp.subject, subject);
      assert.equal(inApp.read_at, null);
    });

    test('a server that refused once gets the message on the retry (backoff), once', async () => {
      const before = mailer.smtp.received.length;
      mailer.smtp.refuseNext(1);
      const r = await t.database.open.db
        .transaction()
        .execute((trx) =>
          notify(trx, ctx(), { email: 'applicant@example.com', subject: '补正通知已发出', body: '请于15日内补正。' }),
        );
      assert.equal(r.notificationId, null, 'no user: no in-app row');
      await until(async () => (await outbox(r.outboxIds[0]!)).attempts >= 1);
      const failed = await outbox(r.outboxIds[0]!);
      assert.equal(failed.status, 'pending');
      assert.match(failed.last_error ?? '', /451|暂时无法接收/);
      await until(() => mailer.smtp.received.length > before);
      await until(async () => (await outbox(r.outboxIds[0]!)).status === 'sent');
      assert.equal(mailer.smtp.refused, 1);
      assert.equal((await outbox(r.outboxIds[0]!)).attempts, 2);
      await new Promise((res) => setTimeout(res, 300));
      assert.equal(mailer.smtp.received.length, before + 1, 'delivered exactly once');
      assert.equal(decodeHeader(mailer.smtp.received.at(-1)!.raw, 'Subject'), '补正通知已发出');
    });

    test('nothing is stored or sent when the transaction rolled back', async () => {
      const before = mailer.smtp.received.length;
      const outboxBefore = await t.database.open.db.selectFrom('notification_outbox').select('id').execute();
      await assert.rejects(
        t.database.open.db.transaction().execute(async (trx) => {
          await notify(trx, ctx(), {
            userId,
            email: 'rollback@example.com',
            phone: '13800138000',
            subject: '不应发出',
            body: '回滚',
          });
          throw new Error('the event failed');
        }),
        /the event failed/,
      );
      await new Promise((res) => setTimeout(res, 500));
      assert.equal(mailer.smtp.received.length, before);
      assert.equal(
        (await t.database.open.db.selectFrom('notification_outbox').select('id').execute()).length,
        outboxBefore.length,
      );
      assert.equal(
        await t.database.open.db
          .selectFrom('notifications')
          .select('id')
          .where('subject', '=', '不应发出')
          .executeTakeFirst(),
        undefined,
      );
    });

    test('SMS goes through the same interface (logging channel: nothing sent, no number logged)', async () => {
      const r = await t.database.open.db
        .transaction()
        .execute((trx) => notify(trx, ctx(), { phone: '13800138000', subject: '答复已作出', body: '请登录查询。' }));
      await until(async () => (await outbox(r.outboxIds[0]!)).status === 'sent');
      assert.equal((await outbox(r.outboxIds[0]!)).recipient, '*******8000');
      assert.doesNotMatch(JSON.stringify(smsLog), /13800138000|答复已作出/);
    });

    test('without a configured channel only the in-app row is written; bad input is refused', async () => {
      const r = await t.database.open.db
        .transaction()
        .execute((trx) =>
          notify(
            trx,
            { clock: () => t.clock.now },
            { userId, email: 'x@example.com', phone: '13800138000', subject: '仅站内', body: '' },
          ),
        );
      assert.ok(r.notificationId);
      assert.deepEqual(r.outboxIds, []);
      for (const link of [
        'https://evil.example/',
        '//evil.example/x',
        '/\\evil.example',
        'javascript:alert(1)',
        '/a b',
      ]) {
        await assert.rejects(
          t.database.open.db
            .transaction()
            .execute((trx) => notify(trx, ctx(), { userId, subject: 's', body: 'b', link })),
          (e: Error & { fields?: Record<string, string> }) =>
            e.fields?.['link'] === '链接须为本站路径，如 /staff/cases/…',
          link,
        );
      }
      await assert.rejects(
        t.database.open.db
          .transaction()
          .execute((trx) => notify(trx, ctx(), { email: 'not-an-address', subject: 's', body: 'b' })),
        /通知内容不正确/,
      );
      await assert.rejects(
        t.database.open.db
          .transaction()
          .execute((trx) => notify(trx, ctx(), { userId, subject: 's', body: 'x'.repeat(4001) })),
        /通知内容不正确/,
      );
    });
  });
}
