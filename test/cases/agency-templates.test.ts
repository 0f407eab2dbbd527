import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import { defaultNoticeTemplate } from '../../src/core/notices/default-notice-templates.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';
import { fileApplication } from './cases-authorization.ts';

/**
 * The 告知书 an agency sends is its own edited template (docs/notice-templates.md), not the shipped one: the head
 * edits the template of 予以公开, and the answer signed afterwards carries the edited text — another agency's
 * answers keep the default.
 */
for (const dialect of testDialects()) {
  describe(`answers use the agency's notice templates (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function answerAndReadDocx(agencyId: string, logins: [string, string, string]): Promise<string> {
      const caseId = await fileApplication(t, agencyId);
      const [handlerLogin, reviewerLogin, headLogin] = logins;
      const handler = new TestClient(t.app);
      await handler.login(handlerLogin);
      const form = await handler.page(`/staff/cases/${caseId}?answer=disclosed`);
      assert.match(form.html, /提供方式/, 'the draft form asks for the template’s blanks');
      const drafted = await handler.postForm(`/staff/cases/${caseId}/draft`, {
        answer: 'disclosed',
        contactPhone: '0510-85101188',
        'v.提供方式': '网上查看下载',
        'v.复议机关': '无锡市滨湖区人民政府',
        'v.管辖法院': '无锡市滨湖区人民法院',
      });
      assert.equal(drafted.status, 303);
      const reviewer = new TestClient(t.app);
      await reviewer.login(reviewerLogin);
      await reviewer.page(`/staff/cases/${caseId}`);
      const reviewed = await reviewer.postForm(`/staff/cases/${caseId}/review`, {
        decision: 'approve',
        secrecyChecked: '1',
      });
      assert.equal(reviewed.status, 303);
      const head = new TestClient(t.app);
      await head.login(headLogin);
      await head.page(`/staff/cases/${caseId}`);
      assert.equal((await head.postForm(`/staff/cases/${caseId}/sign`, {})).status, 303);
      const file = await t.database.open.db
        .selectFrom('case_events')
        .select('seq')
        .where('case_id', '=', caseId)
        .where('filename', 'like', '%.docx')
        .executeTakeFirstOrThrow();
      const res = await head.get(`/staff/cases/${caseId}/files/${file.seq}`);
      assert.equal(res.status, 200);
      const zip = await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
      return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    }

    test('the edited 予以公开 template is what the applicant receives; another agency keeps the default', async () => {
      const agencies = await t.database.open.db.selectFrom('agencies').select(['id', 'name']).execute();
      const rongxiang = agencies.find((a) => a.name.includes('荣巷'))!.id;
      const bgs = agencies.find((a) => a.name === '无锡市滨湖区人民政府办公室')!.id;
      const granted = defaultNoticeTemplate('granted')!;
      const marker = '本街道另行提示：可在荣巷街道便民服务中心查阅原件。';

      const editor = new TestClient(t.app);
      await editor.login('rongxiang.fuze');
      await editor.page('/staff/notice-templates/granted');
      const saved = await editor.postForm('/staff/notice-templates/granted', {
        title: granted.title,
        addressee: granted.addressee,
        body: `${granted.body}\n${marker}`,
        attachments: granted.attachments,
        revision: '0',
      });
      assert.equal(saved.status, 303);

      const own = await answerAndReadDocx(rongxiang, ['rongxiang.chengban', 'rongxiang.shenhe', 'rongxiang.fuze']);
      assert.ok(own.includes(marker), 'the edited text is in the signed 告知书');
      const other = await answerAndReadDocx(bgs, ['bgs.chengban', 'bgs.shenhe', 'bgs.fuze']);
      assert.ok(!other.includes(marker), 'another agency answers with the shipped template');
    });
  });
}
