/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`) and the arithmetic the working-day clock needs, on day numbers
 * (days since 1970-01-01) so nothing depends on a time zone or on `Date` parsing quirks. Deadlines under the
 * 条例 are counted in whole days in China; a date here is a civil date, never an instant.
 */

/** A civil date `YYYY-MM-DD`. Plain string so it serialises, compares (lexicographically) and stores as is. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real date in YYYY-MM-DD form (2025-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Digits of a YYYY-MM-DD string by character code: this runs for every day a period walks. */
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const yearPart = (s: string) => digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
const monthPart = (s: string) => digit(s, 5) * 10 + digit(s, 6);
const dayPart = (s: string) => digit(s, 8) * 10 + digit(s, 9);

/** Days since 1970-01-01 (civil calendar; H. Hinnant's days_from_civil). The caller passes a valid date. */
export function dayNumber(date: IsoDate): number {
  let y = yearPart(date);
  const m = monthPart(date);
  const d = dayPart(date);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (days === 1) {
    // The common step of every walk: stay inside the month without the full conversion.
    const d = dayPart(date);
    if (d < 28 || d < daysInMonth(yearPart(date), monthPart(date))) return `${date.slice(0, 8)}${pad2(d + 1)}`;
  }
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export const WEEKDAY_LABELS = ['日', '一', '二', '三', '四', '五', '六'] as const;

/** 星期四 for 2025-09-25. */
export function weekdayLabel(date: IsoDate): string {
  return `星期${WEEKDAY_LABELS[weekday(date)]}`;
}

export function yearOf(date: IsoDate): number {
  return yearPart(date);
}

/** 2025-09-25 → 2025年9月25日, the form notices print. */
export function chineseDate(date: IsoDate): string {
  return `${yearOf(date)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);

/** The civil date in China (UTC+8, no daylight saving) of an instant — how a clock becomes "today". */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
