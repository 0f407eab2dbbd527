/**
 * Table 2's 规章 / 行政规范性文件 cells of a drafted report open the list of the published items they count
 * (issue 9 item 1): each list has as many items as the cell says, and the right ones; attacks on the route.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Report2021 } from '../../src/core/report/report-schema.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

const CELLS = ['issued', 'repealed', 'inForce'] as const;

for (const dialect of testDialects()) {
  describe(`table 2 drill-down to publication items (${dialect})`, () => {
    let t: TestApp;
    let handler: TestClient;
    let reportId: string;
    let report: Report2021;

    before(async () => {
      t = await createTestApp(dialect);
      const db = t.database.open.db;
      const agency = async (name: string) =>
        (await db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      const rongxiang = await agency('无锡市滨湖区荣巷街道办事处');
      const liyuan = await agency('无锡市滨湖区蠡园街道办事处');
      // Items filed as 规章 / 行政规范性文件, copied from a demo item: every cell of both rows gets something to count,
      // and some items must not be counted (withdrawn, another agency, issued after the year).
      const template = await db
        .selectFrom('publication_items')
        .selectAll()
        .where('agency_id', '=', rongxiang)
        .where('normative_kind', '=', 'normative')
        .executeTakeFirstOrThrow();
      const item = async (o: {
        title: string;
        kind: 'regulation' | 'normative';
        written: string;
        validity?: string;
        ended?: string;
        status?: string;
        agencyId?: string;
      }) =>
        db
          .insertInto('publication_items')
          .values({
            ...template,
            id: randomUUID(),
            agency_id: o.agencyId ?? rongxiang,
            title: o.title,
            doc_number: `荣政规〔${o.written.slice(0, 4)}〕${Math.floor(Math.random() * 1e6)}号`,
            index_number: null,
            normative_kind: o.kind,
            written_on: o.written,
            published_on: o.written,
            validity_status: o.validity ?? 'in_force',
            ended_on: o.ended ?? null,
            valid_until: null,
            status: o.status ?? 'published',
          })
          .execute();
      await item({ title: '规章甲（2025年制发，有效）', kind: 'regulation', written: '2025-03-01' });
      await item({ title: '规章乙（2022年制发，有效）', kind: 'regulation', written: '2022-05-01' });
      await item({
        title: '规章丙（2021年制发，2025年废止）',
        kind: 'regulation',
        written: '2021-01-10',
        validity: 'repealed',
        ended: '2025-09-01',
      });
      await item({ title: '规范性文件丁（2025年制发，有效）', kind: 'normative', written: '2025-06-15' });
      await item({ title: '规范性文件戊（2025年制发，有效）', kind: 'normative', written: '2025-11-20' });
      await item({
        title: '规范性文件己（2020年制发，2025年失效）',
        kind: 'normative',
        written: '2020-02-02',
        validity: 'expired',
        ended: '2025-02-02',
      });
      await item({ title: '撤回的规范性文件', kind: 'normative', written: '2025-04-01', status: 'withdrawn' });
      await item({ title: '蠡园的规范性文件', kind: 'normative', written: '2025-04-01', agencyId: liyuan });

      handler = new TestClient(t.app);
      await handler.login('rongxiang.chengban');
      await handler.page('/staff/reports');
      const res = await handler.postForm('/staff/reports/draft', { agencyId: rongxiang, year: '2025' });
      reportId = /\/staff\/reports\/([^/?]+)/.exec(res.headers.get('location') ?? '')![1]!;
      report = JSON.parse(
        (
          await db
            .selectFrom('annual_reports')
            .select('report_json')
            .where('id', '=', reportId)
            .executeTakeFirstOrThrow()
        ).report_json,
      ) as Report2021;
    });
    after(() => t.close());

    const listed = (html: string) =>
      [...html.matchAll(/<th scope="row"><a href="\/items\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);

    it('every cell links to its list, and the list has as many items as the cell', async () => {
      const { html } = await handler.page(`/staff/reports/${reportId}`);
      for (const row of ['regulations', 'normativeDocs'] as const)
        for (const f of CELLS) {
          const href = `/staff/reports/${reportId}/table2?cell=${row}.${f}`;
          assert.match(html, new RegExp(`<a href="${href.replace(/[?.]/g, '\\$&')}">${report.t2[row][f]}</a>`));
          const page = await handler.page(href);
          assert.equal(listed(page.html).length, report.t2[row][f], `${row}.${f}`);
          assert.match(page.html, new RegExp(`报告中为<strong>${report.t2[row][f]}</strong>件`));
        }
      // The demo's own 规范性文件 of 2026 is not counted for 2025; the items above are.
      assert.deepEqual(report.t2.regulations, { issued: 1, repealed: 1, inForce: 2 });
      assert.deepEqual(report.t2.normativeDocs, { issued: 2, repealed: 1, inForce: 2 });
      assert.deepEqual(
        listed((await handler.page(`/staff/reports/${reportId}/table2?cell=regulations.repealed`)).html),
        ['规章丙（2021年制发，2025年废止）'],
      );
      const inForce = listed((await handler.page(`/staff/reports/${reportId}/table2?cell=normativeDocs.inForce`)).html);
      assert.deepEqual(inForce, ['规范性文件戊（2025年制发，有效）', '规范性文件丁（2025年制发，有效）']);
    });

    it('a change to the records after drafting shows both figures', async () => {
      await t.database.open.db
        .updateTable('publication_items')
        .set({ status: 'withdrawn' })
        .where('title', '=', '规章甲（2025年制发，有效）')
        .execute();
      const page = await handler.page(`/staff/reports/${reportId}/table2?cell=regulations.issued`);
      assert.match(page.html, /报告中为<strong>1<\/strong>件；按当前主动公开记录计<strong>0<\/strong>件/);
      assert.match(page.html, /按最新记录刷新表格/);
    });

    it('attacks: unknown or oversize cell, another agency, an imported report', async () => {
      for (const cell of ['licensing', 'regulations.issued.x', 'x'.repeat(5000), '']) {
        const res = await handler.get(`/staff/reports/${reportId}/table2?cell=${encodeURIComponent(cell)}`);
        assert.equal(res.status, 422, cell.slice(0, 30));
      }
      assert.equal((await handler.get(`/staff/reports/${reportId}/table2`)).status, 422);
      // Another agency's staff: the report does not exist for them.
      const other = new TestClient(t.app);
      await other.login('bgs.chengban');
      assert.equal((await other.get(`/staff/reports/${reportId}/table2?cell=regulations.issued`)).status, 404);
      // The supervising office may look (its subtree).
      const jiandu = new TestClient(t.app);
      await jiandu.login('jiandu');
      assert.equal((await jiandu.get(`/staff/reports/${reportId}/table2?cell=regulations.issued`)).status, 200);
      // An imported report has no records behind it.
      await t.database.open.db
        .updateTable('annual_reports')
        .set({ origin: 'imported' })
        .where('id', '=', reportId)
        .execute();
      assert.equal((await handler.get(`/staff/reports/${reportId}/table2?cell=regulations.issued`)).status, 404);
      assert.doesNotMatch((await handler.page(`/staff/reports/${reportId}`)).html, /table2\?cell=/);
    });
  });
}
