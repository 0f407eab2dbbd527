/**
 * Calendar dates as ISO `YYYY-MM-DD` strings — the form every publication date (成文日期, 发布日期, 废止日期) is
 * stored and compared in. ISO strings of the same length sort like the dates they name, so comparisons are plain
 * string comparisons. No time zone is involved: a date is a day in China, whatever the server's zone.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The year, month and day of a valid ISO date, or null. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** Whether year/month/day name a real day (used for birth dates inside 身份证号). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The date `days` days after `date` (negative: before). `date` must be a valid ISO date. */
export function addDays(date: string, days: number): string {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`不是有效日期：${date}`);
  return new Date(Date.UTC(d.year, d.month - 1, d.day + days)).toISOString().slice(0, 10);
}
