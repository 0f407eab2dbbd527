import { chinaDate, type IsoDate } from '../../core/calendar/iso-date.ts';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import { OUTCOME_TYPES, isAnswerKind } from '../../core/cases/answer-types.ts';
import { eventBasisIds, type CaseEvent } from '../../core/cases/case-event.ts';
import { summarizeCase } from '../../core/cases/case-summary.ts';
import { isClosed } from '../../core/cases/case-state.ts';
import { citeTogether } from '../../core/cases/legal-basis.ts';
import { appendEvent, replay, type CaseSnapshot } from '../../core/cases/replay.ts';
import { parseCaseEvent } from '../../core/cases/case-event-schema.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can, scopeOf, type Action } from '../../core/platform/policy.ts';
import {
  appendCaseEvents,
  findCase,
  listCaseEvents,
  updateCaseCache,
  type CaseCache,
  type CaseWithAgency,
} from '../../db/repositories/cases/case-repository.ts';
import type { CaseEventRow, Executor } from '../../db/schema.ts';
import { calendarForAgency } from './case-calendar.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';

/** The day "today" is for the case clock: the clock's date in China. */
export const today = (ctx: Pick<UseCaseContext, 'clock'>): IsoDate => chinaDate(ctx.clock());

/** The provisions behind a core event, as the text stored with it (the answer's own articles for an answer). */
export function basisText(event: CaseEvent): string {
  if (event.type === 'answered' && isAnswerKind(event.answer)) return citeTogether(OUTCOME_TYPES[event.answer].basis);
  return citeTogether(eventBasisIds(event));
}

/** The columns a case row caches from its replayed state (lists and tables 3/4 read only these). */
export function cacheOf(
  snapshot: CaseSnapshot,
): Omit<CaseCache, 'approval_json' | 'event_count' | 'updated_at' | 'assignee_id'> {
  const summary = summarizeCase(snapshot);
  const filed = snapshot.appeals.map((a) => a.filedOn).sort();
  const due = snapshot.clock.due.kind === 'due' ? snapshot.clock.due.date : null;
  return {
    status: snapshot.status,
    due_on: due,
    open_rank: isClosed(snapshot) ? 1 : 0,
    due_sort: due ?? '9999-12-31',
    outcome_kind: snapshot.outcome?.kind ?? null,
    outcome_row: snapshot.outcome?.row ?? null,
    finished_on: snapshot.outcome?.date ?? null,
    last_appeal_on: filed.at(-1) ?? null,
    appeals_json: JSON.stringify(summary.appeals),
  };
}

export interface EventRowInput {
  kind: 'state' | 'note' | 'message' | 'assign' | 'approval' | 'file' | 'calendar' | 'correction';
  event?: CaseEvent;
  body?: string;
  basis?: string;
  toApplicant?: boolean;
  fromApplicant?: boolean;
  blobSha256?: string | null;
  filename?: string | null;
}

export function eventRow(
  ctx: Pick<UseCaseContext, 'actor' | 'clock'>,
  caseId: string,
  seq: number,
  input: EventRowInput,
  actorLabel?: string,
): CaseEventRow {
  return {
    case_id: caseId,
    seq,
    kind: input.kind,
    event_json: input.event ? JSON.stringify(input.event) : null,
    basis: input.basis ?? (input.event ? basisText(input.event) : ''),
    // A state event's body is its type, so that queries (fees) find them without parsing JSON.
    body: input.event ? input.event.type : (input.body ?? ''),
    to_applicant: input.toApplicant ? 1 : 0,
    from_applicant: input.fromApplicant ? 1 : 0,
    blob_sha256: input.blobSha256 ?? null,
    filename: input.filename ?? null,
    actor_id: ctx.actor?.id ?? null,
    actor_label: actorLabel ?? (ctx.actor ? ctx.actor.displayName : '申请人'),
    created_at: nowIso(ctx),
  };
}

export interface LoadedCase {
  row: CaseWithAgency;
  rows: CaseEventRow[];
  events: CaseEvent[];
  calendar: WorkingCalendar;
  snapshot: CaseSnapshot;
}

export function stateEvents(rows: readonly CaseEventRow[]): CaseEvent[] {
  const out: CaseEvent[] = [];
  for (const r of rows) {
    if (r.kind !== 'state' || r.event_json === null) continue;
    const parsed = parseCaseEvent(JSON.parse(r.event_json));
    if (!parsed.ok) throw new AppError('INTERNAL', `办理记录损坏（${r.case_id}#${r.seq}）：${parsed.message}`);
    out.push(parsed.event);
  }
  return out;
}

/** A case with its history and state, without any permission check (the applicant's side, workers). */
export async function loadCaseRecord(ex: Executor, row: CaseWithAgency, asOf: IsoDate): Promise<LoadedCase> {
  const rows = await listCaseEvents(ex, row.id);
  const events = stateEvents(rows);
  const calendar = await calendarForAgency(ex, row.agency_path);
  const replayed = replay(events, calendar, { asOf });
  if (!replayed.ok) throw new AppError('INTERNAL', `办理记录无法重放：${replayed.refusal.message}`);
  return { row, rows, events, calendar, snapshot: replayed.snapshot };
}

/**
 * Whether the signed-in person may take `action` on the case, before anything they sent is read: a case outside
 * their view is NOT_FOUND (its existence is not revealed), one they see but may not act on is FORBIDDEN.
 */
export async function requireCaseAccess(ctx: UseCaseContext, id: string, action: Action): Promise<void> {
  const row = await findCase(ctx.db, id);
  const resource = row ? { agencyId: row.agency_id, agencyPath: row.agency_path } : null;
  if (!row || !resource || !can(ctx.actor, 'case.read', resource)) throw new AppError('NOT_FOUND', '未找到该申请');
  if (action !== 'case.read' && !can(ctx.actor, action, resource)) throw new AppError('FORBIDDEN');
}

/** FORBIDDEN unless the actor's roles allow `action` on some agency's cases (before any input is read). */
export function requireCaseRole(ctx: Pick<UseCaseContext, 'actor'>, action: Action): void {
  if (!ctx.actor || scopeOf(ctx.actor, action) === null) throw new AppError('FORBIDDEN');
}

/**
 * A case the actor may `action` on: NOT_FOUND when it does not exist or is another agency's (the id of another
 * agency's case must not reveal that it exists), FORBIDDEN when the actor sees it but lacks the role.
 */
export async function loadCaseFor(
  ctx: UseCaseContext,
  id: string,
  action: Action,
  ex: Executor = ctx.db,
): Promise<LoadedCase> {
  requireCaseRole(ctx, action);
  const row = await findCase(ex, id);
  const resource = row ? { agencyId: row.agency_id, agencyPath: row.agency_path } : null;
  if (!row || !resource || !can(ctx.actor, 'case.read', resource)) throw new AppError('NOT_FOUND', '未找到该申请');
  if (action !== 'case.read' && !can(ctx.actor, action, resource)) throw new AppError('FORBIDDEN');
  return loadCaseRecord(ex, row, today(ctx));
}

/** Validates new core events against the history with the core state machine; a refusal is a VALIDATION error. */
export function checkedSnapshot(loaded: LoadedCase, added: readonly CaseEvent[], day: IsoDate): CaseSnapshot {
  let events = loaded.events;
  let snapshot = loaded.snapshot;
  for (const e of added) {
    const r = appendEvent(events, e, loaded.calendar, { today: day, asOf: day });
    if (!r.ok) {
      const field = r.refusal.field;
      throw new AppError('VALIDATION', r.refusal.message, field ? { [field]: r.refusal.message } : undefined);
    }
    events = [...events, e];
    snapshot = r.snapshot;
  }
  return snapshot;
}

/**
 * Writes a change to a case in the caller's transaction: the new history rows (append-only), the cached columns
 * from the new state, the version check (a concurrent change → CONFLICT), and the audit entry.
 */
export async function saveCaseChange(
  trx: Executor,
  ctx: UseCaseContext,
  loaded: LoadedCase,
  change: {
    action: string;
    entries: EventRowInput[];
    snapshot?: CaseSnapshot;
    patch?: Partial<CaseCache> & { assignee_id?: string | null };
    audit?: Record<string, unknown>;
    actorLabel?: string;
  },
): Promise<CaseEventRow[]> {
  const start = loaded.row.event_count;
  const rows = change.entries.map((e, i) => eventRow(ctx, loaded.row.id, start + i + 1, e, change.actorLabel));
  const cache = change.snapshot ? cacheOf(change.snapshot) : {};
  const ok = await updateCaseCache(trx, loaded.row.id, loaded.row.version, {
    ...cache,
    ...change.patch,
    event_count: start + rows.length,
    updated_at: nowIso(ctx),
  });
  if (!ok) throw new AppError('CONFLICT', '该申请刚被其他人更新，请刷新页面后重试');
  await appendCaseEvents(trx, rows);
  await recordAudit(trx, ctx, {
    action: change.action,
    entity: 'case',
    entityId: loaded.row.id,
    actorLabel: change.actorLabel,
    after: { seq: rows.map((r) => r.seq), kinds: rows.map((r) => r.body || r.kind), ...change.audit },
  });
  return rows;
}
