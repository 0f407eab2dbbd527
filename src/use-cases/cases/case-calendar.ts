import { defaultCalendar } from '../../core/calendar/default-calendar.ts';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import type { Executor } from '../../db/schema.ts';

/**
 * The working calendar of an agency: the shipped State Council notices (chinese-days), to which the calendar
 * administration (stored notices and the agency's local closures, issue 7 item 1) adds its entries. Every case
 * operation gets its calendar here, so that module plugs in at this one place (`setCaseCalendarSource`).
 */
export type CaseCalendarSource = (ex: Executor, agencyId: string) => Promise<WorkingCalendar>;

let source: CaseCalendarSource = async () => defaultCalendar();

export function setCaseCalendarSource(next: CaseCalendarSource): void {
  source = next;
}

export function calendarForAgency(ex: Executor, agencyId: string): Promise<WorkingCalendar> {
  return source(ex, agencyId);
}
