import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { defaultCatalogue } from '../../src/core/publication/default-catalogue.ts';
import { defaultReviewChain } from '../../src/core/publication/review-chain.ts';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { insertPublicationSettingsOnce } from '../../src/db/repositories/publication/publication-repository.ts';
import { deliverWebhook, type WebhookPost } from '../../src/use-cases/publication/deliver-webhook.ts';
import { publishScheduled } from '../../src/use-cases/publication/publish-scheduled.ts';
import { defaultSecurity } from '../../src/use-cases/platform/context.ts';
import { TestClient, createTestApp, type TestApp } from '../server/test-app.ts';
import { testDialects } from '../db/test-databases.ts';

/** 公开属性 at the source, the timeliness list, scheduled publication and the signed webhook. */
for (const dialect of testDialects()) {
  describe(`publication work (${dialect})`, () => {
    let t: TestApp;
    let author: TestClient;
    let reviewer: TestClient;
    let head: TestClient;
    before(async () => {
      t = await createTestApp(dialect);
      author = new TestClient(t.app);
      await author.login('bgs.chengban');
      reviewer = new TestClient(t.app);
      await reviewer.login('bgs.shenhe');
      head = new TestClient(t.app);
      await head.login('bgs.fuze');
    });
    after(() => t.close());

    const version = async (c: TestClient, id: string) =>
      /name="version" value="(\d+)"/.exec((await c.page(`/staff/publication/items/${id}`)).html)?.[1] ?? '1';

    test('timeliness (第二十六条) counts on the agency calendar: an administrator-entered closure is not a working day', async () => {
      // A draft formed on Tuesday 2026-11-10; today is Friday 2026-11-20 (8 working days used, 12 left).
      await author.page('/staff/publication/new');
      const res = await author.postForm('/staff/publication', {
        catalogue: 'notices',
        title: '关于冬季道路清扫安排的公告',
        writtenOn: '2026-11-10',
        validityStatus: 'in_force',
        bodyHtml: '<p>公告内容。</p>',
      });
      assert.equal(res.status, 303);
      const id = /items\/([A-Za-z0-9-]+)/.exec(res.headers.get('location') ?? '')![1]!;
      const left = async () => {
        const m = /剩余(\d+)个工作日/.exec((await author.page(`/staff/publication/items/${id}`)).html);
        assert.ok(m, 'pending with working days left');
        return Number(m[1]);
      };
      const before = await left();
      assert.equal(before, 12);

      const admin = new TestClient(t.app);
      await admin.login('admin');
      await admin.page('/staff/calendar');
      const agencies = await listAgencies(t.database.open.db);
      const bgs = agencies.find((a) => a.name === '无锡市滨湖区人民政府办公室')!;
      const liyuan = agencies.find((a) => a.name === '无锡市滨湖区蠡园街道办事处')!;
      // Another agency's closure changes nothing here.
      const other = await admin.postForm('/staff/calendar/closures', {
        agencyId: liyuan.id,
        from: '2026-11-12',
        to: '2026-11-13',
        reason: '蠡园停电停止办公（测试）',
      });
      assert.equal(other.status, 303);
      assert.equal(await left(), 12);
      // The office's own two-day closure (Thursday and Friday of the first week) gives two working days back.
      const own = await admin.postForm('/staff/calendar/closures', {
        agencyId: bgs.id,
        from: '2026-11-12',
        to: '2026-11-13',
        reason: '台风停止办公（测试）',
      });
      assert.equal(own.status, 303);
      assert.equal(await left(), 14);
      // The same in the lists (own agency and the supervisor's overview).
      assert.match((await author.page('/staff/publication?status=draft')).html, /剩余14个工作日/);
    });

    test('公开属性: 不予公开 needs a ground and a reason; 主动公开 enters the queue with its clock running', async () => {
      await author.page('/staff/publication/documents');
      const refused = await author.postForm('/staff/publication/documents', {
        title: '关于内部人事安排的请示',
        writtenOn: '2026-10-01',
        kind: 'withheld',
        ground: 'internal_affairs',
        reason: '内部',
      });
      assert.equal(refused.status, 422);
      const withheld = await author.postForm('/staff/publication/documents', {
        title: '关于内部人事安排的请示',
        writtenOn: '2026-10-01',
        kind: 'withheld',
        ground: 'internal_affairs',
        reason: '属于内部人事管理事务，不对外产生效力',
      });
      assert.equal(withheld.status, 303);
      const proactive = await author.postForm('/staff/publication/documents', {
        title: '关于开展冬季消防安全检查的通知',
        writtenOn: '2026-10-09',
        kind: 'proactive',
        catalogue: 'notices',
      });
      assert.equal(proactive.status, 303);
      const id = /items\/([A-Za-z0-9-]+)/.exec(proactive.headers.get('location') ?? '')![1]!;
      const { html } = await author.page('/staff/publication/documents');
      assert.match(html, /内部事务信息/);
      assert.match(html, /条例第十六条第一款/);
      // 2026-10-09 + 20 working days (National Day holiday before) is long past on 2026-11-20: overdue.
      const late = await (await author.page('/staff/publication/late')).html;
      assert.match(late, /关于开展冬季消防安全检查的通知/);
      assert.match(late, /逾期/);
      assert.ok(id);
    });

    test('scheduled publication happens when the job runs after the moment, not before', async () => {
      await author.page('/staff/publication/new');
      const created = await author.postForm('/staff/publication', {
        catalogue: 'news',
        title: '定时发布测试',
        bodyHtml: '<p>内容</p>',
        validityStatus: 'in_force',
      });
      const id = /items\/([A-Za-z0-9-]+)/.exec(created.headers.get('location') ?? '')![1]!;
      await author.postForm(`/staff/publication/items/${id}/submit`, { version: await version(author, id) });
      for (const c of [reviewer, reviewer, head])
        await c.postForm(`/staff/publication/items/${id}/review`, {
          decision: 'approve',
          version: await version(c, id),
        });
      const res = await head.postForm(`/staff/publication/items/${id}/publish`, {
        secrecyConfirmed: '1',
        publishAt: '2026-11-21T09:00',
        version: await version(head, id),
      });
      assert.match(res.headers.get('location') ?? '', /done=scheduled/);
      assert.equal((await new TestClient(t.app).get(`/items/${id}`)).status, 404);
      const ctx = {
        db: t.database.open.db,
        clock: () => t.clock.now,
        actor: null,
        ip: '',
        security: defaultSecurity,
        auditKeys: t.database.auditKeys,
      };
      assert.equal(await publishScheduled(ctx, id), false, 'not before its moment');
      t.clock.advance(2 * 86400_000);
      assert.equal(await publishScheduled(ctx, id), true);
      assert.equal(await publishScheduled(ctx, id), false, 'idempotent');
      assert.equal((await new TestClient(t.app).get(`/items/${id}`)).status, 200);
    });

    test('the webhook is signed with HMAC-SHA256 over timestamp and body, and a failure throws for a retry', async () => {
      const bgs = (await listAgencies(t.database.open.db)).find((a) => a.kind === 'district_office')!;
      await insertPublicationSettingsOnce(t.database.open.db, {
        agency_id: bgs.id,
        catalogue: JSON.stringify(defaultCatalogue('district_office')),
        review_steps: JSON.stringify(defaultReviewChain),
        wording: '{}',
        index_granularity: 'year',
        webhook_url: 'https://example.test/hook',
        webhook_secret: 'test-secret',
        version: 1,
        updated_at: t.clock.now.toISOString(),
      });
      const item = await t.database.open.db
        .selectFrom('publication_items')
        .select('id')
        .where('agency_id', '=', bgs.id)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
      const fake: WebhookPost = async (url, request) => {
        sent.push({ url, headers: request.headers, body: request.body });
        return { status: sent.length === 1 ? 200 : 500 };
      };
      const payload = { agencyId: bgs.id, event: 'published', itemId: item.id, at: '2026-11-20T02:00:00.000Z' };
      assert.equal(await deliverWebhook(t.database.open.db, () => t.clock.now, payload, fake), 'sent');
      const [first] = sent;
      const sig = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(first!.headers['x-gongkai-signature']!)!;
      const expected = createHmac('sha256', 'test-secret').update(`${sig[1]}.${first!.body}`).digest('hex');
      assert.equal(sig[2], expected);
      assert.equal((JSON.parse(first!.body) as { item: { id: string } }).item.id, item.id);
      await assert.rejects(
        deliverWebhook(t.database.open.db, () => t.clock.now, payload, fake),
        /500/,
      );
    });
  });
}
