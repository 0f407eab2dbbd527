/**
 * Working days counted by a prefix sum over the calendar's covered run of years: a count is two array reads and a
 * due date one binary search, where countWorkingDays / addWorkingDays walk day by day and explain each day. For
 * figures over thousands of items at once — the timeliness (条例第二十六条) of every item an agency published in a
 * year on the supervision dashboard — the walk is most of the time. Same rule as those two (the days in
 * (from, to]; the Nth counted day after the start), and anything reaching outside the covered run is handed to
 * them, so a missing year is refused with the same message, never guessed.
 */
import { ok, type CalendarResult } from './calendar-result.ts';
import { addWorkingDays } from './add-working-days.ts';
import { countWorkingDays } from './count-working-days.ts';
import { dayNumber, fromDayNumber, type IsoDate } from './iso-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export interface WorkingDayIndex {
  /** As countWorkingDays without exclusions: the working days in (from, to], negative when to < from. */
  count(from: IsoDate, to: IsoDate): CalendarResult<number>;
  /** As addWorkingDays(…).due without exclusions: the last day of `days` working days from `start`. */
  due(start: IsoDate, days: number): CalendarResult<IsoDate>;
}

const built = new WeakMap<WorkingCalendar, WorkingDayIndex>();

/** The index of a calendar, built once (a built calendar never changes; a changed one is a new object). */
export function workingDayIndex(calendar: WorkingCalendar): WorkingDayIndex {
  let index = built.get(calendar);
  if (!index) {
    index = buildIndex(calendar);
    built.set(calendar, index);
  }
  return index;
}

function buildIndex(calendar: WorkingCalendar): WorkingDayIndex {
  const first = dayNumber(calendar.coverage.firstDate);
  const size = calendar.coverage.years.length === 0 ? 0 : dayNumber(calendar.coverage.lastDate) - first + 1;
  // before[k] = working days in [first, first + k): the days in (a, b] are before[b - first + 1] - before[a - first + 1].
  const before = new Int32Array(size + 1);
  for (let k = 0; k < size; k++) {
    const info = calendar.day(fromDayNumber(first + k));
    before[k + 1] = before[k]! + (info.ok && info.value.working ? 1 : 0);
  }
  // Position of the day after `day` in `before`, or -1 when (day, …] does not start inside the covered run.
  const after = (day: number) => (day + 1 >= first && day < first + size ? day - first + 1 : -1);

  const count = (from: IsoDate, to: IsoDate): CalendarResult<number> => {
    if (to < from) {
      const back = count(to, from);
      return back.ok ? ok(-back.value) : back;
    }
    const a = after(dayNumber(from));
    const b = dayNumber(to) - first + 1;
    if (a < 0 || b > size) return countWorkingDays(calendar, from, to);
    return ok(before[b]! - before[a]!);
  };

  const due = (start: IsoDate, days: number): CalendarResult<IsoDate> => {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`工作日数须为正整数：${days}`);
    const a = after(dayNumber(start));
    const target = a < 0 ? -1 : before[a]! + days;
    if (a < 0 || target > before[size]!) {
      const walked = addWorkingDays(calendar, start, days);
      return walked.ok ? ok(walked.value.due) : walked;
    }
    // The first k with before[k] ≥ target: the day first + k - 1 is the target-th working day.
    let lo = a + 1;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return ok(fromDayNumber(first + lo - 1));
  };

  return { count, due };
}
