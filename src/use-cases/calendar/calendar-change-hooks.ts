/**
 * What must happen when the working-day calendar changes (a notice entered or withdrawn, a closure added or
 * removed): the due dates of open cases are computed again and the change recorded on each case (issue 7 item 1;
 * docs/calendar.md). Each domain whose dates run on the calendar adds its hook here; the calendar use-cases call
 * every hook after their change is committed, with the new calendar.
 */
import { recomputeOpenCaseDueDates } from '../cases/recompute-open-case-due-dates.ts';
import type { UseCaseContext } from '../platform/context.ts';
import type { SiteCalendar } from './load-working-calendar.ts';

export type CalendarChangeHook = (ctx: UseCaseContext, calendar: SiteCalendar) => Promise<void>;

export const calendarChangeHooks: CalendarChangeHook[] = [
  // 依申请公开: every open case's due date on the new calendar of its agency, the change recorded on the case.
  async (ctx, calendar) => {
    await recomputeOpenCaseDueDates(ctx, (agencyPath) => calendar.forAgency(agencyPath));
  },
];

/**
 * Runs every hook; one failing does not stop the others. Returns the Chinese messages of the failures (the page
 * shows them: the calendar change itself is saved either way).
 */
export async function runCalendarChangeHooks(ctx: UseCaseContext, calendar: SiteCalendar): Promise<string[]> {
  const failures: string[] = [];
  for (const hook of calendarChangeHooks) {
    try {
      await hook(ctx, calendar);
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  return failures;
}
