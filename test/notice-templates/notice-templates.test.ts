/**
 * Agency-editable notice templates (issue 7 item 5; docs/notice-templates.md): an agency's edited copy is used over
 * the default, validated in Chinese, previewed as the writers' PDF, versioned and audited; other agencies keep the
 * default; attack tests (wrong role, CSRF, oversize, double submit, unknown id).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultNoticeTemplate } from '../../src/core/notices/default-notice-templates.ts';
import { noticeTemplatesFor } from '../../src/use-cases/notice-templates/notice-templates-for.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

for (const dialect of testDialects()) {
  describe(`notice templates (${dialect})`, () => {
    let t: TestApp;
    let rongxiang: string;
    let liyuan: string;
    const receipt = defaultNoticeTemplate('receipt')!;
    const granted = defaultNoticeTemplate('granted')!;

    before(async () => {
      t = await createTestApp(dialect);
      const agencies = await t.database.open.db.selectFrom('agencies').select(['id', 'name']).execute();
      rongxiang = agencies.find((a) => a.name.includes('荣巷'))!.id;
      liyuan = agencies.find((a) => a.name.includes('蠡园'))!.id;
    });
    after(() => t.close());

    const form = (over: Record<string, string> = {}) => ({
      title: receipt.title,
      addressee: receipt.addressee,
      body: `${receipt.body}\n本街道办理时间：工作日上午9时至下午5时。`,
      attachments: receipt.attachments,
      revision: '0',
      ...over,
    });

    test('the head saves an edited receipt; the agency gets it over the default, another agency keeps the default', async () => {
      const c = new TestClient(t.app);
      await c.login('rongxiang.fuze');
      const list = await c.page('/staff/notice-templates');
      assert.equal(list.res.status, 200);
      assert.match(list.html, /受理回执/);
      const { html } = await c.page('/staff/notice-templates/receipt');
      assert.match(html, /\{\{申请人\}\}/, 'the placeholder help list');
      const r = await c.postForm('/staff/notice-templates/receipt', form());
      assert.equal(r.status, 303);
      const mine = (await noticeTemplatesFor(t.database.open.db, rongxiang)).find((x) => x.id === 'receipt')!;
      assert.match(mine.body, /本街道办理时间/);
      assert.equal(mine.revision, 1);
      assert.equal(mine.kind, 'receipt');
      const theirs = (await noticeTemplatesFor(t.database.open.db, liyuan)).find((x) => x.id === 'receipt')!;
      assert.equal(theirs.body, receipt.body);
      assert.equal(theirs.revision, null);
      const audit = await t.database.open.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'noticeTemplate.saved')
        .executeTakeFirstOrThrow();
      assert.equal(audit.entity_id, `${rongxiang}/receipt`);
      assert.match(audit.after_json ?? '', /本街道办理时间/);
      assert.match((await c.page('/staff/notice-templates')).html, /本机关修改（第1版）/);
    });

    test('validation in Chinese beside the field; the text typed is kept; an answer must keep the rights', async () => {
      const c = new TestClient(t.app);
      await c.login('rongxiang.fuze');
      await c.page('/staff/notice-templates/granted');
      const noRights = await c.postForm('/staff/notice-templates/granted', {
        title: granted.title,
        addressee: granted.addressee,
        body: granted.body.replace(/行政复议/g, '复查').replace(/行政诉讼/g, '起诉'),
        attachments: '',
        revision: '0',
      });
      assert.equal(noRights.status, 422);
      const html = await noRights.text();
      assert.match(html, /行政复议/);
      assert.match(html, /复查/, 'the typed text is kept');
      const bad = await c.postForm(
        '/staff/notice-templates/receipt',
        form({ body: `${receipt.body}\n{{申请人姓名}} {申请人}`, revision: '1' }),
      );
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(badHtml, /未知的占位符：\{\{申请人姓名\}\}/);
      assert.match(badHtml, /应写作\{\{申请人\}\}/);
      const preview = await c.postForm('/staff/notice-templates/receipt/preview', form({ title: '', revision: '1' }));
      assert.equal(preview.status, 422);
      assert.match(await preview.text(), /标题不能为空/);
      assert.equal(
        (
          await t.database.open.db
            .selectFrom('notice_templates')
            .select('id')
            .where('template_id', '=', 'granted')
            .execute()
        ).length,
        0,
      );
    });

    test('preview: the PDF of the writers, with the agency name; the handler may preview but not save', async () => {
      const c = new TestClient(t.app);
      await c.login('rongxiang.chengban');
      const { html } = await c.page('/staff/notice-templates/receipt');
      assert.doesNotMatch(html, />保存<\/button>/);
      const r = await c.postForm('/staff/notice-templates/receipt/preview', form({ revision: '1' }));
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      const bytes = new Uint8Array(await r.arrayBuffer());
      assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
      const save = await c.postForm('/staff/notice-templates/receipt', form({ revision: '1' }));
      assert.equal(save.status, 403);
    });

    test('double submit and stale editors are conflicts; revert goes back to the default, audited', async () => {
      const c = new TestClient(t.app);
      await c.login('rongxiang.shenhe');
      await c.page('/staff/notice-templates/receipt');
      const replay = await c.postForm('/staff/notice-templates/receipt', form({ revision: '0' }));
      assert.equal(replay.status, 409);
      assert.match(await replay.text(), /已被他人修改（或重复提交）/);
      const revert = await c.postForm('/staff/notice-templates/receipt/revert', { revision: '1' });
      assert.equal(revert.status, 303);
      const mine = (await noticeTemplatesFor(t.database.open.db, rongxiang)).find((x) => x.id === 'receipt')!;
      assert.equal(mine.body, receipt.body);
      assert.equal(mine.revision, null);
      assert.equal((await c.postForm('/staff/notice-templates/receipt/revert', { revision: '1' })).status, 409);
      assert.equal((await c.postForm('/staff/notice-templates/receipt/revert', { revision: '2' })).status, 409);
      const history = await c.page('/staff/notice-templates/receipt');
      assert.match(history.html, /恢复为默认模板/);
      const actions = await t.database.open.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'noticeTemplate.%')
        .execute();
      assert.deepEqual(actions.map((a) => a.action).sort(), ['noticeTemplate.reverted', 'noticeTemplate.saved']);
    });

    test('wrong role, unknown id, CSRF, oversize', async () => {
      for (const login of ['admin', 'security', 'auditor', 'jiandu']) {
        const c = new TestClient(t.app);
        await c.login(login);
        assert.equal((await c.get('/staff/notice-templates')).status, 403, login);
        assert.equal((await c.get('/staff/notice-templates/receipt')).status, 403, login);
        assert.equal((await c.postForm('/staff/notice-templates/receipt', form({ revision: '2' }))).status, 403, login);
      }
      const c = new TestClient(t.app);
      await c.login('rongxiang.fuze');
      assert.equal((await c.get('/staff/notice-templates/nosuch')).status, 404);
      assert.equal((await c.get('/staff/notice-templates/..%2Fx')).status, 404);
      assert.equal((await c.postForm('/staff/notice-templates/receipt', form({ revision: '2' }), false)).status, 403);
      const long = await c.postForm(
        '/staff/notice-templates/receipt',
        form({ title: '长'.repeat(101), revision: '2' }),
      );
      assert.equal(long.status, 422);
      assert.match(await long.text(), /标题：不能超过100个字符/);
      const huge = await c.postForm(
        '/staff/notice-templates/receipt',
        form({ body: 'x'.repeat(70_000), revision: '2' }),
      );
      assert.equal(huge.status, 413);
      assert.equal(
        (
          await t.database.open.db
            .selectFrom('notice_templates')
            .select('id')
            .where('template_id', '=', 'receipt')
            .execute()
        ).length,
        2,
      );
    });
  });
}
