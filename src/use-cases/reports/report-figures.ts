/** Table 2's business counts and the clock-derived dates the report workflow shares. */
import type { Report2021 } from '../../core/report/report-schema.ts';
import { listBusinessCounts } from '../../db/repositories/reports/business-count-repository.ts';
import type { Executor } from '../../db/schema.ts';

/** Beijing date (YYYY-MM-DD) of a moment: reports are dated and published in 北京时间. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * ISO 8601 with +08:00, to the minute, as the report's `publishedAt`: the official layout prints 发布时间 as
 * YYYY-MM-DD HH:mm, so seconds would not survive a Word or PDF download read back to JSON.
 */
export function beijingDateTime(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16)}:00+08:00`;
}

/** 分 → 万元 (1 万元 = 1,000,000 分), exact to the 分. */
export function fenTo10kYuan(fen: number): number {
  return Number((fen / 1_000_000).toFixed(6));
}

/** The year's 行政许可/处罚/强制 decisions and 行政事业性收费 (万元) from the monthly business counts. */
export async function businessTotals(
  ex: Executor,
  agencyId: string,
  year: number,
): Promise<Pick<Report2021['t2'], 'licensing' | 'punishment' | 'enforcement' | 'fees10kYuan'> & { months: number }> {
  const rows = await listBusinessCounts(ex, agencyId, year);
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    licensing: sum((r) => r.licensing),
    punishment: sum((r) => r.punishment),
    enforcement: sum((r) => r.enforcement),
    fees10kYuan: fenTo10kYuan(sum((r) => r.fees_fen)),
    months: rows.length,
  };
}
