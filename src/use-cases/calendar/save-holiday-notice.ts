/**
 * Enters a year's State Council notice (国务院办公厅关于XXXX年部分节假日安排的通知): stored as a new revision, taking
 * precedence over the shipped data for that year, audited, and announced to every app server through the
 * calendar's cache generation — all in one transaction. Then the registered hooks recompute open cases' due dates
 * (条例第三十三条 periods are counted in working days, so they move when the calendar does).
 */
import { AppError } from '../../core/platform/app-error.ts';
import {
  insertCalendarNotice,
  latestNoticeRevision,
  listCalendarNotices,
} from '../../db/repositories/calendar/calendar-repository.ts';
import { bumpCacheGeneration } from '../../db/repositories/platform/cache-generation-repository.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { afterCalendarChange } from './after-calendar-change.ts';
import type { HolidayNoticeInput } from './calendar-input.ts';
import { requireWholeSite } from './calendar-permission.ts';
import { calendarCacheScope } from './load-working-calendar.ts';
import { checkedNotice } from './preview-holiday-notice.ts';

export interface CalendarChangeResult {
  /** Messages of hooks that failed (the change itself is saved). */
  hookFailures: string[];
}

export async function saveHolidayNotice(
  ctx: UseCaseContext,
  input: HolidayNoticeInput,
): Promise<CalendarChangeResult & { revision: number }> {
  await requireWholeSite(ctx);
  const { notice, warnings } = checkedNotice(input);
  if (warnings.length > 0 && !input.confirm)
    throw new AppError('VALIDATION', '请核对提示后勾选“已核对”再保存', { confirm: warnings.join('；') });
  const revision = await ctx.db.transaction().execute(async (trx) => {
    const latest = await latestNoticeRevision(trx, notice.year);
    if (latest !== input.revision)
      throw new AppError('CONFLICT', `${notice.year}年的节假日安排已被修改（可能是重复提交），请重新打开后核对`);
    const [previous] = await listCalendarNotices(trx, notice.year);
    const row = {
      id: newId(),
      year: notice.year,
      revision: latest + 1,
      source: notice.source,
      days_off: JSON.stringify(notice.daysOff),
      make_up_days: JSON.stringify(notice.makeUpDays),
      withdrawn: 0,
      entered_by: ctx.actor!.id,
      entered_at: nowIso(ctx),
    };
    // The UNIQUE (year, revision) makes two concurrent saves of one year end in one DUPLICATE, not two heads.
    await insertCalendarNotice(trx, row);
    await bumpCacheGeneration(trx, calendarCacheScope);
    await recordAudit(trx, ctx, {
      action: 'calendar.noticeSaved',
      entity: 'calendar_notice',
      entityId: String(notice.year),
      before: previous
        ? { revision: previous.revision, withdrawn: previous.withdrawn === 1, source: previous.source }
        : null,
      after: { revision: row.revision, ...notice, confirmedWarnings: warnings },
    });
    return row.revision;
  });
  return { revision, hookFailures: await afterCalendarChange(ctx) };
}

/** Takes a year back to the shipped data (or to no data): a new revision marked withdrawn, audited. */
export async function withdrawHolidayNotice(
  ctx: UseCaseContext,
  year: number,
  expectedRevision: number,
): Promise<CalendarChangeResult> {
  await requireWholeSite(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const [previous] = await listCalendarNotices(trx, year);
    if (!previous || previous.withdrawn === 1) throw new AppError('NOT_FOUND', `${year}年没有录入的节假日安排`);
    if (previous.revision !== expectedRevision)
      throw new AppError('CONFLICT', `${year}年的节假日安排已被修改（可能是重复提交），请重新打开后核对`);
    await insertCalendarNotice(trx, {
      id: newId(),
      year,
      revision: previous.revision + 1,
      source: previous.source,
      days_off: '{}',
      make_up_days: '{}',
      withdrawn: 1,
      entered_by: ctx.actor!.id,
      entered_at: nowIso(ctx),
    });
    await bumpCacheGeneration(trx, calendarCacheScope);
    await recordAudit(trx, ctx, {
      action: 'calendar.noticeWithdrawn',
      entity: 'calendar_notice',
      entityId: String(year),
      before: { revision: previous.revision, source: previous.source },
      after: { revision: previous.revision + 1, withdrawn: true },
    });
  });
  return { hookFailures: await afterCalendarChange(ctx) };
}
