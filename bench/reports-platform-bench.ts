/**
 * 年度报告 on the platform (issue 9), BENCH_ONLY=reports, on SQLite and on PostgreSQL when GONGKAI_TEST_PG_URL is
 * set, in the demo district with 200 more agencies under its government (bench/bench-district.ts):
 * - drafting (draftAnnualReport: tables 3/4 from the cases, table 2, sections, checks, stored and audited) of an
 *   agency with 100 000 cases, beside caseTablesFor alone for the same agency (the records' share);
 * - the supervision dashboard (GET /staff/supervision in-process: session, use-case, ECharts SVG, page) for the
 *   district's 200 agencies with five years of reports, 2025 in every state — server time, beside GET /staff;
 * - importing 1 000 published reports (200 agencies × 2021–2025; HTML, DOCX, PDF and text in turn) through the
 *   real job runner (startReportImport, then `reports.import` under startJobRunner) — wall time from the stored
 *   upload to the finished task, beside reading + checking the files in a plain loop on one core (checkInput).
 * BENCH_REPORT_CASES, BENCH_REPORT_AGENCIES and BENCH_IMPORT_REPORTS change the sizes (0 leaves the part out).
 */
import { cpus } from 'node:os';
import type { Report2021 } from '../src/core/report/report-schema.ts';
import { prepareGraphileQueue } from '../src/jobs/graphile-job-runner.ts';
import { backgroundWork } from '../src/jobs/background-work.ts';
import { startJobRunner } from '../src/jobs/start-job-runner.ts';
import { DatabaseBlobStore } from '../src/db/repositories/files/database-blob-store.ts';
import { findUserByLogin } from '../src/db/repositories/platform/user-repository.ts';
import { insertReport } from '../src/db/repositories/reports/report-repository.ts';
import type { AgencyRow, Db } from '../src/db/schema.ts';
import type { Dialect } from '../src/db/open-database.ts';
import { caseTablesFor } from '../src/use-cases/cases/case-tables-for.ts';
import { actorFromUser } from '../src/use-cases/platform/actor-from-user.ts';
import { defaultSecurity, type UseCaseContext } from '../src/use-cases/platform/context.ts';
import { draftAnnualReport } from '../src/use-cases/reports/draft-annual-report.ts';
import { checkInput } from '../src/use-cases/reports/load-report.ts';
import { sampleReport } from '../src/use-cases/reports/sample-report.ts';
import { startReportImport } from '../src/use-cases/reports/start-report-import.ts';
import { renderReport } from '../src/writers/render-report.ts';
import { renderReportText } from '../src/writers/render-text.ts';
import { pgAdminUrl } from '../test/db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../test/server/test-app.ts';
import type { BenchRow } from './bench-row.ts';
import { addBenchDistrict, loadCases } from './bench-district.ts';
import { median } from './report-bench.ts';

const quiet = { info() {}, warn() {}, error() {} };
const YEARS = [2021, 2022, 2023, 2024, 2025];

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function medianOf(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f(); // warm-up: lazy modules, JIT, the database's cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(f));
  return median(times);
}

/** The demo district's government (the supervisor 监督 works there) and 200 more agencies under it. */
export async function district(t: TestApp, count: number): Promise<{ home: AgencyRow; agencies: AgencyRow[] }> {
  const db = t.database.open.db;
  const jiandu = (await findUserByLogin(db, 'jiandu'))!;
  const home = (await db.selectFrom('agencies').selectAll().where('id', '=', jiandu.agency_id).executeTakeFirst())!;
  return addBenchDistrict(db, count, home);
}

/** Each agency's published reports of 2021–2024 (chained, so X1 holds) and 2025 in every state, or none. */
export async function addReports(db: Db, agencies: readonly AgencyRow[]): Promise<void> {
  const at = '2026-11-20T02:00:00.000Z';
  const states = ['none', 'draft', 'submitted', 'returned', 'cleared', 'published', 'late'] as const;
  await db.transaction().execute(async (trx) => {
    for (const [i, agency] of agencies.entries()) {
      let previous: Report2021 | undefined;
      for (const year of YEARS) {
        const report = sampleReport(i * 10 + year, agency.name, year, previous);
        previous = report;
        const state = year < 2025 ? 'published' : states[i % states.length]!;
        if (state === 'none') continue;
        await insertReport(trx, {
          id: `bench-r-${agency.id}-${year}`,
          agency_id: agency.id,
          year,
          state: state === 'late' ? 'published' : state,
          origin: year < 2024 ? 'imported' : 'drafted',
          report_json: JSON.stringify(report),
          findings_json: '[]',
          error_count: state === 'draft' ? 1 : 0,
          warning_count: i % 3,
          deadline: `${year + 1}-01-31`,
          late: state === 'late' ? 1 : 0,
          content_hash: null,
          source_name: null,
          source_sha256: null,
          submitted_at: state === 'draft' ? null : at,
          cleared_at: null,
          published_at: state === 'published' || state === 'late' ? at : null,
          version: 1,
          created_at: at,
          updated_at: at,
        });
      }
    }
  });
}

async function draftAndDashboard(dialect: Dialect, caseCount: number, agencyCount: number): Promise<BenchRow[]> {
  const t = await createTestApp(dialect);
  try {
    const db = t.database.open.db;
    const { agencies } = await district(t, agencyCount);
    const target = agencies[0]!;
    await loadCases(db, [target], caseCount);
    await addReports(db, agencies);
    // As autovacuum leaves it after a bulk load (see cases-bench.ts).
    if (dialect === 'postgres') await t.database.open.pgPool!.query('VACUUM ANALYZE cases');
    const ctx: UseCaseContext = {
      db,
      clock: () => t.clock.now,
      actor: {
        id: 'bench-handler',
        login: 'bench-handler',
        displayName: '基准承办人',
        agencyId: target.id,
        agencyPath: target.path,
        roles: ['handler'],
      },
      ip: '127.0.0.1',
      security: defaultSecurity,
      auditKeys: t.database.auditKeys,
    };
    const draftMs = await medianOf(5, () =>
      draftAnnualReport(ctx, { agencyId: target.id, year: 2025, resetText: false }),
    );
    const tablesMs = await medianOf(5, () => caseTablesFor(db, [target.id], 2025));

    const client = new TestClient(t.app);
    await client.login('jiandu');
    const page = async (path: string) => {
      const { res } = await client.page(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    };
    const dashboardMs = await medianOf(9, () => page('/staff/supervision?year=2025'));
    const staffHomeMs = await medianOf(9, () => page('/staff'));
    const jiandu = actorFromUser((await findUserByLogin(db, 'jiandu'))!);
    const { supervisionDashboard } = await import('../src/use-cases/reports/supervision-dashboard.ts');
    const useCaseMs = await medianOf(9, () => supervisionDashboard({ ...ctx, actor: jiandu }, 2025));

    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const n = caseCount.toLocaleString('en');
    return [
      {
        name: `${label}：起草一个机关的 2025 年度报告（draftAnnualReport，${n} 件申请，中位数）`,
        value: draftMs,
        unit: 'ms',
        target: '≤ 2000 ms',
        reference: `其中表三、表四（caseTablesFor）单独 ${tablesMs.toFixed(0)} ms`,
        ok: draftMs <= 2000,
      },
      {
        name: `${label}：监督看板 GET /staff/supervision（${agencyCount} 个机关＋演示机关，5 个年度共约 ${agencyCount * 5} 份报告，服务端中位数）`,
        value: dashboardMs,
        unit: 'ms',
        target: '≤ 1000 ms',
        reference: `其中用例 supervisionDashboard ${useCaseMs.toFixed(0)} ms；工作台首页 GET /staff ${staffHomeMs.toFixed(0)} ms`,
        ok: dashboardMs <= 1000,
      },
    ];
  } finally {
    await t.close();
  }
}

const FORMATS = ['html', 'docx', 'pdf', 'txt'] as const;
const KINDS = {
  html: ['html', 'text/html'],
  docx: ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  pdf: ['pdf', 'application/pdf'],
  txt: ['text', 'text/plain'],
} as const;

/** `count` published reports of the district's agencies (five years each, chained), in the four formats in turn. */
async function reportFiles(agencies: readonly AgencyRow[], count: number) {
  const files: { name: string; format: (typeof FORMATS)[number]; bytes: Uint8Array }[] = [];
  for (const [i, agency] of agencies.entries()) {
    let previous: Report2021 | undefined;
    for (const year of YEARS) {
      if (files.length >= count) return files;
      const report = sampleReport(i * 10 + year, agency.name, year, previous);
      previous = report;
      const format = FORMATS[files.length % FORMATS.length]!;
      const bytes =
        format === 'txt' ? new TextEncoder().encode(renderReportText(report)) : await renderReport(report, format);
      files.push({ name: `${agency.name}${year}年政府信息公开工作年度报告.${format}`, format, bytes });
    }
  }
  return files;
}

let generated: Awaited<ReturnType<typeof reportFiles>> | undefined;

async function importReports(dialect: Dialect, count: number, agencyCount: number): Promise<BenchRow[]> {
  const t = await createTestApp(dialect);
  try {
    const open = t.database.open;
    const db = open.db;
    if (open.pgPool) await prepareGraphileQueue(open.pgPool);
    const { agencies } = await district(t, Math.max(agencyCount, Math.ceil(count / YEARS.length)));
    // The same files for every database (generating a PDF costs as much as reading it).
    const files = (generated ??= await reportFiles(agencies, count));
    const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
    // The reference: reading and checking in a plain loop on one core, nothing stored — 100 of the files (25 of
    // each format), scaled to the whole batch.
    const sample = files.slice(0, Math.min(100, files.length));
    const readMs =
      ((await timed(async () => {
        for (const f of sample) await checkInput(f.bytes, {});
      })) *
        files.length) /
      sample.length;

    const jiandu = actorFromUser((await findUserByLogin(db, 'jiandu'))!);
    const ctx: UseCaseContext = {
      db,
      clock: () => new Date(),
      actor: jiandu,
      ip: '127.0.0.1',
      security: defaultSecurity,
      auditKeys: t.database.auditKeys,
    };
    const store = new DatabaseBlobStore(db);
    const refs: { name: string; sha256: string }[] = [];
    const uploadMs = await timed(async () => {
      for (const f of files) {
        const w = store.begin();
        await w.write(f.bytes);
        const [kind, mediaType] = KINDS[f.format];
        refs.push({ name: f.name, sha256: (await w.commit({ kind, mediaType })).sha256 });
      }
    });
    const work = backgroundWork({ db, clock: () => new Date(), logger: quiet, auditKeys: t.database.auditKeys });
    const runner = await startJobRunner({ database: open, tasks: work.tasks, logger: quiet, pollMs: 50 });
    let taskId = '';
    let status = '';
    const jobMs = await timed(async () => {
      taskId = await startReportImport(ctx, { agencyId: '' }, refs);
      for (;;) {
        const task = await db.selectFrom('background_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
        status = task?.status ?? '';
        if (status === 'done' || status === 'failed') break;
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await runner.stop();
    const settled = await db
      .selectFrom('report_import_files')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('task_id', '=', taskId)
      .groupBy('status')
      .execute();
    const by = Object.fromEntries(settled.map((r) => [r.status, Number(r.n)]));
    const stored = by['stored'] ?? 0;
    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    return [
      {
        name: `${label}：导入 ${count} 份已公开年报（HTML/DOCX/PDF/文本各四分之一，${(bytes / 2 ** 20).toFixed(0)} MB，reports.import 作业，${cpus().length} 核）`,
        value: jobMs / 1000,
        unit: 's',
        target: '≤ 30 s',
        reference: `存入 ${stored}，其余 ${JSON.stringify(by)}；单核逐个读取+检查约 ${(readMs / 1000).toFixed(1)} s（按其中 ${sample.length} 份推算）；上传存储 ${(uploadMs / 1000).toFixed(1)} s（不计入）`,
        ok: jobMs <= 30_000 && stored === count && status === 'done',
      },
    ];
  } finally {
    await t.close();
  }
}

/** Each figure as soon as it is measured: a long run that is stopped still leaves what it measured. */
function printed(rows: BenchRow[]): BenchRow[] {
  for (const r of rows) process.stdout.write(`${r.name}: ${r.value.toFixed(1)} ${r.unit}（${r.reference ?? ''}）\n`);
  return rows;
}

export async function runReportsPlatformBench(): Promise<BenchRow[]> {
  const cases = Number(process.env.BENCH_REPORT_CASES ?? 100_000);
  const agencies = Number(process.env.BENCH_REPORT_AGENCIES ?? 200);
  const imports = Number(process.env.BENCH_IMPORT_REPORTS ?? 1000);
  const dialects: Dialect[] = pgAdminUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
  const rows: BenchRow[] = [];
  for (const dialect of dialects) {
    if (cases > 0) rows.push(...printed(await draftAndDashboard(dialect, cases, agencies)));
    if (imports > 0) rows.push(...printed(await importReports(dialect, imports, agencies)));
  }
  return rows;
}
