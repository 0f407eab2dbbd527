import { sql, type SelectQueryBuilder } from 'kysely';
import type { CaseEventRow, CaseRow, Database, Executor } from '../../schema.ts';
import { likePrefix, type AgencyFilter } from '../platform/agency-filter.ts';

export type CaseWithAgency = CaseRow & { agency_name: string; agency_path: string };

/**
 * Inserts a case unless one with the same idempotency key exists (a replayed intake form): the UNIQUE constraint,
 * not a prior SELECT, guarantees "once". Returns the stored row and whether this call created it.
 */
export async function insertCaseOnce(ex: Executor, row: CaseRow): Promise<{ row: CaseRow; created: boolean }> {
  const inserted = await ex
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await ex
    .selectFrom('cases')
    .selectAll()
    .where('idempotency_key', '=', row.idempotency_key)
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

/** Many cases at once (demo seed, benchmarks): plain inserts in batches. */
export async function insertCases(ex: Executor, rows: CaseRow[], events: CaseEventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await ex
      .insertInto('cases')
      .values(rows.slice(i, i + 500))
      .execute();
  for (let i = 0; i < events.length; i += 500)
    await ex
      .insertInto('case_events')
      .values(events.slice(i, i + 500))
      .execute();
}

function withAgency(ex: Executor) {
  return ex
    .selectFrom('cases')
    .innerJoin('agencies', 'agencies.id', 'cases.agency_id')
    .selectAll('cases')
    .select(['agencies.name as agency_name', 'agencies.path as agency_path']);
}

export async function findCase(ex: Executor, id: string): Promise<CaseWithAgency | undefined> {
  return withAgency(ex).where('cases.id', '=', id).executeTakeFirst();
}

export async function findCaseByTrackingCode(ex: Executor, code: string): Promise<CaseWithAgency | undefined> {
  return withAgency(ex).where('cases.tracking_code', '=', code).executeTakeFirst();
}

export type CaseCache = Pick<
  CaseRow,
  | 'status'
  | 'due_on'
  | 'open_rank'
  | 'due_sort'
  | 'assignee_id'
  | 'outcome_kind'
  | 'outcome_row'
  | 'finished_on'
  | 'last_appeal_on'
  | 'appeals_json'
  | 'approval_json'
  | 'event_count'
  | 'updated_at'
>;

/** Rewrites the cached columns if the case is still at `version`; false when another change came first. */
export async function updateCaseCache(
  ex: Executor,
  id: string,
  version: number,
  patch: Partial<CaseCache>,
): Promise<boolean> {
  const r = await ex
    .updateTable('cases')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateSealedApplicant(
  ex: Executor,
  id: string,
  patch: Pick<CaseRow, 'applicant_sealed' | 'id_index' | 'phone_index' | 'data_key_id'>,
): Promise<void> {
  await ex.updateTable('cases').set(patch).where('id', '=', id).execute();
}

export async function appendCaseEvents(ex: Executor, rows: CaseEventRow[]): Promise<void> {
  if (rows.length > 0) await ex.insertInto('case_events').values(rows).execute();
}

export async function listCaseEvents(ex: Executor, caseId: string): Promise<CaseEventRow[]> {
  return ex.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function findCaseEvent(ex: Executor, caseId: string, seq: number): Promise<CaseEventRow | undefined> {
  return ex
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}

/** A cell of table 3 (see compute-tables.ts): which cases it counts in `year`. */
export interface T3Cell {
  year: number;
  row: string;
  /** An applicant type, or 'total'. */
  column: string;
}

export interface CaseListQuery {
  statuses?: readonly string[];
  /** Open cases only. */
  open?: boolean;
  /** Due on or before this day (open cases). */
  dueBy?: string;
  /** Due before this day (open cases): overdue. */
  overdueOn?: string;
  assigneeId?: string;
  cell?: T3Cell;
  limit: number;
  offset: number;
}

export const CLOSED_STATUS_VALUES = ['answered', 'withdrawn', 'abandoned'] as const;

type CaseQuery = SelectQueryBuilder<Database & { agencies: Database['agencies'] }, 'cases' | 'agencies', object>;

function scoped<Q extends CaseQuery>(q: Q, filter: AgencyFilter): Q {
  if (filter.kind === 'agency') return q.where('cases.agency_id', '=', filter.agencyId) as Q;
  if (filter.kind === 'subtree')
    return q.where('agencies.path', 'like', sql<string>`${likePrefix(filter.path)} ESCAPE '\\'`) as Q;
  return q;
}

/**
 * The conditions of one table-3 cell, the same as core computeTables: 一 new = received in the year; 二 carried over
 * = received before, not finished before; an outcome row / （七）total = finished in the year; 四 carry forward =
 * received by the end, not finished in the year. Column = applicant type unless 'total'.
 */
function cellWhere<Q extends CaseQuery>(q: Q, cell: T3Cell): Q {
  const start = `${cell.year}-01-01`;
  const end = `${cell.year}-12-31`;
  let r = q.where('cases.received_on', '<=', end);
  if (cell.column !== 'total') r = r.where('cases.applicant_type', '=', cell.column);
  if (cell.row === 'new')
    r = r
      .where('cases.received_on', '>=', start)
      .where((eb) => eb.or([eb('cases.finished_on', 'is', null), eb('cases.finished_on', '>=', start)]));
  else if (cell.row === 'carriedOver')
    r = r
      .where('cases.received_on', '<', start)
      .where((eb) => eb.or([eb('cases.finished_on', 'is', null), eb('cases.finished_on', '>=', start)]));
  else if (cell.row === 'carryForward')
    r = r.where((eb) => eb.or([eb('cases.finished_on', 'is', null), eb('cases.finished_on', '>', end)]));
  else {
    r = r.where('cases.finished_on', '>=', start).where('cases.finished_on', '<=', end);
    if (cell.row !== 'total') r = r.where('cases.outcome_row', '=', cell.row);
  }
  return r as Q;
}

function listWhere<Q extends CaseQuery>(q: Q, query: Omit<CaseListQuery, 'limit' | 'offset'>): Q {
  let r = q;
  if (query.statuses && query.statuses.length > 0) r = r.where('cases.status', 'in', [...query.statuses]) as Q;
  if (query.open || query.dueBy || query.overdueOn) r = r.where('cases.open_rank', '=', 0) as Q;
  if (query.dueBy) r = r.where('cases.due_sort', '<=', query.dueBy) as Q;
  if (query.overdueOn) r = r.where('cases.due_sort', '<', query.overdueOn) as Q;
  if (query.assigneeId) r = r.where('cases.assignee_id', '=', query.assigneeId) as Q;
  if (query.cell) r = cellWhere(r, query.cell);
  return r;
}

/**
 * One page of cases the filter may see: open cases by due date first, then closed ones — ordered by plain
 * columns (open_rank, due_sort, id) so that an index hands out the first page without sorting the agency's cases.
 */
export async function listCases(
  ex: Executor,
  filter: AgencyFilter,
  query: CaseListQuery,
): Promise<{ rows: CaseWithAgency[]; hasMore: boolean }> {
  if (filter.kind === 'none') return { rows: [], hasMore: false };
  let q = withAgency(ex) as unknown as CaseQuery;
  q = listWhere(scoped(q, filter), query);
  let ordered = q as unknown as ReturnType<typeof withAgency>;
  // With one status (or only open cases) the rank is fixed: leave it out so the status index serves the order.
  const oneRank = (query.statuses?.length ?? 0) === 1 || query.open || query.dueBy || query.overdueOn;
  if (!oneRank) ordered = ordered.orderBy('cases.open_rank');
  const rows = await ordered
    .orderBy('cases.due_sort')
    .orderBy('cases.id')
    .limit(query.limit + 1)
    .offset(query.offset)
    .execute();
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

export async function countCases(
  ex: Executor,
  filter: AgencyFilter,
  query: Omit<CaseListQuery, 'limit' | 'offset'>,
): Promise<number> {
  if (filter.kind === 'none') return 0;
  const base = ex.selectFrom('cases').innerJoin('agencies', 'agencies.id', 'cases.agency_id') as unknown as CaseQuery;
  const q = listWhere(scoped(base, filter), query) as unknown as ReturnType<typeof withAgency>;
  const r = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number((r as unknown as { n: number | string }).n);
}

/** countCases for every agency of the filter at once: agency id → count (agencies with none are absent). */
export async function countCasesByAgency(
  ex: Executor,
  filter: AgencyFilter,
  query: Omit<CaseListQuery, 'limit' | 'offset'>,
): Promise<Map<string, number>> {
  if (filter.kind === 'none') return new Map();
  const base = ex.selectFrom('cases').innerJoin('agencies', 'agencies.id', 'cases.agency_id') as unknown as CaseQuery;
  const q = listWhere(scoped(base, filter), query) as unknown as ReturnType<typeof withAgency>;
  const rows = (await q
    .clearSelect()
    .select((eb) => ['cases.agency_id', eb.fn.countAll().as('n')])
    .groupBy('cases.agency_id')
    .execute()) as unknown as { agency_id: string; n: number | string }[];
  return new Map(rows.map((r) => [r.agency_id, Number(r.n)]));
}

export interface TableRow {
  applicant_type: string;
  received_on: string;
  outcome_row: string | null;
  finished_on: string | null;
  appeals_json: string;
}

/** How many cases of a table-3 column and outcome row fall in which receipt / finish bucket relative to a year. */
export interface TableGroup {
  applicant_type: string;
  outcome_row: string | null;
  /** 1: received before the year. */
  before_start: number;
  /** 'n' not finished, 'i' finished in the year, 'a' after it. */
  fin: string;
  n: number;
}

/**
 * Table 3 of `year` needs only buckets: cases received by the end of the year and not finished before it, counted
 * by column, outcome row, received before/in the year, finished in/after/not. Two grouped ranges of the covering
 * index led by the finish date (migration 020): finished since the year began, and not finished — so the cases
 * answered in earlier years, most of an agency's history, are never read. A district's 1 000 000 cases are a few
 * hundred groups.
 */
export async function tableGroups(ex: Executor, agencyIds: readonly string[], year: number): Promise<TableGroup[]> {
  if (agencyIds.length === 0) return [];
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const out: TableGroup[] = [];
  for (let i = 0; i < agencyIds.length; i += 500) {
    const ids = sql.join(agencyIds.slice(i, i + 500));
    const r = await sql<TableGroup>`
      select applicant_type, outcome_row,
        case when received_on < ${start} then 1 else 0 end as before_start,
        case when finished_on <= ${end} then 'i' else 'a' end as fin,
        count(*) as n
      from cases
      where agency_id in (${ids}) and finished_on >= ${start} and received_on <= ${end}
      group by 1, 2, 3, 4
      union all
      select applicant_type, outcome_row,
        case when received_on < ${start} then 1 else 0 end as before_start,
        'n' as fin,
        count(*) as n
      from cases
      where agency_id in (${ids}) and finished_on is null and received_on <= ${end}
      group by 1, 2, 3`.execute(ex);
    out.push(...r.rows.map((g) => ({ ...g, before_start: Number(g.before_start), n: Number(g.n) })));
  }
  return out;
}

/** Cases with an appeal filed since the start of `year` (table 4 counts appeals by the year they were filed). */
export async function appealRows(ex: Executor, agencyIds: readonly string[], year: number): Promise<TableRow[]> {
  if (agencyIds.length === 0) return [];
  const out: TableRow[] = [];
  for (let i = 0; i < agencyIds.length; i += 500) {
    const rows = await ex
      .selectFrom('cases')
      .select(['applicant_type', 'received_on', 'outcome_row', 'finished_on', 'appeals_json'])
      .where('agency_id', 'in', agencyIds.slice(i, i + 500))
      .where('last_appeal_on', '>=', `${year}-01-01`)
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function sumFees(
  ex: Executor,
  agencyIds: readonly string[],
  year: number,
): Promise<{ yuan: number; applications: number }> {
  if (agencyIds.length === 0) return { yuan: 0, applications: 0 };
  // The amount is on the fee notice; the payment's date decides the year.
  const paid = await ex
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .select(['case_events.case_id', 'case_events.event_json', 'case_events.body'])
    .where('cases.agency_id', 'in', [...agencyIds])
    .where('case_events.kind', '=', 'state')
    .where('case_events.body', 'in', ['feeNoticeSent', 'feePaid'])
    .execute();
  const amount = new Map<string, number>();
  const paidIn = new Set<string>();
  for (const r of paid) {
    const e = JSON.parse(r.event_json ?? '{}') as { date?: string; amountYuan?: number };
    if (r.body === 'feeNoticeSent') amount.set(r.case_id, e.amountYuan ?? 0);
    else if (e.date?.startsWith(String(year))) paidIn.add(r.case_id);
  }
  let yuan = 0;
  for (const id of paidIn) yuan += amount.get(id) ?? 0;
  return { yuan, applications: paidIn.size };
}

/** Open cases (for the calendar recompute), in batches by id. */
export async function openCasesAfter(ex: Executor, afterId: string, limit: number): Promise<CaseWithAgency[]> {
  return withAgency(ex)
    .where('cases.status', 'not in', [...CLOSED_STATUS_VALUES])
    .where('cases.id', '>', afterId)
    .orderBy('cases.id')
    .limit(limit)
    .execute();
}

/** All cases in id order, in batches (key rotation). */
export async function casesAfter(ex: Executor, afterId: string, limit: number): Promise<CaseRow[]> {
  return ex.selectFrom('cases').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** Earlier requests of the same applicant (blind index), for 重复申请 and 按件 counting. */
export async function casesOfApplicant(ex: Executor, idIndex: string, excludeId: string): Promise<CaseRow[]> {
  return ex
    .selectFrom('cases')
    .selectAll()
    .where('id_index', '=', idIndex)
    .where('id', '!=', excludeId)
    .orderBy('received_on')
    .limit(200)
    .execute();
}

/** Requests of an agency with the same normalised description (第四十四条: asked again and again). */
export async function casesWithRequest(ex: Executor, agencyId: string, norm: string): Promise<CaseRow[]> {
  return ex
    .selectFrom('cases')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('request_norm', '=', norm)
    .limit(200)
    .execute();
}
