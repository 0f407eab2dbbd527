/**
 * A complete, clean published report for an agency and year from random figures (the core's randomReport tables,
 * drafted into text): for the demo, tests and benchmarks of imports and the dashboard.
 */
import { draftReport } from '../../core/drafting/draft-report.ts';
import { randomReport } from '../../core/report/random-report.ts';
import type { Report2021 } from '../../core/report/report-schema.ts';

export function sampleReport(seed: number, agency: string, year: number, previous?: Report2021): Report2021 {
  const r = randomReport(seed, { format: '2021' }) as Report2021;
  const t3 = structuredClone(r.t3);
  if (previous) {
    // X1: this year's 上年结转 is last year's 结转下年度; 本年新收 (and if need be 结转下年度) keep I1 true.
    const cols = ['natural', 'commercial', 'research', 'social', 'legal', 'other'] as const;
    for (const col of cols) {
      t3.carriedOver[col] = previous.t3.carryForward[col] ?? 0;
      let fresh = (t3.total[col] ?? 0) + (t3.carryForward[col] ?? 0) - t3.carriedOver[col];
      if (fresh < 0) {
        t3.carryForward[col] = (t3.carryForward[col] ?? 0) - fresh;
        fresh = 0;
      }
      t3.new[col] = fresh;
    }
    for (const row of ['new', 'carriedOver', 'carryForward'] as const)
      t3[row].total = cols.reduce((n, c) => n + (t3[row][c] ?? 0), 0);
  }
  const t2 = structuredClone(r.t2);
  if (previous) {
    for (const k of ['regulations', 'normativeDocs'] as const) {
      const p = previous.t2[k].inForce ?? 0;
      t2[k].inForce = p + (t2[k].issued ?? 0) - (t2[k].repealed ?? 0);
      if (t2[k].inForce < 0) {
        t2[k].repealed = p + (t2[k].issued ?? 0);
        t2[k].inForce = 0;
      }
    }
  }
  const dated = `${year + 1}-01-${String(10 + (seed % 18)).padStart(2, '0')}`;
  const { report } = draftReport({
    agency,
    year,
    dated,
    t2,
    t3,
    t4: r.t4,
    published: [{ catalogue: '工作动态', count: 10 + (seed % 50) }],
    fees: { yuan: 0, applications: 0 },
    previous: previous ?? null,
  });
  report.publishedAt = `${dated}T09:30:00+08:00`;
  return report;
}
