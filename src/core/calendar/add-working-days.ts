/**
 * N working days from a start date (条例第三十三条; disclosure-rules §3): counting starts the day after the start
 * (the day of receipt is not counted), and the Nth counted day is the last day of the period. Because only
 * working days count, the last day is always a working day — "a period whose last day is off ends on the next
 * working day" holds by construction.
 */
import { ok, type CalendarResult } from './calendar-result.ts';
import type { DayExplanation } from './day-explanation.ts';
import { dayLabel } from './day-label.ts';
import { exclusionOf, type Exclusion } from './exclusion.ts';
import { addDays, WEEKDAY_LABELS, weekday, type IsoDate } from './iso-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export interface Period {
  /** The day the period runs from (not itself counted). */
  start: IsoDate;
  days: number;
  /** The last day of the period. */
  due: IsoDate;
  /** Every day from the day after `start` through `due`. */
  explanation: DayExplanation[];
}

/** Walk far enough for 40 working days across the longest holiday plus any pause; a guard, not a limit in law. */
const MAX_WALK = 3660;

export function addWorkingDays(
  calendar: WorkingCalendar,
  start: IsoDate,
  days: number,
  exclusions: readonly Exclusion[] = [],
): CalendarResult<Period> {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`工作日数须为正整数：${days}`);
  const explanation: DayExplanation[] = [];
  let counted = 0;
  let date = start;
  let wd = weekday(start);
  for (let step = 0; step < MAX_WALK; step++) {
    date = addDays(date, 1);
    wd = (wd + 1) % 7;
    const weekdayName = `星期${WEEKDAY_LABELS[wd]}`;
    const excluded = exclusionOf(date, exclusions);
    if (excluded) {
      explanation.push({
        date,
        weekday: weekdayName,
        counted: false,
        ordinal: null,
        kind: 'excluded',
        label: excluded.label,
      });
      continue;
    }
    const info = calendar.day(date);
    if (!info.ok) return info;
    if (info.value.working) counted++;
    explanation.push({
      date,
      weekday: weekdayName,
      counted: info.value.working,
      ordinal: info.value.working ? counted : null,
      kind: info.value.kind,
      label: dayLabel(info.value),
    });
    if (counted === days) return ok({ start, days, due: date, explanation });
  }
  throw new RangeError(`期间过长，无法计算：自${start}起${days}个工作日`);
}
