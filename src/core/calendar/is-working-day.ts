import { ok, type CalendarResult } from './calendar-result.ts';
import { addDays, type IsoDate } from './iso-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/** Whether `date` is a working day (a 调休上班 Saturday is; a weekday inside 春节 is not), or the missing year. */
export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): CalendarResult<boolean> {
  const info = calendar.day(date);
  return info.ok ? ok(info.value.working) : info;
}

/**
 * The first working day on or after `date`: where a period counted in calendar days ends when its last day is
 * off (e.g. a 补正 deadline the agency set on a Saturday).
 */
export function nextWorkingDayOnOrAfter(calendar: WorkingCalendar, date: IsoDate): CalendarResult<IsoDate> {
  let d = date;
  for (let i = 0; i < 366; i++, d = addDays(d, 1)) {
    const info = calendar.day(d);
    if (!info.ok) return info;
    if (info.value.working) return ok(d);
  }
  throw new RangeError(`${date}之后一年内没有工作日`);
}
