/**
 * The calendar the product uses: the shipped State Council lists (chinese-days, 2004–2026), overridden by the
 * notices an administrator entered and the agency's local closures (both stored and audited by the integration).
 */
import { chineseDaysHolidayData } from './chinese-days-data.ts';
import type { HolidayData, HolidayYear, LocalClosure } from './holiday-data.ts';
import { buildCalendar, type WorkingCalendar } from './working-calendar.ts';

let shipped: HolidayData | undefined;

export function shippedHolidayData(): HolidayData {
  shipped ??= chineseDaysHolidayData();
  return shipped;
}

export function defaultCalendar(
  overrides: { notices?: HolidayYear[]; closures?: LocalClosure[] } = {},
): WorkingCalendar {
  return buildCalendar({ base: shippedHolidayData(), ...overrides });
}
