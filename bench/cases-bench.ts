/**
 * 依申请公开 (issue 7), BENCH_ONLY=cases:
 * - table 3 (+ table 4, fees) of one agency with 100 000 cases through caseTablesFor, beside a plain count(*) of
 *   the agency's cases (the reference: the least any computation over them must pay) in the same run;
 * - the staff case list (status / due-date filters, 50 per page) p95 at 100 000 cases, beside the p95 of a
 *   primary-key lookup of one case in the same run.
 * - the district: 200 agencies under one supervising government with 1 000 000 cases over 2021–2026
 *   (bench/bench-district.ts): tables 3 and 4 of 2025 for the whole subtree (target ≤ 2 s on PostgreSQL, ≤ 5 s
 *   on SQLite) beside a count(*) of the subtree's cases, and the staff list p95 at 1 000 000 cases for the
 *   supervisor (whole subtree) and for the largest agency, beside a primary-key lookup.
 * On SQLite, and on PostgreSQL when GONGKAI_TEST_PG_URL is set. BENCH_CASES changes the one-agency count,
 * BENCH_DISTRICT_CASES the district's (0 leaves the district out), BENCH_DISTRICT_AGENCIES its agencies.
 */
import { defaultCalendar } from '../src/core/calendar/default-calendar.ts';
import {
  countCases,
  insertCases,
  listCases,
  type CaseListQuery,
} from '../src/db/repositories/cases/case-repository.ts';
import type { AgencyFilter } from '../src/db/repositories/platform/agency-filter.ts';
import type { Db } from '../src/db/schema.ts';
import { listAgencies } from '../src/db/repositories/platform/agency-repository.ts';
import { ephemeralDataKeyring } from '../src/security/field-cipher.ts';
import { caseTablesFor } from '../src/use-cases/cases/case-tables-for.ts';
import { generateCases } from '../src/use-cases/cases/demo-case-generator.ts';
import { prepareDatabase } from '../src/use-cases/platform/prepare-database.ts';
import { createTestDatabase, pgAdminUrl } from '../test/db/test-databases.ts';
import type { Dialect } from '../src/db/open-database.ts';
import type { BenchRow } from './bench-row.ts';
import { addBenchDistrict, loadCases } from './bench-district.ts';

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
    if (dialect === 'postgres') await t.open.pgPool!.query('VACUUM ANALYZE cases');

    const tables: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < 5; i++) {
      reads.push(await timed(() => countCases(t.open.db, { kind: 'agency', agencyId: agency.id }, {})));
      tables.push(await timed(() => caseTablesFor(t.open.db, [agency.id], 2026)));
    }
    const { list, pk } = await listTimes(
      t.open.db,
      { kind: 'agency', agencyId: agency.id },
      (i) => rows[i % rows.length]!.id,
    );
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

/** The staff list's filters (status, open, overdue, due soon, a later page), 50 per page, as staff use them. */
const LIST_FILTERS: Omit<CaseListQuery, 'limit' | 'offset'>[] = [
  { open: true },
  { statuses: ['answered'] },
  { overdueOn: '2026-11-20' },
  { dueBy: '2026-11-27' },
  { statuses: ['inProgress'] },
  {},
];

/** 200 list pages through the filters, and 200 primary-key reads of random cases (the reference). */
async function listTimes(
  db: Db,
  filter: AgencyFilter,
  someId: (i: number) => string,
): Promise<{ list: number[]; pk: number[] }> {
  const list: number[] = [];
  const pk: number[] = [];
  for (let i = 0; i < 200; i++) {
    const f = LIST_FILTERS[i % LIST_FILTERS.length]!;
    // Every fourth page is page 11 (offset 500): staff do page on.
    const offset = i % 4 === 3 ? 500 : 0;
    list.push(await timed(() => listCases(db, filter, { limit: 50, offset, ...f })));
    const id = someId(i * 7919);
    pk.push(await timed(() => db.selectFrom('cases').selectAll().where('id', '=', id).execute()));
  }
  return { list, pk };
}

/** Issue 7's district: tables 3+4 of a subtree of `agencyCount` agencies holding `count` cases; the list at that size. */
async function benchDistrict(dialect: Dialect, count: number, agencyCount: number): Promise<BenchRow[]> {
  const t = await createTestDatabase(dialect);
  try {
    const now = () => new Date('2026-11-20T02:00:00.000Z');
    await prepareDatabase(t.open, now, { demo: false, auditKeys: t.auditKeys });
    const { home, agencies } = await addBenchDistrict(t.open.db, agencyCount);
    let sizes = new Map<string, number>();
    const loadMs = await timed(async () => (sizes = await loadCases(t.open.db, agencies, count)));
    // The steady state autovacuum reaches after a bulk load (PostgreSQL ≥ 13 vacuums after many inserts): the
    // visibility map set, so that the covering indexes are read without visiting the table — and the 200 new
    // agencies analysed (autovacuum's threshold is 50 rows): without their statistics the planner takes the
    // subtree's path LIKE for one agency and sorts the whole district for a later page (1.4 s instead of 12 ms).
    if (dialect === 'postgres') {
      await t.open.pgPool!.query('VACUUM ANALYZE cases');
      await t.open.pgPool!.query('ANALYZE agencies');
    }
    const ids = agencies.map((a) => a.id);
    const subtree = { kind: 'subtree' as const, path: home.path };

    const tables: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < 5; i++) {
      reads.push(await timed(() => countCases(t.open.db, subtree, {})));
      tables.push(await timed(() => caseTablesFor(t.open.db, ids, 2025)));
    }
    const caseIds = (
      await t.open.db.selectFrom('cases').select('id').where('id', 'like', 'bench-a00%').limit(5000).execute()
    ).map((r) => r.id);
    const someId = (i: number) => caseIds[i % caseIds.length]!;
    const supervisor = await listTimes(t.open.db, subtree, someId);
    const largest = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
    const single = await listTimes(t.open.db, { kind: 'agency', agencyId: largest[0] }, someId);

    const n = count.toLocaleString('en');
    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const limit = dialect === 'sqlite' ? 5000 : 2000;
    const tableMs = quantile(tables, 0.5);
    const listRow = (who: string, r: { list: number[]; pk: number[] }): BenchRow => {
      const p95 = quantile(r.list, 0.95);
      return {
        name: `${label}：${who}申请列表（状态/期限筛选，每页50件，共 ${n} 件）p95`,
        value: p95,
        unit: 'ms',
        target: '≤ 50 ms',
        reference: `中位数 ${quantile(r.list, 0.5).toFixed(1)} ms；按主键读取一件 p95 ${quantile(r.pk, 0.95).toFixed(2)} ms`,
        ok: p95 <= 50,
      };
    };
    return [
      { name: `${label}：载入 ${n} 件申请（${agencyCount} 个机关，2021–2026 年）`, value: loadMs / 1000, unit: 's' },
      {
        name: `${label}：全区 ${agencyCount} 个机关表三、表四及收费（caseTablesFor，2025 年，中位数）`,
        value: tableMs,
        unit: 'ms',
        target: `≤ ${limit} ms`,
        reference: `全区申请计数 count(*) ${quantile(reads, 0.5).toFixed(0)} ms`,
        ok: tableMs <= limit,
      },
      listRow('监督机关（全区）', supervisor),
      listRow(`单个机关（最大，${largest[1].toLocaleString('en')} 件）`, single),
    ];
  } finally {
    await t.dispose();
  }
}

export async function runCasesBench(): Promise<BenchRow[]> {
  const count = Number(process.env.BENCH_CASES ?? 100_000);
  const district = Number(process.env.BENCH_DISTRICT_CASES ?? 1_000_000);
  const agencies = Number(process.env.BENCH_DISTRICT_AGENCIES ?? 200);
  const dialects: Dialect[] = pgAdminUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
  const rows: BenchRow[] = [];
  for (const dialect of dialects) {
    if (count > 0) rows.push(...(await benchDialect(dialect, count)));
    if (district > 0) rows.push(...(await benchDistrict(dialect, district, agencies)));
  }
  return rows;
}
