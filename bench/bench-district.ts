/**
 * A benchmark district: a supervising government with `count` subordinate agencies, and many cases loaded fast.
 * Shared by the cases benchmark (issue 7: 200 agencies, 1 000 000 cases) and the reports benchmark (issue 9:
 * drafting from 100 000 cases, the dashboard of 200 agencies).
 *
 * Loading: a few thousand real histories per year (2021–2026, validated by the core state machine) are inserted
 * once into a staging agency outside the district through the repository (insertCases), then copied into the
 * district's agencies with INSERT … SELECT in one transaction per agency — each agency a different slice of the
 * source, so the agencies differ in size and mix. The staging rows are deleted at the end.
 */
import { sql } from 'kysely';
import { defaultCalendar } from '../src/core/calendar/default-calendar.ts';
import { insertCases } from '../src/db/repositories/cases/case-repository.ts';
import { insertAgency } from '../src/db/repositories/platform/agency-repository.ts';
import type { AgencyRow, CaseRow, Db } from '../src/db/schema.ts';
import { ephemeralDataKeyring } from '../src/security/field-cipher.ts';
import { plainAgency } from '../src/use-cases/platform/plain-agency.ts';
import { generateCases } from '../src/use-cases/cases/demo-case-generator.ts';

const AT = '2026-11-20T02:00:00.000Z';

/** An agency with only what the benchmarks need (code unique by `i`). */
function benchAgency(db: Db, id: string, parent: AgencyRow | null, name: string, kind: string, i: number) {
  return insertAgency(
    db,
    plainAgency({ id, parent, name, code: `11320299BENCH${String(i).padStart(5, '0')}`, kind, sortOrder: i }),
    AT,
  );
}

/** `count` agencies under `parent`, or under a new district government ('district') when none is given (`home`). */
export async function addBenchDistrict(
  db: Db,
  count: number,
  parent?: AgencyRow,
): Promise<{ home: AgencyRow; agencies: AgencyRow[] }> {
  const home = parent ?? (await benchAgency(db, 'bench-district', null, '基准区人民政府办公室', 'district', 0));
  const agencies: AgencyRow[] = [];
  for (let i = 1; i <= count; i++)
    agencies.push(
      await benchAgency(db, `bench-a${String(i).padStart(3, '0')}`, home, `基准区第${i}局`, 'department', i),
    );
  return { home, agencies };
}

/**
 * Real histories for one agency: `perYear` received in each year 2021–2025 (complete histories: cases still open
 * when generated are left out, so old years do not pile up open work, but cases answered early the next year stay
 * — carry-over) and `perYear` over the twelve months before 2026-11-20 as they stand (open, overdue, paused …).
 */
function sourceRows(agencyId: string, perYear: number): CaseRow[] {
  const rows: CaseRow[] = [];
  for (let year = 2021; year <= 2026; year++) {
    const current = year === 2026;
    const generated = generateCases({
      keys: ephemeralDataKeyring(),
      calendar: defaultCalendar(),
      agencies: [{ id: agencyId, handlers: [], head: '负责人' }],
      perAgency: perYear,
      today: current ? '2026-11-20' : `${year + 1}-02-28`,
      at: AT,
      seed: year,
      sealEach: false,
      eventRows: false,
    }).rows;
    for (const r of generated)
      if (current || r.open_rank === 1)
        rows.push({ ...r, id: `s${year}-${r.id}`, tracking_code: `YS${year}${r.tracking_code}` });
  }
  return rows;
}

/**
 * Loads `total` cases into `agencies`, unevenly (sizes from 0.4× to 1.6× the mean, summing exactly to `total`).
 * Returns the number loaded per agency id.
 */
export async function loadCases(db: Db, agencies: readonly AgencyRow[], total: number): Promise<Map<string, number>> {
  const mean = total / agencies.length;
  const weights = agencies.map((_, i) => 0.4 + ((i * 37) % 61) / 50);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * total));
  sizes[0]! += total - sizes.reduce((a, b) => a + b, 0);

  const staging = await benchAgency(db, 'bench-source', null, '基准数据来源', 'department', 99999);
  const source = sourceRows(staging.id, Math.max(500, Math.min(3000, Math.ceil(mean / 5))));
  await db.transaction().execute((trx) => insertCases(trx, source, []));
  const columns = Object.keys(source[0]!) as (keyof CaseRow)[];
  const loaded = new Map<string, number>();
  for (const [i, agency] of agencies.entries()) {
    let left = sizes[i]!;
    for (let round = 0; left > 0; round++) {
      const n = Math.min(left, source.length);
      const offset = (i * 7919 + round * 104729) % (source.length - n + 1);
      const prefix = `${agency.id}.${round}.`;
      await db.transaction().execute((trx) =>
        trx
          .insertInto('cases')
          .columns(columns)
          .expression(
            trx
              .selectFrom('cases')
              .select(
                columns.map((c) =>
                  c === 'id' || c === 'tracking_code'
                    ? sql<string>`${prefix} || ${sql.ref(c)}`.as(c)
                    : c === 'agency_id'
                      ? sql<string>`cast(${agency.id} as text)`.as(c)
                      : sql.ref(c).as(c),
                ),
              )
              .where('agency_id', '=', staging.id)
              .orderBy('id')
              .limit(n)
              .offset(offset),
          )
          .execute(),
      );
      left -= n;
    }
    loaded.set(agency.id, sizes[i]!);
  }
  await db.deleteFrom('cases').where('agency_id', '=', staging.id).execute();
  return loaded;
}
