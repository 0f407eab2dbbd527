/**
 * A computation that needs a day the calendar has no State Council notice for is refused, never guessed: the
 * result says which year is missing, in Chinese, so the page, the API and the CLI can show it as is.
 */
import type { IsoDate } from './iso-date.ts';

export interface MissingYear {
  ok: false;
  code: 'CALENDAR_MISSING_YEAR';
  /** The first year the computation needed and the calendar does not cover. */
  year: number;
  /** The day that fell outside the data. */
  date: IsoDate;
  /** The last day of the continuous run of covered years (what "the calendar covers up to" means to a person). */
  lastCovered: IsoDate;
  message: string;
}

export type CalendarResult<T> = { ok: true; value: T } | MissingYear;

export const ok = <T>(value: T): CalendarResult<T> => ({ ok: true, value });

export function missingYear(year: number, date: IsoDate, lastCovered: IsoDate): MissingYear {
  return {
    ok: false,
    code: 'CALENDAR_MISSING_YEAR',
    year,
    date,
    lastCovered,
    message:
      `缺少${year}年节假日安排（国务院办公厅通知），无法计算：计算需要${date}，` +
      `而工作日历只覆盖到${lastCovered}。请系统管理员录入${year}年的节假日安排后再计算。`,
  };
}

/** Thrown only by callers that chose to unwrap (e.g. tests); the core itself returns results. */
export class CalendarGapError extends Error {
  readonly gap: MissingYear;
  constructor(gap: MissingYear) {
    super(gap.message);
    this.name = 'CalendarGapError';
    this.gap = gap;
  }
}

export function unwrap<T>(result: CalendarResult<T>): T {
  if (!result.ok) throw new CalendarGapError(result);
  return result.value;
}
