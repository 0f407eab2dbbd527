/**
 * What saving a notice would change, shown before it is saved: the days as parsed, the warnings to confirm, each
 * date whose meaning changes against what is in force now (the shipped data or an earlier entry), and how far the
 * calendar will then reach. Reads only.
 */
import { shippedHolidayData } from '../../core/calendar/default-calendar.ts';
import type { HolidayYear } from '../../core/calendar/holiday-data.ts';
import { weekdayLabel, type IsoDate } from '../../core/calendar/iso-date.ts';
import { noticeFromText } from '../../core/calendar/notice-text.ts';
import { checkHolidayNotice } from '../../core/calendar/validate-holiday-input.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { latestNoticeRevision } from '../../db/repositories/calendar/calendar-repository.ts';
import { defaultCalendar } from '../../core/calendar/default-calendar.ts';
import type { UseCaseContext } from '../platform/context.ts';
import type { HolidayNoticeInput } from './calendar-input.ts';
import { requireWholeSite } from './calendar-permission.ts';
import { loadWorkingCalendar } from './load-working-calendar.ts';

export interface DayChange {
  date: IsoDate;
  weekday: string;
  before: string;
  after: string;
}

export interface NoticePreview {
  notice: HolidayYear;
  warnings: string[];
  /** What holds for the year now. */
  current: { kind: 'shipped' | 'entered' | 'none'; source: string };
  changes: DayChange[];
  /** The revision the save must be based on. */
  revision: number;
  lastCoveredAfter: IsoDate;
}

/** The notice parsed and checked; VALIDATION with the problems by field. */
export function checkedNotice(input: Pick<HolidayNoticeInput, 'year' | 'source' | 'daysOff' | 'makeUpDays'>): {
  notice: HolidayYear;
  warnings: string[];
} {
  const { notice, problems } = noticeFromText(input);
  const check = checkHolidayNotice(notice);
  const errors = { ...check.errors, ...problems };
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION', undefined, errors);
  return { notice, warnings: check.warnings };
}

function describe(y: HolidayYear | undefined, date: IsoDate): string {
  if (!y) return '—';
  if (date in y.daysOff) return `放假（${y.daysOff[date]}）`;
  if (date in y.makeUpDays) return `调休上班（${y.makeUpDays[date]}）`;
  return '—';
}

export async function previewHolidayNotice(ctx: UseCaseContext, input: HolidayNoticeInput): Promise<NoticePreview> {
  await requireWholeSite(ctx);
  const { notice, warnings } = checkedNotice(input);
  const calendar = await loadWorkingCalendar(ctx.db);
  const entered = calendar.notices.find((n) => n.year === notice.year);
  const shipped = shippedHolidayData().years.find((y) => y.year === notice.year);
  const now = entered ?? shipped;
  const dates = new Set([
    ...Object.keys(notice.daysOff),
    ...Object.keys(notice.makeUpDays),
    ...Object.keys(now?.daysOff ?? {}),
    ...Object.keys(now?.makeUpDays ?? {}),
  ]);
  const changes = [...dates]
    .sort()
    .map((date) => ({ date, weekday: weekdayLabel(date), before: describe(now, date), after: describe(notice, date) }))
    .filter((c) => c.before !== c.after);
  const revision = await latestNoticeRevision(ctx.db, notice.year);
  if (revision !== input.revision)
    throw new AppError('CONFLICT', `${notice.year}年的节假日安排已被他人修改，请重新打开录入表后核对`);
  const others = calendar.notices.filter((n) => n.year !== notice.year);
  return {
    notice,
    warnings,
    current: entered
      ? { kind: 'entered', source: entered.source }
      : shipped
        ? { kind: 'shipped', source: shipped.source }
        : { kind: 'none', source: '' },
    changes,
    revision,
    lastCoveredAfter: defaultCalendar({ notices: [...others, notice] }).coverage.lastDate,
  };
}
