import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient, createTestApp, type TestApp } from '../server/test-app.ts';
import { testDialects } from '../db/test-databases.ts';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';

/** 留言/纠错 as a ledger: the public submits, staff of the agency answer, the public looks the answer up by reference. */
for (const dialect of testDialects()) {
  describe(`submission ledger (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('submit → staff reply → public look-up by reference; other agencies and the public cannot reply', async () => {
      const agency = (await listAgencies(t.database.open.db)).find((a) => a.name.includes('荣巷'))!;
      const pub = new TestClient(t.app);
      const { html: form } = await pub.page('/feedback');
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)![1]!;
      const sent = await pub.postForm('/feedback', {
        agencyId: agency.id,
        kind: 'correction',
        content: '公示公告栏目中办公地址有误，请更正。',
        contactName: '王先生',
        contact: '13900001111',
        idempotencyKey: key,
      });
      assert.equal(sent.status, 303);
      const ref = /ref=([A-Z0-9-]+)/.exec(sent.headers.get('location') ?? '')![1]!;
      const pending = await (await pub.get(`/feedback/lookup?ref=${ref}`)).text();
      assert.match(pending, /待办理/);
      assert.doesNotMatch(pending, /13900001111/, 'no contact data in the public look-up');
      assert.doesNotMatch(pending, /办公地址有误/, 'nor the content');

      // The reply is due in 10 working days on the agency's own calendar: its local closure on the due day moves
      // the date (another agency's closure does not), on the public look-up and the staff page alike.
      const dueOn = (page: string) => /<dt>答复期限<\/dt>\s*<dd>(\d{4}-\d{2}-\d{2})<\/dd>/.exec(page)![1]!;
      const due = dueOn(pending);
      const admin = new TestClient(t.app);
      await admin.login('admin');
      await admin.page('/staff/calendar');
      const liyuan = (await listAgencies(t.database.open.db)).find((a) => a.name.includes('蠡园'))!;
      const closure = (agencyId: string) =>
        admin.postForm('/staff/calendar/closures', { agencyId, from: due, to: due, reason: '停电停止办公（测试）' });
      assert.equal((await closure(liyuan.id)).status, 303);
      assert.equal(dueOn(await (await pub.get(`/feedback/lookup?ref=${ref}`)).text()), due);
      assert.equal((await closure(agency.id)).status, 303);
      const moved = dueOn(await (await pub.get(`/feedback/lookup?ref=${ref}`)).text());
      assert.ok(moved > due, `${moved} after ${due}`);

      const row = await t.database.open.db
        .selectFrom('public_submissions')
        .select('id')
        .where('idempotency_key', '=', key)
        .executeTakeFirstOrThrow();
      const other = new TestClient(t.app);
      await other.login('liyuan.chengban');
      assert.equal((await other.get(`/staff/publication/submissions/${row.id}`)).status, 404);

      const staff = new TestClient(t.app);
      await staff.login('rongxiang.chengban');
      const { html: staffPage } = await staff.page(`/staff/publication/submissions/${row.id}`);
      assert.ok(staffPage.includes(moved), 'the staff page shows the same due date');
      assert.equal((await staff.postForm(`/staff/publication/submissions/${row.id}`, { reply: '' })).status, 422);
      const replied = await staff.postForm(`/staff/publication/submissions/${row.id}`, {
        reply: '感谢指正，地址已更正。',
        status: 'answered',
      });
      assert.equal(replied.status, 303);
      const answered = await (await pub.get(`/feedback/lookup?ref=${ref.toLowerCase()}`)).text();
      assert.match(answered, /已答复/);
      assert.match(answered, /感谢指正，地址已更正。/);
      assert.match(await (await pub.get('/feedback/lookup?ref=LY20200101-00000000')).text(), /未找到该受理编号/);
      assert.match(await (await pub.get('/feedback/lookup?ref=%3Cscript%3E')).text(), /未找到该受理编号/);
    });
  });
}
