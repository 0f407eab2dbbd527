import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import type { Executor } from '../../db/schema.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';

/**
 * The working calendar of an agency: the shipped State Council notices (chinese-days), overridden by the notices
 * an administrator entered and extended by the local closures of the agency and of every agency above it (the
 * calendar administration, docs/calendar.md). Every case operation gets its calendar here.
 */
export async function calendarForAgency(ex: Executor, agencyPath: string): Promise<WorkingCalendar> {
  return (await loadWorkingCalendar(ex)).forAgency(agencyPath);
}
