/**
 * The one module that knows the `chinese-days` package: it turns the package's JSON lists into a plain
 * `HolidayData`. The package is only data to us — its functions are not used, because outside its years it calls
 * every weekday a working day (2027-01-01 → "workday") where we must refuse (docs/cases.md, coverage rule).
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { HolidayData, HolidayYear } from './holiday-data.ts';
import { yearOf } from './iso-date.ts';

/** The package's entries read "Spring Festival,春节,4"; the notices' names are the Chinese ones, some with 节. */
const OFFICIAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function chineseName(entry: string): string {
  const name = entry.split(',')[1]?.trim() ?? '';
  return OFFICIAL_NAMES[name] ?? (name || '法定节假日');
}

const SOURCE = 'chinese-days 1.5.7（国务院办公厅历年节假日安排通知）';

/**
 * A notice covers its year; the package files a date by its own year, which for the days a notice sets in the
 * previous December (2018-12-29/30/31 from the 2019 notice) puts them under that December's year. Either way the
 * date resolves the same, and the covered years are exactly the years the package has lists for.
 */
export function chineseDaysHolidayData(): HolidayData {
  const data = packageData as { holidays: Record<string, string>; workdays: Record<string, string> };
  const years = new Map<number, HolidayYear>();
  const yearFor = (date: string) => {
    const y = yearOf(date);
    let entry = years.get(y);
    if (!entry) {
      entry = { year: y, source: SOURCE, daysOff: {}, makeUpDays: {} };
      years.set(y, entry);
    }
    return entry;
  };
  for (const [date, entry] of Object.entries(data.holidays)) yearFor(date).daysOff[date] = chineseName(entry);
  for (const [date, entry] of Object.entries(data.workdays)) yearFor(date).makeUpDays[date] = chineseName(entry);
  return { years: [...years.values()].sort((a, b) => a.year - b.year) };
}
