import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';
import { testDialects } from '../db/test-databases.ts';
import type { Report } from '../../src/core/report/report-schema.ts';
import { loadReport } from '../../src/use-cases/reports/load-report.ts';

async function agencyId(t: TestApp, name: string): Promise<string> {
  const a = await t.database.open.db
    .selectFrom('agencies')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return a.id;
}

function reportIdFrom(res: Response): string {
  const m = /\/staff\/reports\/([^/?]+)/.exec(res.headers.get('location') ?? '');
  assert.ok(m, `redirect expected, got ${res.status} ${res.headers.get('location')}`);
  return m[1]!;
}

for (const dialect of testDialects()) {
  describe(`annual report workflow (${dialect})`, () => {
    let t: TestApp;
    let bgs: string;
    let rongxiang: string;
    before(async () => {
      t = await createTestApp(dialect);
      bgs = await agencyId(t, '无锡市滨湖区人民政府办公室');
      rongxiang = await agencyId(t, '无锡市滨湖区荣巷街道办事处');
    });
    after(() => t.close());

    const version = async (id: string) =>
      (
        await t.database.open.db
          .selectFrom('annual_reports')
          .select('version')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).version;

    it('draft → error blocks submit → fix → submit → returned → submit → cleared → published (late), all audited', async () => {
      const handler = new TestClient(t.app);
      await handler.login('bgs.chengban');
      await handler.page('/staff/reports');
      const drafted = await handler.postForm('/staff/reports/draft', { agencyId: bgs, year: '2025' });
      assert.equal(drafted.status, 303);
      const id = reportIdFrom(drafted);
      const { html } = await handler.page(`/staff/reports/${id}`);
      assert.match(html, /核对通过|核对结果/);
      const stored = await t.database.open.db
        .selectFrom('annual_reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const report = JSON.parse(stored.report_json) as Report;
      assert.equal(report.agency, '无锡市滨湖区人民政府办公室');
      assert.equal(stored.error_count, 0, stored.findings_json);

      // A wrong figure in the text: the checker finds it on save.
      const s = report.sections;
      const wrong = s['3'].replace(/新收政府信息公开申请\d+件/, '新收政府信息公开申请99件');
      assert.notEqual(wrong, s['3']);
      const form = (text1: string, text3: string, v: number) => ({
        version: String(v),
        s1: text1,
        s2: s['2'],
        s3: text3,
        s4: s['4'],
        s5: s['5'],
        s6: s['6'],
      });
      // Section 一 emptied (an error: 条例第五十条 content missing) and a figure in the text that the table contradicts (a warning).
      assert.equal(
        (await handler.postForm(`/staff/reports/${id}/text`, form('', wrong, await version(id)))).status,
        303,
      );
      const after1 = await t.database.open.db
        .selectFrom('annual_reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.ok(after1.error_count > 0 && after1.warning_count > 0, after1.findings_json);

      // The handler may not submit; the reviewer may not while an error remains.
      assert.equal(
        (await handler.postForm(`/staff/reports/${id}/submit`, { version: String(after1.version) })).status,
        403,
      );
      const reviewer = new TestClient(t.app);
      await reviewer.login('bgs.shenhe');
      await reviewer.page(`/staff/reports/${id}`);
      const blocked = await reviewer.postForm(`/staff/reports/${id}/submit`, { version: String(after1.version) });
      assert.equal(blocked.status, 422);
      assert.match(await blocked.text(), /处错误/);

      // Fix the error; the warning still blocks until acknowledged with a reason.
      assert.equal(
        (await handler.postForm(`/staff/reports/${id}/text`, form(s['1'], wrong, after1.version))).status,
        303,
      );
      const stillBlocked = await reviewer.postForm(`/staff/reports/${id}/submit`, {
        version: String(await version(id)),
      });
      assert.equal(stillBlocked.status, 422);
      assert.match(await stillBlocked.text(), /尚未说明理由/);
      const page = (await handler.page(`/staff/reports/${id}`)).html;
      const keys = [...page.matchAll(/name="findingKey" value="([0-9a-f]{24})"/g)].map((m) => m[1]!);
      assert.ok(keys.length > 0, 'each warning has an acknowledgement form');
      assert.equal(
        (await handler.postForm(`/staff/reports/${id}/acknowledge`, { findingKey: keys[0]!, reason: 'x' })).status,
        422,
      );
      for (const key of keys)
        assert.equal(
          (
            await handler.postForm(`/staff/reports/${id}/acknowledge`, {
              findingKey: key,
              reason: '含上年度补录申请，已核实',
            })
          ).status,
          303,
        );
      assert.equal(
        (await reviewer.postForm(`/staff/reports/${id}/submit`, { version: String(await version(id)) })).status,
        303,
      );

      // The supervisor returns it with a comment (a comment is required).
      const supervisor = new TestClient(t.app);
      await supervisor.login('jiandu');
      await supervisor.page(`/staff/reports/${id}`);
      const noComment = await supervisor.postForm(`/staff/reports/${id}/review`, {
        version: String(await version(id)),
        verdict: 'returned',
      });
      assert.equal(noComment.status, 422);
      assert.equal(
        (
          await supervisor.postForm(`/staff/reports/${id}/review`, {
            version: String(await version(id)),
            verdict: 'returned',
            comment: '第五部分请写明上年度问题整改情况',
          })
        ).status,
        303,
      );
      // Resubmit, clear, publish.
      await reviewer.page(`/staff/reports/${id}`);
      assert.equal(
        (await reviewer.postForm(`/staff/reports/${id}/submit`, { version: String(await version(id)) })).status,
        303,
      );
      await supervisor.page(`/staff/reports/${id}`);
      assert.equal(
        (
          await supervisor.postForm(`/staff/reports/${id}/review`, {
            version: String(await version(id)),
            verdict: 'cleared',
          })
        ).status,
        303,
      );
      // The supervisor cannot publish for the agency; its head can.
      assert.equal(
        (await supervisor.postForm(`/staff/reports/${id}/publish`, { version: String(await version(id)) })).status,
        403,
      );
      const head = new TestClient(t.app);
      await head.login('bgs.fuze');
      await head.page(`/staff/reports/${id}`);
      assert.equal(
        (await head.postForm(`/staff/reports/${id}/publish`, { version: String(await version(id)) })).status,
        303,
      );
      const published = await t.database.open.db
        .selectFrom('annual_reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(published.state, 'published');
      assert.equal(published.late, 1, 'published on 2026-11-20, after the 2026-01-31 deadline');
      assert.match((JSON.parse(published.report_json) as Report).publishedAt ?? '', /^2026-11-20T10:00:00\+08:00$/);
      const comments = await t.database.open.db
        .selectFrom('report_comments')
        .select('kind')
        .where('report_id', '=', id)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(
        comments.map((c) => c.kind),
        ['submitted', 'returned', 'submitted', 'cleared', 'published'],
      );
      const audit = await t.database.open.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', id)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        [
          'report.draft',
          'report.saveText',
          'report.saveText',
          ...keys.map(() => 'report.acknowledge'),
          'report.submit',
          'report.return',
          'report.submit',
          'report.clear',
          'report.publish',
        ],
      );
      // On the portal: listed, shown in the official layout, and each download reads back to the same JSON.
      const visitor = new TestClient(t.app);
      assert.match(await (await visitor.get('/reports')).text(), new RegExp(`/reports/${id}`));
      const pageRes = await visitor.get(`/reports/${id}`);
      assert.equal(pageRes.status, 200);
      assert.match(await pageRes.text(), /class="gk-report"/);
      const stored2 = JSON.parse(published.report_json) as Report;
      for (const format of ['docx', 'pdf', 'xlsx', 'json', 'html']) {
        const res = await visitor.get(`/reports/${id}/download/${format}`);
        assert.equal(res.status, 200, format);
        const back = await loadReport(new Uint8Array(await res.arrayBuffer()));
        assert.deepEqual(back, stored2, `${format} reads back to the stored JSON`);
      }
      const bulk = (await (await visitor.get('/reports/bulk/2025.json')).json()) as {
        count: number;
        reports: Report[];
      };
      assert.equal(bulk.count, 1);
      assert.deepEqual(bulk.reports[0], stored2);

      // Replay of a step with the old version: a conflict, nothing changes.
      assert.equal(
        (await head.postForm(`/staff/reports/${id}/publish`, { version: String(published.version - 1) })).status,
        409,
      );
    });

    it('attacks: another agency’s report is not found, wrong role forbidden, no CSRF refused', async () => {
      const other = new TestClient(t.app);
      await other.login('rongxiang.chengban');
      await other.page('/staff/reports');
      const own = await other.postForm('/staff/reports/draft', { agencyId: rongxiang, year: '2025' });
      const rid = reportIdFrom(own);
      // Drafting for another agency.
      assert.equal((await other.postForm('/staff/reports/draft', { agencyId: bgs, year: '2024' })).status, 404);
      const bgsReport = await t.database.open.db
        .selectFrom('annual_reports')
        .select('id')
        .where('agency_id', '=', bgs)
        .executeTakeFirstOrThrow();
      assert.equal((await other.get(`/staff/reports/${bgsReport.id}`)).status, 404);
      assert.equal((await other.get(`/staff/reports/${bgsReport.id}/download/json`)).status, 404);
      assert.equal(
        (
          await other.postForm(`/staff/reports/${bgsReport.id}/text`, {
            version: '1',
            s1: 'x',
            s2: '',
            s3: '',
            s4: '',
            s5: '',
            s6: '',
          })
        ).status,
        404,
      );
      // No CSRF token.
      assert.equal((await other.postForm(`/staff/reports/${rid}/submit`, { version: '1' }, false)).status, 403);
      // A handler cannot review.
      assert.equal(
        (await other.postForm(`/staff/reports/${rid}/review`, { version: '1', verdict: 'cleared' })).status,
        403,
      );
      // Malformed input.
      assert.equal((await other.postForm('/staff/reports/draft', { agencyId: rongxiang, year: 'abc' })).status, 422);
      // The public cannot see a draft.
      assert.equal((await new TestClient(t.app).get(`/reports/${rid}`)).status, 404);
    });
  });
}
