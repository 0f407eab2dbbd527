/**
 * The working-day calendar built from data (holiday-data.ts): what each day is, and which years it may speak
 * about. Weekends are off except 调休上班 days; statutory holidays are off even on weekdays (disclosure-rules §3);
 * a local closure makes a day off whatever else it is. A day in a year without a notice is refused.
 */
import { missingYear, ok, type CalendarResult } from './calendar-result.ts';
import type { CalendarSources, HolidayYear } from './holiday-data.ts';
import { dayNumber, fromDayNumber, weekday, yearOf, type IsoDate } from './iso-date.ts';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday' | 'localClosure';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** Holiday name for holiday/makeUpWorkday, the reason for localClosure. */
  name?: string;
  /** Where the answer comes from: the notice's source, 本机关停止办公通知, or 周末/工作日 by the weekday. */
  source: string;
}

export interface Coverage {
  /** Every year with a State Council notice, ascending. */
  years: number[];
  firstDate: IsoDate;
  /** End of the continuous run of covered years starting at the first one. */
  lastDate: IsoDate;
}

export interface WorkingCalendar {
  coverage: Coverage;
  /** What the day is, or the missing year. */
  day(date: IsoDate): CalendarResult<DayInfo>;
}

interface Entry {
  working: boolean;
  kind: DayKind;
  name: string;
  source: string;
}

/** The last notice entered for a year wins (the integration keeps history; the calendar needs the current one). */
function latestNotices(notices: HolidayYear[]): HolidayYear[] {
  return [...new Map(notices.map((n) => [n.year, n])).values()];
}

export function buildCalendar(sources: CalendarSources): WorkingCalendar {
  const notices = latestNotices(sources.notices ?? []);
  // An administrator's notice for a year replaces that whole year of the shipped data (it is the newer,
  // official text). Base first, then notices, so a notice's own dates — also those it sets in the previous
  // December — win over the base; closures last.
  const replaced = new Set(notices.map((n) => n.year));
  const layers = [...sources.base.years.filter((y) => !replaced.has(y.year)), ...notices];
  const entries = new Map<IsoDate, Entry>();
  for (const y of layers) {
    for (const [date, name] of Object.entries(y.daysOff))
      entries.set(date, { working: false, kind: 'holiday', name, source: y.source });
    for (const [date, name] of Object.entries(y.makeUpDays))
      entries.set(date, { working: true, kind: 'makeUpWorkday', name, source: y.source });
  }
  for (const c of sources.closures ?? []) {
    for (let d = dayNumber(c.from); d <= dayNumber(c.to); d++)
      entries.set(fromDayNumber(d), {
        working: false,
        kind: 'localClosure',
        name: c.reason,
        source: '本机关停止办公通知',
      });
  }

  const covered = new Set(layers.map((y) => y.year));
  const sortedYears = [...covered].sort((a, b) => a - b);
  const first = sortedYears[0] ?? 0;
  let last = first;
  while (covered.has(last + 1)) last++;
  const coverage: Coverage = {
    years: sortedYears,
    firstDate: `${first}-01-01`,
    lastDate: sortedYears.length === 0 ? '1900-01-01' : `${last}-12-31`,
  };

  // Days never change for a built calendar, so answers are memoised: replaying many cases walks the same weeks.
  const memo = new Map<IsoDate, CalendarResult<DayInfo>>();
  const compute = (date: IsoDate): CalendarResult<DayInfo> => {
    const year = yearOf(date);
    if (!covered.has(year)) return missingYear(year, date, coverage.lastDate);
    const entry = entries.get(date);
    if (entry) return ok({ date, ...entry });
    const wd = weekday(date);
    return wd === 0 || wd === 6
      ? ok({ date, working: false, kind: 'weekend', source: '周末' })
      : ok({ date, working: true, kind: 'workday', source: '工作日' });
  };
  return {
    coverage,
    day(date) {
      let result = memo.get(date);
      if (result === undefined) {
        result = compute(date);
        memo.set(date, result);
      }
      return result;
    },
  };
}
