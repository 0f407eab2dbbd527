import type { UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { runCalendarChangeHooks } from './calendar-change-hooks.ts';
import { loadWorkingCalendar } from './load-working-calendar.ts';

/**
 * After a committed calendar change: the new calendar goes to every registered hook (the cases module recomputes
 * open cases' due dates). A hook that fails is written to the audit log (so it is not lost with a request) and
 * reported; the calendar change stays saved. Returns the failures' messages.
 */
export async function afterCalendarChange(ctx: UseCaseContext): Promise<string[]> {
  const calendar = await loadWorkingCalendar(ctx.db);
  const failures = await runCalendarChangeHooks(ctx, calendar);
  if (failures.length > 0) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'calendar.hookFailed',
        entity: 'calendar',
        entityId: null,
        after: { failures },
      }),
    );
  }
  return failures;
}
