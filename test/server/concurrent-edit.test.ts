import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgency, listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';

function hidden(html: string, name: string): string {
  return new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(html)?.[1] ?? '';
}

function formFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input\s+type="(?:text|email|number)"\s+id="f-(\w+)"\s+name="\w+"\s+value="([^"]*)"/g))
    out[m[1]!] = m[2]!;
  out['version'] = hidden(html, 'version');
  const kind = /<option value="(\w+)"\s*selected\s*>/.exec(html);
  if (kind) out['kind'] = kind[1]!;
  return out;
}

for (const dialect of testDialects()) {
  describe(`optimistic concurrency (${dialect})`, () => {
    let t: TestApp;
    let id: string;
    before(async () => {
      t = await createTestApp(dialect);
      id = (await listAgencies(t.database.open.db)).find((a) => a.name === '无锡市滨湖区人民政府办公室')!.id;
    });
    after(() => t.close());

    test('two staff save the same agency: the second gets 409 with the Chinese message, the first change stays', async () => {
      const head = new TestClient(t.app);
      const admin = new TestClient(t.app);
      await head.login('bgs.fuze');
      await admin.login('admin');
      const headForm = await head.page(`/staff/agencies/${id}`);
      const adminForm = await admin.page(`/staff/agencies/${id}`);
      const headValues = formFields(headForm.html);
      const adminValues = formFields(adminForm.html);
      assert.equal(headValues['version'], adminValues['version']);

      const first = await head.postForm(`/staff/agencies/${id}`, { ...headValues, phone: '0510-85109999' });
      assert.equal(first.status, 303);

      const second = await admin.postForm(`/staff/agencies/${id}`, {
        ...adminValues,
        address: '江苏省无锡市滨湖区另一个地址1号',
      });
      assert.equal(second.status, 409);
      const html = await second.text();
      assert.match(html, /该记录已被他人修改，请刷新后重试/);
      // The form keeps the admin's input and the OLD version: pressing 保存 again cannot overwrite blindly.
      assert.equal(hidden(html, 'version'), adminValues['version']);

      const stored = await findAgency(t.database.open.db, id);
      assert.equal(stored?.phone, '0510-85109999');
      assert.notEqual(stored?.address, '江苏省无锡市滨湖区另一个地址1号');
      assert.equal(stored?.version, Number(headValues['version']) + 1);
    });

    test('the JSON API answers a stale version with 409 CONFLICT', async () => {
      const c = new TestClient(t.app);
      await c.apiLogin('admin');
      const a = (await (await c.json('GET', `/api/v1/agencies/${id}`)).json()) as Record<string, unknown>;
      const body = {
        address: a['address'],
        postcode: a['postcode'],
        officeHours: a['officeHours'],
        phone: a['phone'],
        fax: a['fax'],
        onlineChannel: a['onlineChannel'],
        email: a['email'],
      };
      const ok = await c.json('PUT', `/api/v1/agencies/${id}`, {
        ...body,
        officeHours: '工作日 9:00—17:00',
        version: a['version'],
      });
      assert.equal(ok.status, 200);
      const stale = await c.json('PUT', `/api/v1/agencies/${id}`, {
        ...body,
        officeHours: '全天',
        version: a['version'],
      });
      assert.equal(stale.status, 409);
      assert.deepEqual(await stale.json(), {
        error: { code: 'CONFLICT', message: '该记录已被他人修改，请刷新后重试' },
      });
      assert.equal((await findAgency(t.database.open.db, id))?.office_hours, '工作日 9:00—17:00');
    });
  });
}
