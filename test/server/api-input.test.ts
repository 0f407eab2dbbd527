import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findUserByLogin } from '../../src/db/repositories/platform/user-repository.ts';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';

interface ApiError {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const chinese = /[\u4e00-\u9fff]/;

/** A 4xx with a Chinese message, and (when given) a Chinese message for the named field. */
async function assertRefused(res: Response, status: number, field?: string): Promise<ApiError> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  const body = JSON.parse(text) as ApiError;
  assert.match(body.error.message, chinese, text);
  if (field) {
    assert.ok(body.error.fields?.[field], `field ${field} not named: ${text}`);
    assert.match(body.error.fields[field], chinese, text);
    assert.ok(body.error.message.includes(field), `message does not name ${field}: ${text}`);
  }
  return body;
}

for (const dialect of testDialects()) {
  describe(`API input is typed strictly, bad input is a Chinese 4xx (${dialect})`, () => {
    let t: TestApp;
    let admin: TestClient;
    let agencyId: string;
    before(async () => {
      t = await createTestApp(dialect);
      admin = new TestClient(t.app);
      await admin.apiLogin('admin');
      agencyId = (await listAgencies(t.database.open.db)).find((a) => a.name.includes('河埒'))!.id;
    });
    after(() => t.close());

    async function user(login: string) {
      return (await findUserByLogin(t.database.open.db, login))!;
    }

    test("a staff member's own e-mail: set through the form and the API, checked, kept when the API omits it", async () => {
      const u = await user('mashan.chengban');
      const base = { displayName: u.display_name, agencyId: u.agency_id, roles: ['handler'] };
      const bad = await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, email: 'zhu@', version: u.version });
      await assertRefused(bad, 422, 'email');
      const long = `${'a'.repeat(250)}@example.gov.cn`;
      await assertRefused(
        await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, email: long, version: u.version }),
        422,
        'email',
      );
      const set = await admin.json('PUT', `/api/v1/users/${u.id}`, {
        ...base,
        email: ' zhu.wb@example.gov.cn ',
        version: u.version,
      });
      assert.equal(set.status, 200, await set.text());
      assert.equal((await user('mashan.chengban')).email, 'zhu.wb@example.gov.cn');
      // An API client that does not know the field changes everything else and leaves the address alone.
      const v2 = (await user('mashan.chengban')).version;
      assert.equal(
        (await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, displayName: '朱文斌', version: v2 })).status,
        200,
      );
      assert.equal((await user('mashan.chengban')).email, 'zhu.wb@example.gov.cn');
      // The form: shown, and cleared by sending it empty; a bad one is refused next to the field, input kept.
      const form = new TestClient(t.app);
      await form.login('admin');
      const { html } = await form.page(`/staff/users/${u.id}`);
      assert.match(html, /name="email"\s+value="zhu\.wb@example\.gov\.cn"/);
      const v3 = (await user('mashan.chengban')).version;
      const refused = await form.postForm(`/staff/users/${u.id}`, {
        ...base,
        roles: 'handler',
        email: '不是邮箱',
        version: String(v3),
      });
      assert.equal(refused.status, 422);
      const page = await refused.text();
      assert.match(page, /id="f-email-err"[^>]*>电子邮件地址格式不正确/);
      assert.match(page, /name="email"\s+value="不是邮箱"/);
      const cleared = await form.postForm(`/staff/users/${u.id}`, {
        ...base,
        roles: 'handler',
        email: '',
        version: String(v3),
      });
      assert.equal(cleared.status, 303, await cleared.text());
      assert.equal((await user('mashan.chengban')).email, '');
    });

    test('"false" is not true and true is not 1: JSON booleans and integers are not coerced', async () => {
      const u = await user('helie.chengban');
      const base = { displayName: u.display_name, agencyId: u.agency_id, roles: ['handler'] };
      const asString = await admin.json('PUT', `/api/v1/users/${u.id}`, {
        ...base,
        disabled: 'false',
        version: u.version,
      });
      await assertRefused(asString, 422, 'disabled');
      assert.equal((await user('helie.chengban')).disabled, 0, 'a refused request changed nothing');
      const boolVersion = await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, disabled: false, version: true });
      await assertRefused(boolVersion, 422, 'version');
      const stringVersion = await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, version: String(u.version) });
      await assertRefused(stringVersion, 422, 'version');
      const fraction = await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, version: 1.5 });
      await assertRefused(fraction, 422, 'version');
      const ok = await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, disabled: false, version: u.version });
      assert.equal(ok.status, 200, await ok.text());
      const agency = (await listAgencies(t.database.open.db)).find((a) => a.id === agencyId)!;
      const sort = await admin.json('POST', '/api/v1/agencies', {
        parentId: agency.parent_id,
        name: '测试机构',
        code: '12320211MB0000000X',
        kind: 'department',
        reportDeadline: '01-31',
        sortOrder: '3',
        address: '',
        postcode: '',
        officeHours: '',
        phone: '',
        fax: '',
        onlineChannel: '',
        email: '',
      });
      await assertRefused(sort, 422, 'sortOrder');
    });

    test('integers beyond 32 bits are refused, not a database error', async () => {
      const u = await user('mashan.chengban');
      const base = { displayName: u.display_name, agencyId: u.agency_id, roles: ['handler'], disabled: false };
      for (const version of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, 1e300, -1, 0]) {
        await assertRefused(await admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, version }), 422, 'version');
      }
      const agency = (await listAgencies(t.database.open.db)).find((a) => a.id === agencyId)!;
      const guide = { address: '', postcode: '', officeHours: '', phone: '', fax: '', onlineChannel: '', email: '' };
      await assertRefused(
        await admin.json('PUT', `/api/v1/agencies/${agency.id}`, { ...guide, version: 2 ** 33 }),
        422,
        'version',
      );
      const auditor = new TestClient(t.app);
      await auditor.apiLogin('auditor');
      for (const q of ['before=99999999999999999999', 'before=1e20', 'limit=99999999999', 'before=-5', 'before=abc']) {
        const res = await auditor.json('GET', `/api/v1/audit?${q}`);
        assert.ok(res.status === 200 || res.status === 422, `${q} → ${res.status} ${await res.text()}`);
      }
    });

    test('a NUL byte in a login name, a submission, a path or a query is a 4xx naming the field', async () => {
      const anon = new TestClient(t.app);
      const login = await anon.request('POST', '/api/v1/session', { json: { login: 'adm\u0000in', password: 'x' } });
      await assertRefused(login, 422, 'login');
      const submission = await t.app.request('/api/v1/submissions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'nul-test-0123456789abcdef' },
        body: JSON.stringify({ agencyId, kind: 'message', content: '请公开\u0000本街道的预算。' }),
      });
      await assertRefused(submission, 422, 'content');
      const created = await admin.json('POST', '/api/v1/users', {
        login: 'nul.user',
        displayName: '张\u0000三',
        agencyId,
        roles: ['handler'],
        initialPassword: 'Initial#Pass2026',
      });
      await assertRefused(created, 422, 'displayName');
      for (const path of ['/api/v1/agencies/%00', '/api/v1/users/a%00b', '/api/v1/audit?action=%00']) {
        const res = await admin.json('GET', path);
        assert.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`);
        assert.match(await res.text(), chinese);
      }
      const form = new TestClient(t.app);
      await form.page('/staff/login');
      const page = await form.postForm('/staff/login', { login: 'adm\u0000in', password: 'x' });
      assert.ok(page.status >= 400 && page.status < 500, `form login → ${page.status}`);
      const feedback = await form.page('/feedback');
      const key = /name="idempotencyKey"\s+value="([^"]+)"/.exec(feedback.html)?.[1] ?? '';
      const post = await form.postForm('/feedback', {
        idempotencyKey: key,
        agencyId,
        kind: 'message',
        content: '内容\u0000内容内容',
      });
      assert.equal(post.status, 422);
      assert.match(await post.text(), /控制字符/);
    });

    test('malformed JSON and a JSON array are 422 with a Chinese message', async () => {
      for (const body of ['{"login":', '[]', '"x"', 'null']) {
        const res = await t.app.request('/api/v1/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await assertRefused(res, 422);
      }
    });

    test('six parallel creations of one login: one 201, five 409 DUPLICATE naming the field', async () => {
      const body = {
        login: 'parallel.user',
        displayName: '并发用户',
        agencyId,
        roles: ['handler'],
        initialPassword: 'Initial#Pass2026',
      };
      const results = await Promise.all(Array.from({ length: 6 }, () => admin.json('POST', '/api/v1/users', body)));
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) {
        const e = await assertRefused(r, 409, 'login');
        assert.equal(e.error.code, 'DUPLICATE');
      }
      // And once more, after the fact: the same answer, not a different code for the sequential case.
      const again = await admin.json('POST', '/api/v1/users', body);
      assert.equal(((await assertRefused(again, 409, 'login')).error as { code: string }).code, 'DUPLICATE');
    });
  });
}
