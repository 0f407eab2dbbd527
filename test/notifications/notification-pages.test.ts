/** In-app notifications: the bell in the staff layout, the list, mark read; nobody touches another's. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { notify } from '../../src/use-cases/notifications/notify.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

for (const dialect of testDialects()) {
  describe(`notifications: in-app (${dialect})`, () => {
    let t: TestApp;
    const ids: Record<string, string> = {};

    before(async () => {
      t = await createTestApp(dialect);
      const db = t.database.open.db;
      for (const login of ['bgs.chengban', 'rongxiang.chengban'])
        ids[login] = (
          await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow()
        ).id;
      await db.transaction().execute(async (trx) => {
        const ctx = { clock: () => t.clock.now };
        await notify(trx, ctx, {
          userId: ids['bgs.chengban']!,
          subject: '案件即将到期',
          body: '还有3个工作日。',
          link: '/staff/cases/1',
        });
        await notify(trx, ctx, {
          userId: ids['bgs.chengban']!,
          subject: '<script>alert(1)</script>新案件',
          body: '<b>分配给您</b>',
        });
        await notify(trx, ctx, { userId: ids['rongxiang.chengban']!, subject: '荣巷的通知', body: '仅本人可见' });
      });
    });
    after(() => t.close());

    const notificationOf = (login: string) =>
      t.database.open.db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', ids[login]!)
        .orderBy('created_at')
        .execute();

    test('the bell shows the unread count on every staff page; the list shows them, escaped', async () => {
      const c = new TestClient(t.app);
      await c.login('bgs.chengban');
      const { html } = await c.page('/staff');
      assert.match(html, /aria-label="通知，2条未读"/);
      assert.match(html, /<span class="badge">2<\/span>/);
      const list = await c.page('/staff/notifications');
      assert.equal(list.res.status, 200);
      assert.match(list.html, /案件即将到期/);
      assert.match(list.html, /<a href="\/staff\/cases\/1">查看<\/a>/);
      assert.match(list.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;新案件/);
      assert.doesNotMatch(list.html, /<script>alert/);
      assert.doesNotMatch(list.html, /荣巷的通知/);
    });

    test('mark one read, then all; the count follows', async () => {
      const c = new TestClient(t.app);
      await c.login('bgs.chengban');
      await c.page('/staff/notifications');
      const [first] = await notificationOf('bgs.chengban');
      const r = await c.postForm(`/staff/notifications/${first!.id}/read`, {});
      assert.equal(r.status, 303);
      assert.match((await c.page('/staff/notifications?read=1')).html, /aria-label="通知，1条未读"/);
      // Replayed: already read, nothing changes, still fine.
      assert.equal((await c.postForm(`/staff/notifications/${first!.id}/read`, {})).status, 303);
      assert.equal((await c.postForm('/staff/notifications/read-all', {})).status, 303);
      const { html } = await c.page('/staff/notifications');
      assert.match(html, /aria-label="通知，没有未读"/);
      assert.match(html, /没有未读通知/);
      assert.ok((await notificationOf('bgs.chengban')).every((n) => n.read_at !== null));
    });

    test('another person’s notification is not found and stays unread; read-all touches only one’s own', async () => {
      const c = new TestClient(t.app);
      await c.login('bgs.chengban');
      await c.page('/staff/notifications');
      const [theirs] = await notificationOf('rongxiang.chengban');
      assert.equal((await c.postForm(`/staff/notifications/${theirs!.id}/read`, {})).status, 404);
      assert.equal((await c.postForm(`/staff/notifications/${'x'.repeat(200)}/read`, {})).status, 404);
      await c.postForm('/staff/notifications/read-all', {});
      assert.equal((await notificationOf('rongxiang.chengban'))[0]!.read_at, null);
      const other = new TestClient(t.app);
      await other.login('rongxiang.chengban');
      assert.match((await other.page('/staff')).html, /通知，1条未读/);
    });

    test('CSRF and sign-in are required', async () => {
      const c = new TestClient(t.app);
      await c.login('rongxiang.chengban');
      const [mine] = await notificationOf('rongxiang.chengban');
      assert.equal((await c.postForm(`/staff/notifications/${mine!.id}/read`, {}, false)).status, 403);
      assert.equal((await c.postForm('/staff/notifications/read-all', {}, false)).status, 403);
      assert.equal((await notificationOf('rongxiang.chengban'))[0]!.read_at, null);
      const anon = new TestClient(t.app);
      const r = await anon.get('/staff/notifications');
      assert.equal(r.status, 303);
      assert.match(r.headers.get('location') ?? '', /^\/staff\/login/);
      assert.equal((await anon.postForm('/staff/notifications/read-all', {}, false)).status, 403);
    });
  });
}
