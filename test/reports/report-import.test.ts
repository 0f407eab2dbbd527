import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { Report2021 } from '../../src/core/report/report-schema.ts';
import { insertAgency } from '../../src/db/repositories/platform/agency-repository.ts';
import { plainAgency } from '../../src/use-cases/platform/plain-agency.ts';
import { prepareGraphileQueue } from '../../src/jobs/graphile-job-runner.ts';
import { backgroundWork } from '../../src/jobs/background-work.ts';
import { startJobRunner } from '../../src/jobs/start-job-runner.ts';
import { sampleReport } from '../../src/use-cases/reports/sample-report.ts';
import { renderReport } from '../../src/writers/render-report.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';
import { testDialects } from '../db/test-databases.ts';

const quiet = { info() {}, warn() {}, error() {} };
/** Reports the crash test imports (issue 9: "killing the server during an import of 1,000 reports"). */
const IMPORTED = 1000;

const boundary = '----gongkai-report-import';
const enc = new TextEncoder();

function multipart(
  fields: Record<string, string>,
  files: { name: string; field: string; data: Uint8Array }[],
): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      enc.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      enc.encode('\r\n'),
    );
  }
  parts.push(enc.encode(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

const postMultipart = (
  client: TestClient,
  path: string,
  fields: Record<string, string>,
  files: Parameters<typeof multipart>[1],
) =>
  client.request('POST', path, {
    body: multipart(fields, files),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });

async function until(cond: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const dialect of testDialects()) {
  describe(`importing published reports (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      if (t.database.open.pgPool) await prepareGraphileQueue(t.database.open.pgPool);
    });
    after(() => t.close());

    it('a server killed during an import of 1,000 reports: after restart the job finishes, each stored exactly once', async () => {
      const db = t.database.open.db;
      const agencies = await db.selectFrom('agencies').select(['id', 'name', 'path']).orderBy('path').execute();
      const district = agencies.find((a) => a.name === '无锡市滨湖区人民政府')!;
      const subtree = agencies.filter((a) => a.path.startsWith(district.path));
      // Two years per agency of the district, in every format the core reads; a ZIP of some; a duplicate; junk.
      const files: { name: string; field: string; data: Uint8Array }[] = [];
      const zip = new JSZip();
      const formats = ['docx', 'xlsx', 'html', 'txt', 'pdf'] as const;
      let seed = 1;
      for (const a of subtree) {
        let previous: Report2021 | undefined;
        for (const year of [2024, 2025]) {
          const report = sampleReport(seed++, a.name, year, previous);
          previous = report;
          const format = formats[seed % formats.length]!;
          const data = format === 'txt' ? enc.encode(JSON.stringify(report)) : await renderReport(report, format);
          const name = `${a.name}${year}.${format === 'txt' ? 'json' : format}`;
          if (seed % 4 === 0) zip.file(name, data);
          else files.push({ name, field: 'files', data });
        }
      }
      // The rest of the 1,000: up to five years (2021–2025) each of more agencies of the district, as published
      // text, in a second ZIP — a district starting with its agencies' past reports.
      const archive = new JSZip();
      let remaining = IMPORTED - subtree.length * 2;
      let with2025 = subtree.length;
      for (let i = 0; remaining > 0; i++) {
        const id = `import-a${String(i).padStart(3, '0')}`;
        const name = `无锡市滨湖区测试${i + 1}局`;
        const code = `11320211TEST${String(i).padStart(6, '0')}`;
        const agency = plainAgency({ id, parent: district, name, code, kind: 'department', sortOrder: 100 + i });
        await insertAgency(db, agency, new Date().toISOString());
        let previous: Report2021 | undefined;
        for (let year = 2021; year <= 2025 && remaining > 0; year++, remaining--) {
          const report = sampleReport(seed++, name, year, previous);
          previous = report;
          if (year === 2025) with2025++;
          archive.file(`${name}/${year}.txt`, await renderReport(report, 'txt'));
        }
      }
      const expected = IMPORTED;
      files.push({ name: 'reports.zip', field: 'files', data: await zip.generateAsync({ type: 'uint8array' }) });
      files.push({ name: '历年年报.zip', field: 'files', data: await archive.generateAsync({ type: 'uint8array' }) });
      files.push({ name: '重复.docx', field: 'files', data: files[0]!.data });
      files.push({ name: '说明.txt', field: 'files', data: enc.encode('这不是一份年度报告。\n') });

      const supervisor = new TestClient(t.app);
      await supervisor.login('jiandu');
      await supervisor.page('/staff/supervision/imports');
      // Without the CSRF token: refused before any file is stored.
      assert.equal((await postMultipart(supervisor, '/staff/supervision/imports', {}, files.slice(0, 1))).status, 403);
      const res = await postMultipart(
        supervisor,
        '/staff/supervision/imports',
        { _csrf: supervisor.csrf, year: '', agencyId: '' },
        files,
      );
      assert.equal(res.status, 303, await res.text());
      const taskId = /imports\/([^/?]+)$/.exec(res.headers.get('location')!)![1]!;

      // A "server" that is killed with SIGKILL while it works through the files.
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/reports/import-runner-child.ts'], {
        env: { ...process.env, IMPORT_DB_URL: t.database.url, ...t.database.auditKeyEnv },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const settled = async () =>
        Number(
          (
            await db
              .selectFrom('report_import_files')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('task_id', '=', taskId)
              .where('status', '!=', 'pending')
              .executeTakeFirstOrThrow()
          ).n,
        );
      await until(async () => (await settled()) >= 100, 120_000);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const atKill = await settled();
      const totalFiles = Number(
        (
          await db
            .selectFrom('report_import_files')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('task_id', '=', taskId)
            .executeTakeFirstOrThrow()
        ).n,
      );
      assert.ok(atKill < totalFiles, `killed mid-way (${atKill} of ${totalFiles} settled)`);

      // Restart: the dead worker's job is released and run again to the end.
      const work = backgroundWork({ db, clock: () => new Date(), logger: quiet, auditKeys: t.database.auditKeys });
      const runner = await startJobRunner({
        database: t.database.open,
        tasks: work.tasks,
        logger: quiet,
        pollMs: 30,
        heartbeatMs: 100,
        staleAfterMs: 400,
      });
      try {
        await until(
          async () =>
            (
              await db
                .selectFrom('background_tasks')
                .select('status')
                .where('id', '=', taskId)
                .executeTakeFirstOrThrow()
            ).status === 'done',
          120_000,
        );
      } finally {
        await runner.stop();
      }
      const rows = await db.selectFrom('report_import_files').selectAll().where('task_id', '=', taskId).execute();
      assert.equal(rows.filter((r) => r.status === 'pending').length, 0);
      const stored = rows.filter((r) => r.status === 'stored');
      assert.equal(
        stored.length,
        expected,
        JSON.stringify(rows.filter((r) => r.status === 'failed').map((r) => [r.name, r.message])),
      );
      assert.equal(rows.filter((r) => r.status === 'duplicate').length, 1);
      assert.deepEqual(
        rows.filter((r) => r.status === 'failed').map((r) => r.name),
        ['说明.txt'],
      );
      const imported = await db.selectFrom('annual_reports').selectAll().where('origin', '=', 'imported').execute();
      assert.equal(imported.length, expected, 'each report stored once');
      assert.equal(new Set(imported.map((r) => `${r.agency_id}/${r.year}`)).size, expected);
      assert.ok(imported.every((r) => r.state === 'published'));
      // Year over year: the 2025 reports were compared with 2024 (X1 holds by construction here: no error).
      assert.equal(
        imported.filter((r) => r.error_count > 0).length,
        0,
        imported.map((r) => r.findings_json).join('\n'),
      );
      const task = await db
        .selectFrom('background_tasks')
        .selectAll()
        .where('id', '=', taskId)
        .executeTakeFirstOrThrow();
      assert.equal(task.done, expected + 1);
      assert.equal(task.failed, 1);

      // Uploading the same files again stores nothing new.
      await supervisor.page('/staff/supervision/imports');
      const again = await postMultipart(
        supervisor,
        '/staff/supervision/imports',
        { _csrf: supervisor.csrf },
        files.slice(0, 3),
      );
      assert.equal(again.status, 303);

      // The progress page, the dashboard and a review memo.
      const page = await (await supervisor.get(`/staff/supervision/imports/${taskId}`)).text();
      assert.match(page, /已完成/);
      const dash = await (await supervisor.get('/staff/supervision?year=2025')).text();
      assert.match(dash, /<svg[^>]*role="img"/);
      assert.match(dash, /（导入）/);
      assert.doesNotMatch(dash, / style="/);
      const memo = await supervisor.get(`/staff/reports/${imported[0]!.id}/memo/docx`);
      assert.equal(memo.status, 200);
      assert.equal(
        memo.headers.get('content-type'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      const consolidated = await (await supervisor.get('/staff/supervision/consolidated?year=2025')).text();
      assert.match(consolidated, new RegExp(`汇总了${with2025}个机关`));
      const json = await supervisor.get('/staff/supervision/consolidated/download/json?year=2025');
      assert.equal(json.status, 200);

      // Not for staff without the supervisor role.
      const handler = new TestClient(t.app);
      await handler.login('bgs.chengban');
      assert.equal((await handler.get('/staff/supervision')).status, 403);
      assert.equal((await handler.get(`/staff/supervision/imports/${taskId}`)).status, 404);
      await handler.page('/staff/reports');
      assert.equal(
        (await postMultipart(handler, '/staff/supervision/imports', { _csrf: handler.csrf }, files.slice(0, 1))).status,
        403,
      );
    });
  });
}
