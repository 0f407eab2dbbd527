import type { BusinessCountRow, Executor } from '../../schema.ts';

export interface MonthCounts {
  month: number;
  licensing: number;
  punishment: number;
  enforcement: number;
  feesFen: number;
}

/** Saves the months given (replacing what was there for those months). */
export async function upsertBusinessCounts(
  ex: Executor,
  agencyId: string,
  year: number,
  months: readonly MonthCounts[],
  by: string | null,
  at: string,
): Promise<void> {
  for (const m of months) {
    const values = {
      licensing: m.licensing,
      punishment: m.punishment,
      enforcement: m.enforcement,
      fees_fen: m.feesFen,
      updated_by: by,
      updated_at: at,
    };
    await ex
      .insertInto('business_counts')
      .values({ agency_id: agencyId, year, month: m.month, ...values })
      .onConflict((oc) => oc.columns(['agency_id', 'year', 'month']).doUpdateSet(values))
      .execute();
  }
}

export async function listBusinessCounts(ex: Executor, agencyId: string, year: number): Promise<BusinessCountRow[]> {
  return ex
    .selectFrom('business_counts')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('month')
    .execute();
}
