/**
 * The data a working-day calendar is built from — plain values, no package behind them, so the same core runs on
 * the shipped lists, on what an administrator entered, and on hand-made data in tests.
 *
 * One `HolidayYear` is what one State Council notice (国务院办公厅关于XXXX年部分节假日安排的通知) says: the days off
 * (放假, including weekends inside a holiday) and the make-up working days (调休上班), each with the holiday it
 * belongs to. A notice may reach into the previous December (the 2019 notice: 2018-12-29 上班, 12-30/31 放假), so
 * dates are not required to lie in `year`; the year says which notice they come from, and a year with a notice is
 * a year the calendar covers.
 */
import type { IsoDate } from './iso-date.ts';

export interface HolidayYear {
  year: number;
  /** Where the data comes from, e.g. 国办发明电〔2024〕12号, or `chinese-days 1.5.7`. */
  source: string;
  /** date → holiday name (春节, 国庆节 …): statutory days off, even on a weekday. */
  daysOff: Record<IsoDate, string>;
  /** date → the holiday it makes up for: weekend days that are working days (调休上班). */
  makeUpDays: Record<IsoDate, string>;
}

export interface HolidayData {
  years: HolidayYear[];
}

/** Days an agency is closed by a local decision (e.g. 台风停止办公), inclusive range, with the reason shown. */
export interface LocalClosure {
  from: IsoDate;
  to: IsoDate;
  reason: string;
}

/**
 * What a calendar is built from, in order of precedence (later wins for a date):
 *   the shipped data (`base`) < notices an administrator entered (`notices`, a whole year replaces that year of
 *   the base) < local closures (`closures`, a closed day is off even if it is a make-up working day).
 */
export interface CalendarSources {
  base: HolidayData;
  notices?: HolidayYear[];
  closures?: LocalClosure[];
}
