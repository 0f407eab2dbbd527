/**
 * A case from its events: `replay(events, calendar)` gives the state, the due date (or the missing year), the
 * working days used and left, the paused intervals and the explanation of the period — or the first event the
 * state machine refuses. Pure: the same events and calendar always give the same answer.
 */
import { maxDate, type IsoDate } from '../calendar/iso-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { applyEvent } from './apply-event.ts';
import { caseClock, caseExclusions, type CaseClock } from './case-clock.ts';
import type { CaseEvent } from './case-event.ts';
import { RefusalError, type Refusal } from './case-refusal.ts';
import { isClosed, type CaseState } from './case-state.ts';
import type { Exclusion } from '../calendar/exclusion.ts';

export interface CaseSnapshot extends CaseState {
  clock: CaseClock;
  /** The paused intervals that count against the period, as the clock used them. */
  pausedIntervals: Exclusion[];
}

export type ReplayResult = { ok: true; snapshot: CaseSnapshot } | { ok: false; refusal: Refusal };

export interface ReplayOptions {
  /**
   * The day to take "used / remaining" on, normally today from the clock. For a closed case the closing date is
   * used; a date before the last event is raised to it.
   */
  asOf?: IsoDate;
  /** Refuse events dated after this day (pass today when recording a new event). */
  today?: IsoDate;
}

export function replay(
  events: readonly CaseEvent[],
  calendar: WorkingCalendar,
  options: ReplayOptions = {},
): ReplayResult {
  let state: CaseState | null = null;
  for (const [index, event] of events.entries()) {
    const step = applyEvent(state, event, index, calendar, options.today);
    if (!step.ok) return step;
    state = step.state;
  }
  if (state === null)
    return {
      ok: false,
      refusal: { code: 'NOT_RECEIVED', message: '没有任何办理记录（须先登记收到申请）', eventIndex: 0 },
    };
  return { ok: true, snapshot: snapshotOf(state, calendar, options.asOf) };
}

export function snapshotOf(state: CaseState, calendar: WorkingCalendar, asOf?: IsoDate): CaseSnapshot {
  const day = isClosed(state) ? state.outcome!.date : maxDate(asOf ?? state.lastDate, state.lastDate);
  const ex = caseExclusions(state);
  return { ...state, clock: caseClock(state, calendar, day), pausedIntervals: ex.ok ? ex.exclusions : [] };
}

/** Record one more event: the new snapshot, or the refusal to show beside the form. */
export function appendEvent(
  events: readonly CaseEvent[],
  event: CaseEvent,
  calendar: WorkingCalendar,
  options: ReplayOptions = {},
): ReplayResult {
  return replay([...events, event], calendar, options);
}

/** For callers that treat a refusal as an error (tests, seed data). */
export function replayOrThrow(events: readonly CaseEvent[], calendar: WorkingCalendar, options?: ReplayOptions) {
  const result = replay(events, calendar, options);
  if (!result.ok) throw new RefusalError(result.refusal);
  return result.snapshot;
}
