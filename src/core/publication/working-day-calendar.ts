/**
 * What the timeliness rule needs from the working-day calendar (src/core/calendar, the State Council's holidays
 * and make-up days). Kept minimal so the calendar can be connected without either side knowing the other's
 * internals; tests use a fake.
 *
 * Days are ISO dates. Counting follows §3 of the disclosure rules: it starts the day after `date`.
 * A calendar answers `{ ok: false }` with a Chinese message when a date lies outside the years it has data for —
 * a deadline must never be computed from a guessed calendar.
 */
export type CalendarResult<T> = { ok: true; value: T } | { ok: false; message: string };

export interface WorkingDayCalendar {
  /** The n-th working day after `date` (n ≥ 1). */
  addWorkingDays(date: string, n: number): CalendarResult<string>;
  /** The number of working days d with a < d ≤ b (0 when b ≤ a). */
  workingDaysBetween(a: string, b: string): CalendarResult<number>;
}
