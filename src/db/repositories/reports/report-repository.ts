import { sql } from 'kysely';
import type { AnnualReportRow, AnnualReportTable, Executor, ReportCommentRow } from '../../schema.ts';
import { likePrefix } from '../platform/agency-filter.ts';

/** Which agencies' reports a query may return (built by the use-cases from the policy's scope). */
export type ReportScope = { kind: 'agency'; agencyId: string } | { kind: 'subtree'; path: string };

export async function insertReport(ex: Executor, row: AnnualReportTable): Promise<AnnualReportRow> {
  return ex.insertInto('annual_reports').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findReport(ex: Executor, id: string): Promise<AnnualReportRow | undefined> {
  return ex.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findReportOf(ex: Executor, agencyId: string, year: number): Promise<AnnualReportRow | undefined> {
  return ex
    .selectFrom('annual_reports')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function findReportByContentHash(ex: Executor, hash: string): Promise<AnnualReportRow | undefined> {
  return ex.selectFrom('annual_reports').selectAll().where('content_hash', '=', hash).executeTakeFirst();
}

/** Optimistic update: only if the stored version is still `expectedVersion`; bumps it. */
export async function updateReportVersioned(
  ex: Executor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<AnnualReportTable, 'id' | 'agency_id' | 'year' | 'version' | 'created_at'>>,
): Promise<AnnualReportRow | undefined> {
  return ex
    .updateTable('annual_reports')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export interface ReportListRow extends Omit<AnnualReportRow, 'report_json' | 'findings_json'> {
  agency_name: string;
  agency_path: string;
}

/** Reports of the scope (without their JSON), optionally of one year or state, by agency path then year. */
export async function listReports(
  ex: Executor,
  scope: ReportScope,
  filter: { year?: number; state?: string; limit?: number } = {},
): Promise<ReportListRow[]> {
  let q = ex
    .selectFrom('annual_reports as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select([
      'r.id',
      'r.agency_id',
      'r.year',
      'r.state',
      'r.origin',
      'r.error_count',
      'r.warning_count',
      'r.deadline',
      'r.late',
      'r.content_hash',
      'r.source_name',
      'r.source_sha256',
      'r.submitted_at',
      'r.cleared_at',
      'r.published_at',
      'r.version',
      'r.created_at',
      'r.updated_at',
      'a.name as agency_name',
      'a.path as agency_path',
    ]);
  if (scope.kind === 'agency') q = q.where('r.agency_id', '=', scope.agencyId);
  else q = q.where('a.path', 'like', sql<string>`${likePrefix(scope.path)} ESCAPE '\\'`);
  if (filter.year !== undefined) q = q.where('r.year', '=', filter.year);
  if (filter.state !== undefined) q = q.where('r.state', '=', filter.state);
  return q
    .orderBy('r.year', 'desc')
    .orderBy('a.path')
    .limit(filter.limit ?? 5000)
    .execute();
}

/** The JSON of several reports at once (dashboard figures, consolidation, bulk download). */
export async function reportJsonsOf(ex: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await ex.selectFrom('annual_reports').select(['id', 'report_json']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, r.report_json);
  }
  return out;
}

/** Published reports of a year, for the portal (public by law: 条例第四十九条). */
export async function listPublishedReports(
  ex: Executor,
  filter: { year?: number } = {},
): Promise<
  (Pick<AnnualReportRow, 'id' | 'agency_id' | 'year' | 'published_at' | 'origin'> & { agency_name: string })[]
> {
  let q = ex
    .selectFrom('annual_reports as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.agency_id', 'r.year', 'r.published_at', 'r.origin', 'a.name as agency_name'])
    .where('r.state', '=', 'published');
  if (filter.year !== undefined) q = q.where('r.year', '=', filter.year);
  return q.orderBy('r.year', 'desc').orderBy('a.path').execute();
}

export async function insertReportComment(ex: Executor, row: ReportCommentRow): Promise<void> {
  await ex.insertInto('report_comments').values(row).execute();
}

export async function listReportComments(ex: Executor, reportId: string): Promise<ReportCommentRow[]> {
  return ex
    .selectFrom('report_comments')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function upsertAcknowledgement(
  ex: Executor,
  row: {
    report_id: string;
    finding_key: string;
    code: string;
    reason: string;
    user_id: string | null;
    created_at: string;
  },
): Promise<void> {
  await ex
    .insertInto('report_acknowledgements')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['report_id', 'finding_key'])
        .doUpdateSet({ reason: row.reason, user_id: row.user_id, created_at: row.created_at }),
    )
    .execute();
}

export async function listAcknowledgements(
  ex: Executor,
  reportId: string,
): Promise<{ finding_key: string; code: string; reason: string; created_at: string }[]> {
  return ex
    .selectFrom('report_acknowledgements')
    .select(['finding_key', 'code', 'reason', 'created_at'])
    .where('report_id', '=', reportId)
    .execute();
}

/** A reminder is sent once per agency, year and kind: returns false when it was already there. */
export async function insertReminderOnce(
  ex: Executor,
  row: { agency_id: string; year: number; kind: string; message: string; created_at: string },
): Promise<boolean> {
  const r = await ex
    .insertInto('report_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['agency_id', 'year', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listReminders(
  ex: Executor,
  agencyIds: readonly string[],
): Promise<{ agency_id: string; year: number; kind: string; message: string; created_at: string }[]> {
  if (agencyIds.length === 0) return [];
  return ex
    .selectFrom('report_reminders')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}
