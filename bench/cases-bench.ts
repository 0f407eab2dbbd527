/**
 * 依申请公开 (issue 7), BENCH_ONLY=cases:
 * - table 3 (+ table 4, fees) of one agency with 100 000 cases through caseTablesFor, beside a plain count(*) of
 *   the agency's cases (the reference: the least any computation over them must pay) in the same run;
 * - the staff case list (status / due-date filters, 50 per page) p95 at 100 000 cases, beside the p95 of a
 *   primary-key lookup of one case in the same run.
 * On SQLite, and on PostgreSQL when GONGKAI_TEST_PG_URL is set. BENCH_CASES changes the count.
 */
import { defaultCalendar } from '../src/core/calendar/default-calendar.ts';
import { countCases, insertCases, listCases } from '../src/db/repositories/cases/case-repository.ts';
import { listAgencies } from '../src/db/repositories/platform/agency-repository.ts';
import { ephemeralDataKeyring } from '../src/security/field-cipher.ts';
import { caseTablesFor } from '../src/use-cases/cases/case-tables-for.ts';
import { generateCases } from '../src/use-cases/cases/demo-case-generator.ts';
import { prepareDatabase } from '../src/use-cases/platform/prepare-database.ts';
import { createTestDatabase, pgAdminUrl } from '../test/db/test-databases.ts';
import type { Dialect } from '../src/db/open-database.ts';
import type { BenchRow } from './bench-row.ts';

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function benchDialect(dialect: Dialect, count: number): Promise<BenchRow[]> {
  const t = await createTestDatabase(dialect);
  try {
    const now = () => new Date('2026-11-20T02:00:00.000Z');
    await prepareDatabase(t.open, now, { demo: true, auditKeys: t.auditKeys });
    const agency = (await listAgencies(t.open.db)).find((a) => a.name.includes('荣巷'))!;
    // 2 000 real histories (validated by the core), repeated to `count` rows under new ids.
    const base = generateCases({
      keys: ephemeralDataKeyring(),
      calendar: defaultCalendar(),
      agencies: [{ id: agency.id, handlers: [], head: '负责人' }],
      perAgency: 2000,
      today: '2026-11-20',
      at: now().toISOString(),
      sealEach: false,
      eventRows: false,
    }).rows;
    const rows = Array.from({ length: count }, (_, i) => {
      const b = base[i % base.length]!;
      return { ...b, id: `b${String(i).padStart(8, '0')}`, tracking_code: `YSB${String(i).padStart(9, '0')}` };
    });
    const loadMs = await timed(async () => {
      for (let i = 0; i < rows.length; i += 20_000)
        await t.open.db.transaction().execute((trx) => insertCases(trx, rows.slice(i, i + 20_000), []));
    });
    if (dialect === 'postgres') await t.open.pgPool!.query('ANALYZE cases');

    const tables: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < 5; i++) {
      reads.push(await timed(() => countCases(t.open.db, { kind: 'agency', agencyId: agency.id }, {})));
      tables.push(await timed(() => caseTablesFor(t.open.db, [agency.id], 2026)));
    }
    const filters = [
      { open: true },
      { statuses: ['answered'] },
      { overdueOn: '2026-11-20' },
      { dueBy: '2026-11-27' },
      { open: true, offset: 500 },
    ];
    const list: number[] = [];
    const pk: number[] = [];
    const filter = { kind: 'agency' as const, agencyId: agency.id };
    for (let i = 0; i < 200; i++) {
      const f = filters[i % filters.length]!;
      list.push(await timed(() => listCases(t.open.db, filter, { limit: 50, offset: 0, ...f })));
      const id = rows[(i * 7919) % rows.length]!.id;
      pk.push(await timed(() => t.open.db.selectFrom('cases').selectAll().where('id', '=', id).execute()));
    }
    const n = `${count.toLocaleString('en')}`;
    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const tableMs = quantile(tables, 0.5);
    const listP95 = quantile(list, 0.95);
    return [
      { name: `${label}：载入 ${n} 件申请（一个机关）`, value: loadMs / 1000, unit: 's' },
      {
        name: `${label}：表三、表四及收费（caseTablesFor，${n} 件，中位数）`,
        value: tableMs,
        unit: 'ms',
        target: '≤ 1000 ms',
        reference: `同一机关申请计数 count(*) ${quantile(reads, 0.5).toFixed(0)} ms`,
        ok: tableMs <= 1000,
      },
      {
        name: `${label}：工作人员申请列表（状态/期限筛选，每页50件，${n} 件）p95`,
        value: listP95,
        unit: 'ms',
        target: '≤ 50 ms',
        reference: `按主键读取一件 p95 ${quantile(pk, 0.95).toFixed(2)} ms`,
        ok: listP95 <= 50,
      },
    ];
  } finally {
    await t.dispose();
  }
}

export async function runCasesBench(): Promise<BenchRow[]> {
  const count = Number(process.env.BENCH_CASES ?? 100_000);
  const rows = await benchDialect('sqlite', count);
  if (pgAdminUrl()) rows.push(...(await benchDialect('postgres', count)));
  return rows;
}
