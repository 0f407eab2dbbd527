import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Report2021 } from '../../src/core/report/report-schema.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';
import { testDialects } from '../db/test-databases.ts';

const boundary = '----gongkai-business';
const upload = (client: TestClient, path: string, data: Uint8Array | string, withCsrf = true) =>
  client.request('POST', path, {
    body: Buffer.concat([
      Buffer.from(
        withCsrf ? `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n` : '',
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="counts.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(data),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });

for (const dialect of testDialects()) {
  describe(`table 2 business counts (${dialect})`, () => {
    let t: TestApp;
    let agency: string;
    before(async () => {
      t = await createTestApp(dialect);
      agency = (
        await t.database.open.db
          .selectFrom('agencies')
          .select('id')
          .where('name', '=', '无锡市滨湖区教育局')
          .executeTakeFirstOrThrow()
      ).id;
    });
    after(() => t.close());

    it('template, row-level Chinese errors, import, form, and the draft sums them into table 2', async () => {
      const c = new TestClient(t.app);
      await c.login('jiaoyu.chengban');
      const tpl = await c.get('/staff/reports/business/template.csv');
      assert.equal(tpl.status, 200);
      assert.match(await tpl.text(), /月份,行政许可（件）/);
      assert.equal((await c.get('/staff/reports/business/template.xlsx')).status, 200);
      await c.page(`/staff/reports/business?agency=${agency}&year=2025`);
      const path = `/staff/reports/business/import?agency=${agency}&year=2025`;
      const bad = await upload(
        c,
        path,
        '月份,行政许可（件）,行政处罚（件）,行政强制（件）,行政事业性收费（元）\n1,3,0,0,0\n13,x,0,0,1.234\n1,1,1,1,1\n',
      );
      assert.equal(bad.status, 422);
      const text = await bad.text();
      assert.match(text, /第3行：“月份”应为1至12的整数；“行政许可”应为不小于0的整数；“行政事业性收费”应为金额/);
      assert.match(text, /第4行：月份1重复出现/);
      assert.equal(
        (await t.database.open.db.selectFrom('business_counts').selectAll().execute()).length,
        0,
        'nothing saved',
      );
      // Oversize and missing CSRF are refused.
      assert.equal((await upload(c, path, 'x'.repeat(3 * 1024 * 1024))).status, 413);
      assert.equal((await upload(c, path, '月份\n', false)).status, 403);
      const good = await upload(
        c,
        path,
        '\uFEFF月份,行政许可（件）,行政处罚（件）,行政强制（件）,行政事业性收费（元）\r\n1,3,2,1,1500.50\r\n2,4,0,0,0\r\n',
      );
      assert.equal(good.status, 303);
      // The form: March added.
      const form: Record<string, string> = {
        m1l: '3',
        m1p: '2',
        m1e: '1',
        m1f: '1500.50',
        m2l: '4',
        m3l: '5',
        m3f: '8499.50',
      };
      assert.equal(
        (await c.postForm(`/staff/reports/business?agency=${agency}&year=2025`, { ...form, m4l: '-1' })).status,
        422,
      );
      assert.equal((await c.postForm(`/staff/reports/business?agency=${agency}&year=2025`, form)).status, 303);
      await c.page('/staff/reports');
      const drafted = await c.postForm('/staff/reports/draft', { agencyId: agency, year: '2025' });
      assert.equal(drafted.status, 303);
      const row = await t.database.open.db
        .selectFrom('annual_reports')
        .select('report_json')
        .where('agency_id', '=', agency)
        .executeTakeFirstOrThrow();
      const t2 = (JSON.parse(row.report_json) as Report2021).t2;
      assert.deepEqual([t2.licensing, t2.punishment, t2.enforcement, t2.fees10kYuan], [12, 2, 1, 1]);
      // Another agency's staff cannot see or change these counts.
      const other = new TestClient(t.app);
      await other.login('shijian.chengban');
      assert.equal((await other.get(`/staff/reports/business?agency=${agency}&year=2025`)).status, 404);
    });
  });
}
