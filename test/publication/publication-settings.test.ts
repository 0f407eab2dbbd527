/**
 * The agency administrators' settings of 主动公开 (docs/publication.md, "Settings"): 公开目录, review chain, own
 * 错敏词, outbound webhook — each change through the real forms, validated with Chinese messages next to the field
 * and the input kept, audited, and in effect where it matters (drafting form, portal, review, checks). Attack
 * tests: another agency's ids, oversize, malformed, replay.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { testDialects } from '../db/test-databases.ts';
import { TestClient, createTestApp, type TestApp } from '../server/test-app.ts';

async function signedIn(t: TestApp, login: string): Promise<TestClient> {
  const c = new TestClient(t.app);
  assert.equal((await c.login(login)).status, 303, `login ${login}`);
  return c;
}

/** The settings version in the page's forms, as a browser would send it back. */
async function versionOn(c: TestClient, path: string): Promise<string> {
  const { res, html } = await c.page(path);
  assert.equal(res.status, 200, path);
  const m = /name="version" value="(\d+)"/.exec(html);
  assert.ok(m, `version field on ${path}`);
  return m[1]!;
}

/** Posts the new-item form as staff would. */
async function draftItem(c: TestClient, catalogue: string, title: string, bodyHtml: string): Promise<Response> {
  await c.page('/staff/publication/new');
  return c.postForm('/staff/publication', { catalogue, title, validityStatus: 'in_force', bodyHtml });
}

async function itemVersion(c: TestClient, id: string): Promise<string> {
  const { html } = await c.page(`/staff/publication/items/${id}`);
  return /name="version" value="(\d+)"/.exec(html)?.[1] ?? '1';
}

for (const dialect of testDialects()) {
  describe(`publication settings (${dialect})`, () => {
    let t: TestApp;
    let head: TestClient;
    let own: string;
    let other: string;
    let base: string;

    before(async () => {
      t = await createTestApp(dialect);
      const agencies = await listAgencies(t.database.open.db);
      own = agencies.find((a) => a.name === '无锡市滨湖区荣巷街道办事处')!.id;
      other = agencies.find((a) => a.name === '无锡市滨湖区蠡园街道办事处')!.id;
      base = `/staff/publication/settings/${own}`;
      head = await signedIn(t, 'rongxiang.fuze');
    });
    after(() => t.close());

    const settingsRow = () =>
      t.database.open.db.selectFrom('publication_settings').selectAll().where('agency_id', '=', own).executeTakeFirst();
    const auditActions = async () =>
      (
        await t.database.open.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', 'like', 'publication.settings.%')
          .execute()
      ).map((r) => r.action);

    test('the head is sent to the own agency settings; the item list links them', async () => {
      const res = await head.get('/staff/publication/settings');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), base);
      assert.match((await head.page('/staff/publication')).html, /href="\/staff\/publication\/settings"/);
      const handler = await signedIn(t, 'rongxiang.chengban');
      assert.doesNotMatch((await handler.page('/staff/publication')).html, /publication\/settings/);
    });

    test('the system administrator picks among the agencies of their subtree, and only those', async () => {
      const admin = await signedIn(t, 'admin');
      const { res, html } = await admin.page('/staff/publication/settings');
      assert.equal(res.status, 200);
      const agencies = await t.database.open.db.selectFrom('agencies').select(['id', 'name', 'path']).execute();
      const home = agencies.find((a) => a.name === '无锡市滨湖区人民政府')!;
      const linked = [...html.matchAll(/href="\/staff\/publication\/settings\/([^"/]+)"/g)].map((m) => m[1]);
      const subtree = agencies.filter((a) => a.path.startsWith(home.path)).map((a) => a.id);
      assert.deepEqual([...linked].sort(), [...subtree].sort());
      assert.ok(agencies.length > subtree.length, 'an agency above the administrator exists and is not offered');
      for (const id of subtree.slice(0, 3))
        assert.equal((await admin.get(`/staff/publication/settings/${id}`)).status, 200);
    });

    test('catalogue: add, rename, reorder, retire and delete a column, each audited', async () => {
      // A blank name is refused next to the field, with what was typed kept.
      let v = await versionOn(head, base);
      let res = await head.postForm(`${base}/catalogue`, {
        op: 'add',
        parent: 'statutory',
        name: '',
        code: 'my-special',
        version: v,
      });
      assert.equal(res.status, 422);
      let html = await res.text();
      assert.match(html, /<span class="field-error" id="f-name-err">请填写栏目名称<\/span>/);
      assert.match(html, /name="code"\s+value="my-special"/);

      res = await head.postForm(`${base}/catalogue`, {
        op: 'add',
        parent: 'statutory',
        name: '专项公开',
        code: 'my-special',
        version: v,
      });
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location') ?? '', /done=catalogue$/);
      html = (await head.page(`${base}?done=catalogue`)).html;
      assert.match(html, /公开目录已保存/);
      assert.match(html, /法定主动公开内容 › 专项公开/);
      // Offered to staff drafting an item, and shown on the portal.
      assert.match((await head.page('/staff/publication/new')).html, /<option value="my-special"/);
      assert.match(await (await head.get(`/agencies/${own}/catalogue`)).text(), /专项公开/);

      // A duplicate code and a duplicate name are refused where they were typed.
      v = await versionOn(head, base);
      res = await head.postForm(`${base}/catalogue`, {
        op: 'add',
        parent: 'statutory',
        name: '专项公开',
        code: 'news',
        version: v,
      });
      html = await res.text();
      assert.equal(res.status, 422);
      assert.match(html, /id="f-code-err">代码“news”已被使用/);
      assert.match(html, /id="f-name-err">同一级下已有栏目“专项公开”/);

      // Rename, then move it up one place among its siblings.
      res = await head.postForm(`${base}/catalogue`, {
        op: 'rename',
        code: 'my-special',
        name: '专项信息',
        version: v,
      });
      assert.equal(res.status, 303);
      const order = async () => {
        const row = await settingsRow();
        const statutory = (
          JSON.parse(row!.catalogue) as { columns: { code: string; children?: { code: string }[] }[] }
        ).columns.find((c) => c.code === 'statutory')!;
        return statutory.children!.map((c) => c.code);
      };
      const beforeMove = await order();
      v = await versionOn(head, base);
      res = await head.postForm(`${base}/catalogue`, { op: 'move', code: 'my-special', direction: 'up', version: v });
      assert.equal(res.status, 303);
      const afterMove = await order();
      assert.equal(afterMove.indexOf('my-special'), beforeMove.indexOf('my-special') - 1);

      // Retire: gone from the drafting form and the portal's catalogue; restoring brings it back.
      v = await versionOn(head, base);
      res = await head.postForm(`${base}/catalogue`, { op: 'retire', code: 'my-special', retired: '1', version: v });
      assert.equal(res.status, 303);
      assert.doesNotMatch((await head.page('/staff/publication/new')).html, /value="my-special"/);
      assert.doesNotMatch(await (await head.get(`/agencies/${own}/catalogue`)).text(), /专项信息/);
      assert.match((await head.page(base)).html, /已停用/);

      // An empty column can be deleted.
      v = await versionOn(head, base);
      res = await head.postForm(`${base}/catalogue`, { op: 'delete', code: 'my-special', version: v });
      assert.equal(res.status, 303);
      assert.ok(!(await order()).includes('my-special'));
      assert.deepEqual((await auditActions()).filter((a) => a.startsWith('publication.settings.catalogue')).sort(), [
        'publication.settings.catalogue.add',
        'publication.settings.catalogue.delete',
        'publication.settings.catalogue.move',
        'publication.settings.catalogue.rename',
        'publication.settings.catalogue.retire',
      ]);
    });

    test('a column with items cannot be deleted, only retired — and its items stay where they are', async () => {
      const before = (await settingsRow())!.catalogue;
      let v = await versionOn(head, base);
      let res = await head.postForm(`${base}/catalogue`, { op: 'delete', code: 'news', version: v });
      assert.equal(res.status, 422);
      const html = await res.text();
      assert.match(html, /id="err-news">栏目“工作动态”中已有信息，不能删除，只能停用/);
      assert.equal((await settingsRow())!.catalogue, before, 'nothing changed');
      // A parent whose child holds items cannot be deleted either.
      res = await head.postForm(`${base}/catalogue`, { op: 'delete', code: 'policies', version: v });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="err-policies">下级栏目“[^”]+”中已有信息，不能删除，只能停用/);

      v = await versionOn(head, base);
      res = await head.postForm(`${base}/catalogue`, { op: 'retire', code: 'news', retired: '1', version: v });
      assert.equal(res.status, 303);
      // A published news item still shows, and its column page still answers (old links keep working).
      const news = await t.database.open.db
        .selectFrom('publication_items')
        .select(['id', 'title'])
        .where('agency_id', '=', own)
        .where('catalogue', '=', 'news')
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      assert.equal((await head.get(`/items/${news.id}`)).status, 200);
      assert.equal((await head.get(`/agencies/${own}/columns/news`)).status, 200);
      // New items cannot be filed there.
      res = await draftItem(head, 'news', '不应保存的动态', '<p>正文</p>');
      assert.equal(res.status, 422);
      assert.match(await res.text(), /所选栏目不存在、已停用或不能直接发布信息/);
      v = await versionOn(head, base);
      res = await head.postForm(`${base}/catalogue`, { op: 'retire', code: 'news', retired: '0', version: v });
      assert.equal(res.status, 303);
    });

    test('review chain: a new chain applies to the next submission; an item in review keeps its own', async () => {
      const author = await signedIn(t, 'rongxiang.chengban');
      const reviewer = await signedIn(t, 'rongxiang.shenhe');
      const draft = async (title: string) => {
        const res = await draftItem(author, 'notices', title, '<p>关于开展安全检查的通知。</p>');
        assert.equal(res.status, 303);
        const id = /items\/([A-Za-z0-9_-]+)/.exec(res.headers.get('location') ?? '')![1]!;
        const sub = await author.postForm(`/staff/publication/items/${id}/submit`, {
          version: await itemVersion(author, id),
        });
        assert.equal(sub.status, 303);
        return id;
      };
      const approve = (c: TestClient, id: string) =>
        itemVersion(c, id).then((version) =>
          c.postForm(`/staff/publication/items/${id}/review`, { decision: 'approve', comment: '同意', version }),
        );
      const status = async (id: string) =>
        (
          await t.database.open.db
            .selectFrom('publication_items')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status;

      const old = await draft('按三审提交的公告');

      // Invalid rows: a name without a role, a role without a name, a duplicate name; the input comes back.
      let v = await versionOn(head, `${base}/review-chain`);
      let res = await head.postForm(`${base}/review-chain`, {
        name1: '审核',
        roles1: [],
        name2: '',
        roles2: ['head'],
        name3: '审核',
        roles3: ['reviewer'],
        version: v,
      });
      assert.equal(res.status, 422);
      const html = await res.text();
      assert.match(html, /id="f-roles1-err">请至少选择一个可以审核此步骤的角色/);
      assert.match(html, /id="f-name2-err">请填写步骤名称/);
      assert.match(html, /id="f-name3-err">与第 1 步重名/);
      assert.match(html, /name="name1"\s+maxlength="10"\s+value="审核"/);

      // Two steps: 审核 (审核人), 签发 (负责人).
      res = await head.postForm(`${base}/review-chain`, {
        name1: '审核',
        roles1: ['reviewer'],
        name2: '签发',
        roles2: ['head'],
        version: v,
      });
      assert.equal(res.status, 303);
      assert.match((await head.page(`${base}/review-chain?done=chain`)).html, /从下一次提交审核起适用/);
      assert.ok((await auditActions()).includes('publication.settings.reviewChain'));

      // The old item still needs 初审, 复审 and 终审.
      assert.equal((await approve(reviewer, old)).status, 303);
      assert.match((await head.page(`/staff/publication/items/${old}`)).html, /待复审/);
      assert.equal((await approve(reviewer, old)).status, 303);
      assert.equal(await status(old), 'review');
      assert.equal((await approve(head, old)).status, 303);
      assert.equal(await status(old), 'approved');

      // A new submission follows the new chain: 审核 by the reviewer, 签发 by the head only.
      const fresh = await draft('按新流程提交的公告');
      assert.match((await head.page(`/staff/publication/items/${fresh}`)).html, /待审核/);
      assert.equal((await approve(reviewer, fresh)).status, 303);
      assert.match((await head.page(`/staff/publication/items/${fresh}`)).html, /待签发/);
      const refused = await approve(reviewer, fresh);
      assert.equal(refused.status, 403);
      assert.equal((await approve(head, fresh)).status, 303);
      assert.equal(await status(fresh), 'approved');

      // The portal's 公开制度 page names the chain as configured.
      assert.match(await (await head.get(`/agencies/${own}/rules`)).text(), /审核（审核、签发）/);

      // Several roles ticked for one step are all kept; the defaults come back as the administrator enters them.
      v = await versionOn(head, `${base}/review-chain`);
      res = await head.postForm(`${base}/review-chain`, {
        name1: '初审',
        roles1: ['reviewer', 'head'],
        name2: '复审',
        roles2: ['reviewer', 'head'],
        name3: '终审',
        roles3: ['head'],
        version: v,
      });
      assert.equal(res.status, 303);
      assert.deepEqual(JSON.parse((await settingsRow())!.review_steps), [
        { name: '初审', roles: ['reviewer', 'head'] },
        { name: '复审', roles: ['reviewer', 'head'] },
        { name: '终审', roles: ['head'] },
      ]);
    });

    test('own 错敏词: an added entry is found by the pre-publication checks at once', async () => {
      const v = await versionOn(head, `${base}/wording`);
      // A term with blanks at its ends and an unknown level are refused next to their fields.
      let res = await head.postForm(`${base}/wording`, { term: ' 荣巷镇 ', level: 'fatal', version: v });
      assert.equal(res.status, 422);
      const html = await res.text();
      assert.match(html, /id="f-term-err">词条首尾不能有空白/);
      assert.match(html, /id="f-level-err">级别只能是 error/);

      res = await head.postForm(`${base}/wording`, {
        term: '荣巷镇',
        suggestion: '荣巷街道',
        level: 'error',
        category: 'obsolete-name',
        version: v,
      });
      assert.equal(res.status, 303);
      assert.match((await head.page(`${base}/wording`)).html, /<th scope="row">荣巷镇<\/th>/);

      const author = await signedIn(t, 'rongxiang.chengban');
      res = await draftItem(author, 'notices', '荣巷镇关于开展消防检查的通知', '<p>请各社区做好准备。</p>');
      assert.equal(res.status, 303);
      const detail = (await author.page(res.headers.get('location')!)).html;
      assert.match(detail, /荣巷街道/, 'the suggestion is shown with the finding');

      // Removing it takes it out of the checks again.
      const v2 = await versionOn(head, `${base}/wording`);
      res = await head.postForm(`${base}/wording/remove`, { term: '荣巷镇', version: v2 });
      assert.equal(res.status, 303);
      assert.doesNotMatch((await head.page(`${base}/wording`)).html, /<th scope="row">荣巷镇<\/th>/);
      assert.deepEqual((await auditActions()).filter((a) => a.includes('wording')).sort(), [
        'publication.settings.wording.add',
        'publication.settings.wording.remove',
      ]);
    });

    test('shipped 错敏词: switched off for this agency only, and on again; unknown terms and repeats refused', async () => {
      const author = await signedIn(t, 'rongxiang.chengban');
      // 中国共产当 → 中国共产党 is in the shipped dictionary (error level): the suggestion is shown with the finding.
      const flagged = async (title: string) => {
        const res = await draftItem(author, 'notices', title, '<p>正文。</p>');
        assert.equal(res.status, 303);
        return /中国共产党/.test((await author.page(res.headers.get('location')!)).html);
      };
      assert.equal(await flagged('中国共产当员先锋岗评选结果公示'), true);
      let page = (await head.page(`${base}/wording`)).html;
      assert.match(page, /随软件提供的词库（\d+条，本机关停用0条）/);
      assert.match(page, /<details>\s*<summary>查看并停用词库中的词条/);

      let v = await versionOn(head, `${base}/wording`);
      let res = await head.postForm(`${base}/wording/shipped`, { term: '中国共产当', op: 'disable', version: v });
      assert.equal(res.status, 303);
      assert.equal(await flagged('中国共产当员先锋岗评选结果公示（二）'), false, 'off for this agency');
      page = (await head.page(`${base}/wording`)).html;
      assert.match(page, /本机关停用1条/);
      assert.match(page, /aria-label="恢复词条“中国共产当”"/);
      // Another agency still has it.
      const other = await signedIn(t, 'liyuan.chengban');
      const elsewhere = await draftItem(other, 'notices', '中国共产当员先锋岗评选结果公示', '<p>正文。</p>');
      assert.match((await other.page(elsewhere.headers.get('location')!)).html, /中国共产党/);

      // Switching it off twice, an unknown term, a bad operation: refused beside the form, nothing changes.
      v = await versionOn(head, `${base}/wording`);
      res = await head.postForm(`${base}/wording/shipped`, { term: '中国共产当', op: 'disable', version: v });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /“中国共产当”已停用/);
      res = await head.postForm(`${base}/wording/shipped`, { term: '不在词库', op: 'disable', version: v });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /随软件提供的词库中没有该词条/);
      res = await head.postForm(`${base}/wording/shipped`, { term: '中国共产当', op: 'delete', version: v });
      assert.equal(res.status, 422);
      assert.equal(await versionOn(head, `${base}/wording`), v);

      res = await head.postForm(`${base}/wording/shipped`, { term: '中国共产当', op: 'enable', version: v });
      assert.equal(res.status, 303);
      assert.equal(await flagged('中国共产当员先锋岗评选结果公示（三）'), true, 'on again');
      const actions = (await auditActions()).filter((a) => /wording\.(disable|enable)/.test(a)).sort();
      assert.deepEqual(actions, ['publication.settings.wording.disable', 'publication.settings.wording.enable']);
    });

    test('webhook: https only, no loopback or private address; the secret is generated, rotated and shown once', async () => {
      const v = await versionOn(head, `${base}/webhook`);
      const refused = [
        ['http://example.gov.cn/hook', /只能使用 https 地址/],
        ['https://127.0.0.1/hook', /不能使用本机、内网或保留地址/],
        ['https://localhost:8443/hook', /不能使用本机、内网或保留地址/],
        ['https://10.1.2.3/hook', /不能使用本机、内网或保留地址/],
        ['https://169.254.169.254/latest/meta-data', /不能使用本机、内网或保留地址/],
        ['https://[::1]/hook', /不能使用本机、内网或保留地址/],
        ['https://[::ffff:192.168.1.1]/hook', /不能使用本机、内网或保留地址/],
        ['https://2130706433/hook', /不能使用本机、内网或保留地址/],
        ['https://user:pw@example.gov.cn/hook', /地址中不能包含用户名或密码/],
        ['javascript:alert(1)', /只能使用 https 地址/],
        ['not a url', /地址格式不正确/],
      ] as const;
      for (const [url, message] of refused) {
        const res = await head.postForm(`${base}/webhook`, { url, enabled: '1', version: v });
        assert.equal(res.status, 422, url);
        const html = await res.text();
        assert.match(html, new RegExp(`id="f-url-err">${message.source}`), url);
        assert.ok(html.includes('value="' + url.replace(/&/g, '&amp;') + '"'), `input kept: ${url}`);
      }
      assert.equal((await settingsRow())!.webhook_url, '', 'nothing stored');

      let res = await head.postForm(`${base}/webhook`, {
        url: 'https://hook.example.gov.cn/gk',
        enabled: '1',
        version: v,
      });
      assert.equal(res.status, 303);
      const first = (await settingsRow())!;
      assert.equal(first.webhook_url, 'https://hook.example.gov.cn/gk');
      assert.equal(first.webhook_enabled, 1);
      assert.match(first.webhook_secret, /^[0-9a-f]{64}$/);
      assert.doesNotMatch((await head.page(`${base}/webhook`)).html, new RegExp(first.webhook_secret));

      res = await head.postForm(`${base}/webhook/secret`, { version: String(first.version) });
      assert.equal(res.status, 200);
      const rotated = (await settingsRow())!.webhook_secret;
      assert.notEqual(rotated, first.webhook_secret);
      assert.match(await res.text(), new RegExp(`只显示这一次[^<]*<code class="mono">${rotated}</code>`));
      assert.doesNotMatch((await head.page(`${base}/webhook`)).html, new RegExp(rotated), 'shown once');
      // The secret is never in the audit trail.
      const audit = await t.database.open.db
        .selectFrom('audit_log')
        .select(['before_json', 'after_json'])
        .where('action', 'like', 'publication.settings.webhook%')
        .execute();
      assert.equal(audit.length, 2);
      for (const a of audit) assert.ok(!`${a.before_json}${a.after_json}`.includes(rotated.slice(0, 16)));

      // Switched off: publishing enqueues nothing.
      const v2 = await versionOn(head, `${base}/webhook`);
      res = await head.postForm(`${base}/webhook`, { url: 'https://hook.example.gov.cn/gk', version: v2 });
      assert.equal(res.status, 303);
      assert.equal((await settingsRow())!.webhook_enabled, 0);
    });

    test('attack: another agency’s id — its head finds nothing, nothing changes', async () => {
      const before = await t.database.open.db
        .selectFrom('publication_settings')
        .selectAll()
        .where('agency_id', '=', other)
        .executeTakeFirst();
      for (const path of ['', '/review-chain', '/wording', '/webhook']) {
        assert.equal((await head.get(`/staff/publication/settings/${other}${path}`)).status, 404, path);
      }
      const res = await head.postForm(`/staff/publication/settings/${other}/catalogue`, {
        op: 'add',
        parent: 'statutory',
        name: '越权栏目',
        version: '0',
      });
      assert.equal(res.status, 404);
      assert.equal(
        (
          await head.postForm(`/staff/publication/settings/${other}/webhook`, {
            url: 'https://evil.example/',
            version: '0',
          })
        ).status,
        404,
      );
      // Ids that are no agency at all, or try to escape the path.
      assert.equal((await head.get('/staff/publication/settings/..%2F..%2Fadmin')).status, 404);
      assert.equal((await head.get(`/staff/publication/settings/${'x'.repeat(300)}`)).status, 404);
      const after = await t.database.open.db
        .selectFrom('publication_settings')
        .selectAll()
        .where('agency_id', '=', other)
        .executeTakeFirst();
      assert.deepEqual(after, before);
    });

    test('attack: oversize and malformed input is refused with a message, never a 500', async () => {
      const before = (await settingsRow())!;
      const v = String(before.version);
      const cases: Record<string, string | string[]>[] = [
        { op: 'add', parent: 'statutory', name: '长'.repeat(5000), version: v },
        { op: 'add', parent: 'statutory', name: '正常', code: 'Bad Code!', version: v },
        { op: 'add', parent: 'guide', name: '指南下级', version: v },
        { op: 'add', parent: 'no-such', name: '孤儿', version: v },
        { op: 'rename', code: 'guide', name: '改名指南', version: v },
        { op: 'drop-table', code: 'news', version: v },
        { op: 'move', code: 'news', direction: 'sideways', version: v },
        { op: 'delete', code: 'news', version: 'abc' },
        { op: 'delete', code: ['news', 'notices'], version: v },
        { op: 'rename', code: 'news', name: 'a\u0000b', version: v },
      ];
      for (const form of cases) {
        const res = await head.postForm(`${base}/catalogue`, form);
        assert.ok(res.status === 422 || res.status === 409, `${JSON.stringify(form).slice(0, 80)} → ${res.status}`);
      }
      for (const form of [
        { name1: '初审', roles1: ['sysadmin'], version: v },
        { name1: '初审', roles1: Array(50).fill('head'), version: v },
        { name1: '很长很长很长很长很长的步骤名', roles1: ['head'], version: v },
        { version: v },
      ] as Record<string, string | string[]>[]) {
        const res = await head.postForm(`${base}/review-chain`, form);
        assert.equal(res.status, 422, JSON.stringify(form).slice(0, 80));
      }
      for (const form of [
        { term: '词'.repeat(41), level: 'error', version: v },
        { term: '词', suggestion: '词', level: 'error', version: v },
        { term: '', level: 'error', version: v },
        { term: '好词', level: 'error', category: 'nonsense', version: v },
      ] as Record<string, string>[]) {
        const res = await head.postForm(`${base}/wording`, form);
        assert.equal(res.status, 422, JSON.stringify(form).slice(0, 80));
      }
      const res = await head.postForm(`${base}/webhook`, {
        url: `https://example.gov.cn/${'a'.repeat(600)}`,
        version: v,
      });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /地址不能超过 500 个字符/);
      // A body over the platform's form limit is cut off before anything reads it.
      const huge = await head.postForm(`${base}/catalogue`, {
        op: 'add',
        parent: 'statutory',
        name: 'x'.repeat(3_000_000),
        version: v,
      });
      assert.ok([413, 422].includes(huge.status), `huge → ${huge.status}`);
      assert.deepEqual(await settingsRow(), before, 'nothing changed');
    });

    test('attack: a replayed or stale form is refused (409) and applied once', async () => {
      const v = await versionOn(head, base);
      const form = { op: 'add', parent: 'statutory', name: '重放测试', code: 'replay-test', version: v };
      assert.equal((await head.postForm(`${base}/catalogue`, form)).status, 303);
      const again = await head.postForm(`${base}/catalogue`, form);
      assert.equal(again.status, 409);
      assert.match(await again.text(), /设置已被他人修改/);
      const catalogue = (await settingsRow())!.catalogue;
      assert.equal(catalogue.split('"replay-test"').length - 1, 1, 'added once');
      // The same for the other forms: an old version never overwrites a newer setting.
      for (const [path, body] of [
        ['/review-chain', { name1: '一审', roles1: ['head'] }],
        ['/wording', { term: '旧版本', level: 'warning' }],
        ['/webhook', { url: 'https://old.example.gov.cn/' }],
        ['/webhook/secret', {}],
      ] as [string, Record<string, string | string[]>][]) {
        const res = await head.postForm(`${base}${path}`, { ...body, version: v });
        assert.equal(res.status, 409, path);
      }
      // Without the CSRF token (a forged cross-site post) nothing is read at all.
      const forged = await head.postForm(`${base}/catalogue`, { ...form, version: await versionOn(head, base) }, false);
      assert.equal(forged.status, 403);
    });
  });
}
