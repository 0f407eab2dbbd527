import { defaultCalendar } from '../../core/calendar/default-calendar.ts';
import { workingDayIndex } from '../../core/calendar/working-day-index.ts';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import type { WorkingDayCalendar } from '../../core/publication/working-day-calendar.ts';

let shipped: WorkingCalendar | undefined;

/**
 * A working calendar (src/core/calendar) behind the small interface the timeliness rule needs. Timeliness (条例第二十六条)
 * passes the agency's calendar with the administrator-entered notices and local closures (agencyCalendars in
 * list-staff-items.ts), as does the 留言/纠错 reply due date; without one, the shipped State Council calendar.
 */
export function publicationCalendar(calendar?: WorkingCalendar): WorkingDayCalendar {
  // The prefix-sum index, not the day-by-day walk: the dashboard measures every item of a year at once, and the
  // timeliness rule needs only dates and counts, not the explanation of each day.
  const index = workingDayIndex(calendar ?? (shipped ??= defaultCalendar()));
  return {
    addWorkingDays(date, n) {
      const r = index.due(date, n);
      return r.ok ? r : { ok: false, message: r.message };
    },
    workingDaysBetween(a, b) {
      if (b <= a) return { ok: true, value: 0 };
      const r = index.count(a, b);
      return r.ok ? r : { ok: false, message: r.message };
    },
  };
}
