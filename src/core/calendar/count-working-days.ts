/**
 * Working days between two dates: the counted days in (from, to] — the same rule as addWorkingDays, so
 * `countWorkingDays(start, addWorkingDays(start, n).due) === n`. When `to` is before `from` the count is negative
 * (the days in (to, from]), which is how "overdue by k working days" is expressed.
 */
import { ok, type CalendarResult } from './calendar-result.ts';
import { exclusionOf, type Exclusion } from './exclusion.ts';
import { addDays, type IsoDate } from './iso-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export function countWorkingDays(
  calendar: WorkingCalendar,
  from: IsoDate,
  to: IsoDate,
  exclusions: readonly Exclusion[] = [],
): CalendarResult<number> {
  if (to < from) {
    const back = countWorkingDays(calendar, to, from, exclusions);
    return back.ok ? ok(-back.value) : back;
  }
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (exclusionOf(date, exclusions)) continue;
    const info = calendar.day(date);
    if (!info.ok) return info;
    if (info.value.working) count++;
  }
  return ok(count);
}
