import { sql } from 'kysely';
import type { Executor } from '../../schema.ts';

/**
 * Counts one hit for `key` in window `windowNo` and returns the hits so far in that window — one atomic upsert,
 * the same statement on SQLite and PostgreSQL, so concurrent requests on several servers count correctly.
 */
export async function countRateLimitHit(ex: Executor, key: string, windowNo: number): Promise<number> {
  const row = await ex
    .insertInto('rate_limit_windows')
    .values({ key, window_no: windowNo, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limit_windows.window_no = excluded.window_no then rate_limit_windows.hits + 1 else 1 end`,
        window_no: sql<number>`excluded.window_no`,
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

/** Forgets windows that ended before `windowNo`. */
export async function deleteRateLimitWindowsBefore(ex: Executor, windowNo: number): Promise<void> {
  await ex.deleteFrom('rate_limit_windows').where('window_no', '<', windowNo).execute();
}
