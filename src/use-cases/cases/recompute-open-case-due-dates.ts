import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import { replay } from '../../core/cases/replay.ts';
import { openCasesAfter, type CaseWithAgency } from '../../db/repositories/cases/case-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { stateEvents, saveCaseChange, today, type LoadedCase } from './case-record.ts';
import { listCaseEvents } from '../../db/repositories/cases/case-repository.ts';

/**
 * After the working calendar changed (a State Council notice or a local closure entered, issue 7 item 1): every
 * open case is replayed on the new calendar; where its due date moves, the new date is stored and the change is
 * recorded on the case ("因工作日历变更，答复期限由…改为…"), audited like any change. `calendar` is the new calendar,
 * or a function giving each agency's by its path in the agency tree. Returns how many cases moved.
 */
export async function recomputeOpenCaseDueDates(
  ctx: UseCaseContext,
  calendar: WorkingCalendar | ((agencyPath: string) => WorkingCalendar | Promise<WorkingCalendar>),
): Promise<{ checked: number; changed: number }> {
  const day = today(ctx);
  let after = '';
  let checked = 0;
  let changed = 0;
  for (;;) {
    const batch: CaseWithAgency[] = await openCasesAfter(ctx.db, after, 200);
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    for (const row of batch) {
      checked++;
      const cal = typeof calendar === 'function' ? await calendar(row.agency_path) : calendar;
      const rows = await listCaseEvents(ctx.db, row.id);
      const events = stateEvents(rows);
      const r = replay(events, cal, { asOf: day });
      if (!r.ok) continue;
      const due = r.snapshot.clock.due;
      const next = due.kind === 'due' ? due.date : null;
      if (next === row.due_on) continue;
      const loaded: LoadedCase = { row, rows, events, calendar: cal, snapshot: r.snapshot };
      const what =
        due.kind === 'missingYear'
          ? `答复期限无法计算：${due.message}`
          : `答复期限由${row.due_on ?? '（无法计算）'}改为${next ?? '（暂不计算）'}`;
      await ctx.db.transaction().execute((trx) =>
        saveCaseChange(trx, ctx, loaded, {
          action: 'case.dueDateRecomputed',
          entries: [
            {
              kind: 'calendar',
              body: `因工作日历变更，${what}`,
              basis: '《中华人民共和国政府信息公开条例》第三十三条',
            },
          ],
          snapshot: r.snapshot,
          actorLabel: ctx.actor ? undefined : '系统（工作日历变更）',
          audit: { from: row.due_on, to: next },
        }),
      );
      changed++;
    }
  }
  return { checked, changed };
}
