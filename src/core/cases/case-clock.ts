/**
 * The answer period of a case from its state: 20 working days (+ extension) counted from the day after
 * `periodStart`, with the time of consultations and of the wait for a fee not counted (第三十三条第二款; 109号),
 * replaced by a later 第三十五条 date when one was set. An open pause is assumed to last until its statutory end
 * (the consultation's 15 working days, the 20 days to pay): the due date is then *provisional* — the latest it
 * can be if nothing else happens — and moves earlier when the reply or payment is recorded.
 */
import { addWorkingDays } from '../calendar/add-working-days.ts';
import type { MissingYear } from '../calendar/calendar-result.ts';
import { countWorkingDays } from '../calendar/count-working-days.ts';
import type { DayExplanation } from '../calendar/day-explanation.ts';
import type { Exclusion } from '../calendar/exclusion.ts';
import { minDate, type IsoDate } from '../calendar/iso-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { PAUSE_LABELS, periodDays, type CaseState } from './case-state.ts';

export type CaseDue =
  | {
      kind: 'due';
      date: IsoDate;
      /** Working days in the period (20 + extension). */
      days: number;
      /** True while a pause is open and its end was assumed at its statutory limit. */
      provisional: boolean;
      /** Set when a 第三十五条 date replaced the computed one. */
      deferredFrom: IsoDate | null;
      explanation: DayExplanation[];
    }
  | { kind: 'notRunning'; message: string }
  | (MissingYear & { kind: 'missingYear' });

export type ExclusionsResult = { ok: true; exclusions: Exclusion[]; provisional: boolean } | MissingYear;

/** The paused intervals after the current period start, as calendar exclusions. */
export function caseExclusions(state: CaseState): ExclusionsResult {
  const exclusions: Exclusion[] = [];
  let provisional = false;
  for (const pause of state.pauses) {
    if (pause.from < state.periodStart) continue; // a 补正 restarted the period after it
    let to: IsoDate;
    if (pause.endedOn !== null) {
      // A consultation counts only up to its statutory limit: after 15 working days the agency decides without
      // the reply (第三十二条、第三十四条), so a late reply does not stop the clock longer.
      to = pause.kind !== 'fee' && pause.limit !== null ? minDate(pause.endedOn, pause.limit) : pause.endedOn;
    } else {
      if (pause.limit === null) return pause.limitGap!;
      to = pause.limit;
      provisional = true;
    }
    exclusions.push({ from: pause.from, to, label: PAUSE_LABELS[pause.kind] });
  }
  return { ok: true, exclusions, provisional };
}

export function caseDue(state: CaseState, calendar: WorkingCalendar): CaseDue {
  if (state.status === 'awaitingCorrection')
    return {
      kind: 'notRunning',
      message: `待申请人补正（补正期限${state.correction?.correctBy ?? ''}），答复期限自收到补正之日起重新计算（第三十条）`,
    };
  const ex = caseExclusions(state);
  if (!ex.ok) return { ...ex, kind: 'missingYear' };
  const days = periodDays(state);
  const period = addWorkingDays(calendar, state.periodStart, days, ex.exclusions);
  if (!period.ok) return { ...period, kind: 'missingYear' };
  const deferred = state.deferredUntil !== null && state.deferredUntil > period.value.due;
  return {
    kind: 'due',
    date: deferred ? state.deferredUntil! : period.value.due,
    days,
    provisional: ex.provisional,
    deferredFrom: deferred ? period.value.due : null,
    explanation: period.value.explanation,
  };
}

export interface CaseClock {
  due: CaseDue;
  /** The day the counts are taken on. */
  asOf: IsoDate;
  /** Working days counted from the period start through `asOf` (paused days excluded); null while not running. */
  usedDays: number | null;
  /** Working days from `asOf` to the due date; negative when overdue; null when unknown or not running. */
  remainingDays: number | null;
}

export function caseClock(state: CaseState, calendar: WorkingCalendar, asOf: IsoDate): CaseClock {
  const due = caseDue(state, calendar);
  if (due.kind !== 'due') return { due, asOf, usedDays: null, remainingDays: null };
  const ex = caseExclusions(state);
  const exclusions = ex.ok ? ex.exclusions : [];
  const used = countWorkingDays(calendar, state.periodStart, asOf, exclusions);
  const remaining = countWorkingDays(calendar, asOf, due.date, exclusions);
  return {
    due,
    asOf,
    usedDays: used.ok ? used.value : null,
    remainingDays: remaining.ok ? remaining.value : null,
  };
}
