import type { Executor, PublicSubmissionRow } from '../../schema.ts';
import type { AgencyFilter } from './agency-filter.ts';
import { likePrefix } from './agency-filter.ts';
import { sql } from 'kysely';

/**
 * Inserts unless a submission with the same idempotency key exists; either way returns the stored row and
 * whether this call created it. The UNIQUE constraint, not a prior SELECT, is what guarantees "once".
 */
export async function insertSubmissionOnce(
  ex: Executor,
  row: PublicSubmissionRow,
): Promise<{ row: PublicSubmissionRow; created: boolean }> {
  const inserted = await ex
    .insertInto('public_submissions')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await ex
    .selectFrom('public_submissions')
    .selectAll()
    .where('idempotency_key', '=', row.idempotency_key)
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

export type SubmissionWithAgency = PublicSubmissionRow & { agency_name: string };

export async function listSubmissions(
  ex: Executor,
  filter: AgencyFilter,
  limit: number,
): Promise<SubmissionWithAgency[]> {
  if (filter.kind === 'none') return [];
  let q = ex
    .selectFrom('public_submissions')
    .innerJoin('agencies', 'agencies.id', 'public_submissions.agency_id')
    .selectAll('public_submissions')
    .select('agencies.name as agency_name');
  if (filter.kind === 'agency') q = q.where('public_submissions.agency_id', '=', filter.agencyId);
  if (filter.kind === 'subtree')
    q = q.where('agencies.path', 'like', sql<string>`${likePrefix(filter.path)} ESCAPE '\\'`);
  return q.orderBy('public_submissions.created_at', 'desc').limit(limit).execute();
}

export async function countSubmissions(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('public_submissions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
