/**
 * Tables 3 and 4 from case records: fixed examples of the counting rules, and a property test — for random
 * histories the tables satisfy I1–I4 (the core checker), carry over between adjacent years (X1), and equal a
 * reference computed differently (a year-by-year simulation of the open cases).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../calendar/iso-date.ts';
import { defaultCalendar } from '../calendar/default-calendar.ts';
import { checkIdentities } from '../check/check-identities.ts';
import { crossYearFindings } from '../check/compare-reports.ts';
import { emptyReport } from '../report/empty-report.ts';
import type { Report2021 } from '../report/report-schema.ts';
import { APPLICANT_TYPES, type ApplicantType } from './applicant-type.ts';
import type { AppealKind, AppealResult } from './case-event.ts';
import { summarizeCase, type CaseSummary } from './case-summary.ts';
import { computeTables } from './compute-tables.ts';
import { OUTCOME_ROWS, type OutcomeRow } from './outcome-row.ts';
import { replayOrThrow } from './replay.ts';

const summary = (
  applicantType: ApplicantType,
  receivedOn: string,
  outcome: [OutcomeRow, string] | null,
  appeals: CaseSummary['appeals'] = [],
): CaseSummary => ({
  applicantType,
  receivedOn,
  outcome: outcome ? { row: outcome[0], date: outcome[1] } : null,
  appeals,
});

describe('counting rules', () => {
  const cases = [
    summary('natural', '2024-12-20', ['granted', '2025-01-10']), // 2025: 二 and 予以公开
    summary('natural', '2024-11-01', ['granted', '2024-12-01']), // finished in 2024: not in 2025 at all
    summary('commercial', '2025-03-01', ['denied4', '2025-03-20']), // 一 and 不予公开 4
    summary('legal', '2025-12-20', ['other3', '2026-01-05']), // 一 and 四
    summary('research', '2025-06-01', null), // 一 and 四
    summary('social', '2023-05-01', null), // 二 and 四
    summary('other', '2026-01-02', null), // next year: nothing
  ];

  it('new, carried over, outcomes by the year they finished, carried forward', () => {
    const { t3 } = computeTables(cases, 2025);
    assert.deepEqual(t3.new, { natural: 0, commercial: 1, research: 1, social: 0, legal: 1, other: 0, total: 3 });
    assert.deepEqual(t3.carriedOver, {
      natural: 1,
      commercial: 0,
      research: 0,
      social: 1,
      legal: 0,
      other: 0,
      total: 2,
    });
    assert.equal(t3.granted.natural, 1);
    assert.equal(t3.denied4.commercial, 1);
    assert.equal(t3.total.total, 2);
    assert.deepEqual(t3.carryForward, {
      natural: 0,
      commercial: 0,
      research: 1,
      social: 1,
      legal: 1,
      other: 0,
      total: 3,
    });
    const next = computeTables(cases, 2026).t3;
    assert.deepEqual(next.carriedOver, t3.carryForward, "2025's 四 is 2026's 二");
    assert.equal(next.other3.legal, 1);
  });

  it('2019 format merges 其他处理 into one row', () => {
    const { t3 } = computeTables(
      [
        summary('natural', '2025-01-02', ['other1', '2025-02-01']),
        summary('natural', '2025-01-02', ['other3', '2025-02-01']),
      ],
      2025,
      { format: '2019' },
    );
    assert.equal(t3.other.natural, 2);
    assert.equal('other1' in t3, false);
  });

  it('table 4: counted in the year filed; result if known by the cut-off, else 尚未审结', () => {
    const appeals = [
      { kind: 'review' as const, filedOn: '2025-03-01', result: 'upheld' as const, decidedOn: '2025-05-01' },
      { kind: 'review' as const, filedOn: '2025-11-01', result: 'corrected' as const, decidedOn: '2026-01-10' },
      { kind: 'suitDirect' as const, filedOn: '2025-06-01', result: null, decidedOn: null },
      { kind: 'suitAfterReview' as const, filedOn: '2024-06-01', result: 'other' as const, decidedOn: '2025-02-01' },
    ];
    const { t4 } = computeTables([summary('natural', '2024-01-05', ['granted', '2024-02-01'], appeals)], 2025);
    assert.deepEqual(t4.review, { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    assert.deepEqual(t4.suitDirect, { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    assert.deepEqual(t4.suitAfterReview, { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
    const late = computeTables([summary('natural', '2024-01-05', ['granted', '2024-02-01'], appeals)], 2025, {
      appealsDecidedBy: '2026-01-31',
    });
    assert.deepEqual(late.t4.review, { upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 });
  });

  it('a record finished before it was received is excluded and named', () => {
    const { excluded, t3 } = computeTables([summary('natural', '2025-05-01', ['granted', '2025-04-01'])], 2025);
    assert.equal(excluded.length, 1);
    assert.match(excluded[0]!.reason, /早于收到申请日期/);
    assert.equal(t3.new.total, 0);
  });

  it('summaries come straight from replayed cases (补正 keeps the original receipt date)', () => {
    const state = replayOrThrow(
      [
        { type: 'received', date: '2025-12-22', channel: 'inPerson', applicantType: 'social' },
        { type: 'correctionRequested', date: '2025-12-24', correctBy: '2026-01-09' },
        { type: 'corrected', date: '2026-01-06' },
        { type: 'answered', date: '2026-01-20', answer: 'partiallyDisclosed' },
        { type: 'appealFiled', date: '2026-02-01', appealId: 'r1', kind: 'review' },
      ],
      defaultCalendar(),
    );
    const s = summarizeCase(state);
    assert.deepEqual(
      s,
      summary(
        'social',
        '2025-12-22',
        ['partial', '2026-01-20'],
        [{ kind: 'review', filedOn: '2026-02-01', result: null, decidedOn: null }],
      ),
    );
    assert.equal(computeTables([s], 2025).t3.carryForward.social, 1);
    assert.equal(computeTables([s], 2026).t3.partial.social, 1);
  });
});

/** The reference: walk the years, keeping the set of open cases — no per-case date predicates. */
function reference(cases: readonly CaseSummary[], year: number) {
  const rows = new Map<string, Map<string, number>>();
  const bump = (row: string, col: string) => {
    const r = rows.get(row) ?? new Map<string, number>();
    r.set(col, (r.get(col) ?? 0) + 1);
    r.set('total', (r.get('total') ?? 0) + 1);
    rows.set(row, r);
  };
  const firstYear = Math.min(year, ...cases.map((c) => Number(c.receivedOn.slice(0, 4))));
  let open: CaseSummary[] = [];
  for (let y = firstYear; y <= year; y++) {
    const thisYear = y === year;
    if (thisYear) for (const c of open) bump('carriedOver', c.applicantType);
    const arriving = cases.filter((c) => Number(c.receivedOn.slice(0, 4)) === y);
    if (thisYear) for (const c of arriving) bump('new', c.applicantType);
    const all = [...open, ...arriving];
    open = [];
    for (const c of all) {
      const closesNow = c.outcome !== null && Number(c.outcome.date.slice(0, 4)) === y;
      const closedEarlier = c.outcome !== null && Number(c.outcome.date.slice(0, 4)) < y;
      if (closedEarlier) continue;
      if (closesNow) {
        if (thisYear) {
          bump(c.outcome!.row, c.applicantType);
          bump('total', c.applicantType);
        }
      } else open.push(c);
    }
    if (thisYear) for (const c of open) bump('carryForward', c.applicantType);
  }
  const t4 = new Map<string, number>();
  for (const c of cases)
    for (const a of c.appeals) {
      if (Number(a.filedOn.slice(0, 4)) !== year) continue;
      const col = a.result !== null && a.decidedOn! <= `${year}-12-31` ? a.result : 'pending';
      t4.set(`${a.kind}.${col}`, (t4.get(`${a.kind}.${col}`) ?? 0) + 1);
      t4.set(`${a.kind}.total`, (t4.get(`${a.kind}.total`) ?? 0) + 1);
    }
  return { get: (row: string, col: string) => rows.get(row)?.get(col) ?? 0, t4: (k: string) => t4.get(k) ?? 0 };
}

const day = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2022-01-01', n));
const appealArb = fc.record({
  kind: fc.constantFrom<AppealKind>('review', 'suitDirect', 'suitAfterReview'),
  after: fc.integer({ min: 0, max: 200 }),
  decision: fc.option(
    fc.record({
      result: fc.constantFrom<AppealResult>('upheld', 'corrected', 'other'),
      after: fc.integer({ min: 0, max: 300 }),
    }),
  ),
});
const caseArb = fc
  .record({
    applicantType: fc.constantFrom(...APPLICANT_TYPES),
    receivedOn: day,
    outcome: fc.option(fc.record({ row: fc.constantFrom(...OUTCOME_ROWS), after: fc.integer({ min: 0, max: 400 }) }), {
      freq: 4,
    }),
    appeals: fc.array(appealArb, { maxLength: 2 }),
  })
  .map(({ applicantType, receivedOn, outcome, appeals }): CaseSummary => {
    const closed = outcome ? { row: outcome.row, date: addDays(receivedOn, outcome.after) } : null;
    const base = closed?.date ?? receivedOn;
    return {
      applicantType,
      receivedOn,
      outcome: closed,
      appeals: appeals.map((a) => {
        const filedOn = addDays(base, a.after);
        return {
          kind: a.kind,
          filedOn,
          result: a.decision?.result ?? null,
          decidedOn: a.decision ? addDays(filedOn, a.decision.after) : null,
        };
      }),
    };
  });

describe('property: computed tables are consistent and equal the reference', () => {
  it('I1–I4 hold, X1 holds between adjacent years, and every cell equals the reference', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 60 }), fc.integer({ min: 2023, max: 2025 }), (cases, year) => {
        const reports = [year, year + 1].map((y) => {
          const { t3, t4, excluded } = computeTables(cases, y);
          assert.deepEqual(excluded, []);
          const report = emptyReport('2021') as Report2021;
          report.year = y;
          report.t3 = t3;
          report.t4 = t4;
          return report;
        });
        for (const report of reports)
          assert.deepEqual(
            checkIdentities(report, () => undefined),
            [],
          );
        assert.deepEqual(crossYearFindings(reports[0]!, reports[1]!), []);
        const ref = reference(cases, year);
        const t3 = reports[0]!.t3 as Record<string, Record<string, number | null>>;
        for (const [row, cols] of Object.entries(t3))
          for (const [col, value] of Object.entries(cols)) assert.equal(value, ref.get(row, col), `t3.${row}.${col}`);
        const t4 = reports[0]!.t4 as Record<string, Record<string, number | null>>;
        for (const [group, cols] of Object.entries(t4))
          for (const [col, value] of Object.entries(cols))
            assert.equal(value, ref.t4(`${group}.${col}`), `t4.${group}.${col}`);
      }),
      { numRuns: 300 },
    );
  });

  it('the checks can fail: one wrong cell is caught by the checker and by the reference', () => {
    const cases = [summary('natural', '2024-12-20', ['granted', '2025-01-10']), summary('legal', '2025-02-01', null)];
    const report = emptyReport('2021') as Report2021;
    const { t3, t4 } = computeTables(cases, 2025);
    report.t3 = t3;
    report.t4 = t4;
    report.t3.granted.natural = 2;
    const codes = checkIdentities(report, () => undefined).map((f) => f.code);
    // 予以公开 no longer adds up to （七）总计 (I2) nor across the columns (I3); 总计 itself is untouched, so I1 holds.
    assert.deepEqual([...new Set(codes)].sort(), ['T3_I2', 'T3_I3']);
    assert.notEqual(reference(cases, 2025).get('granted', 'natural'), report.t3.granted.natural);
  });
});
