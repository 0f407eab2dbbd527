/** What the calendar administration page shows: coverage, every year's source, the notice history, closures. */
import { shippedHolidayData } from '../../core/calendar/default-calendar.ts';
import type { Coverage } from '../../core/calendar/working-calendar.ts';
import { listCalendarClosures, listCalendarNotices } from '../../db/repositories/calendar/calendar-repository.ts';
import { listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import type { AgencyRow } from '../../db/schema.ts';
import type { ClosureWithPath, NoticeWithAuthor } from '../../db/repositories/calendar/calendar-repository.ts';
import { agencyFilterFor } from '../platform/agency-filter-for.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { managesWholeSite, requireCalendarAccess, requireWholeSite } from './calendar-permission.ts';
import { formatDayLines } from '../../core/calendar/notice-text.ts';
import { loadWorkingCalendar } from './load-working-calendar.ts';

export interface YearSource {
  year: number;
  kind: 'shipped' | 'entered';
  source: string;
}

export interface CalendarOverview {
  coverage: Coverage;
  years: YearSource[];
  /** Every entered revision, newest first, with who entered it. */
  history: NoticeWithAuthor[];
  /** Site-wide closures and those of agencies the actor manages. */
  closures: ClosureWithPath[];
  /** Agencies the actor may close (for the form). */
  agencies: AgencyRow[];
  wholeSite: boolean;
}

export async function calendarOverview(ctx: UseCaseContext): Promise<CalendarOverview> {
  requireCalendarAccess(ctx.actor);
  const calendar = await loadWorkingCalendar(ctx.db);
  const entered = new Map(calendar.notices.map((n) => [n.year, n]));
  const years: YearSource[] = calendar.coverage.years
    .map((year): YearSource => {
      const e = entered.get(year);
      if (e) return { year, kind: 'entered', source: e.source };
      return { year, kind: 'shipped', source: shippedHolidayData().years.find((y) => y.year === year)?.source ?? '' };
    })
    .reverse();
  const path = ctx.actor!.agencyPath;
  const closures = (await listCalendarClosures(ctx.db, false)).filter(
    (c) => c.agency_path === null || c.agency_path.startsWith(path),
  );
  return {
    coverage: calendar.coverage,
    years,
    history: await listCalendarNotices(ctx.db),
    closures,
    agencies: await listAgencies(ctx.db, agencyFilterFor(ctx.actor, 'calendar.manage')),
    wholeSite: await managesWholeSite(ctx),
  };
}

export interface NoticeFormData {
  year: number;
  source: string;
  daysOff: string;
  makeUpDays: string;
  /** The revision a save must be based on (0: none entered yet). */
  revision: number;
  /** Where the prefilled days come from. */
  from: 'entered' | 'shipped' | 'none';
  history: NoticeWithAuthor[];
}

/** The notice form of a year, prefilled with what holds now (an earlier entry, else the shipped data). */
export async function noticeFormData(ctx: UseCaseContext, year: number): Promise<NoticeFormData> {
  await requireWholeSite(ctx);
  const calendar = await loadWorkingCalendar(ctx.db);
  const history = await listCalendarNotices(ctx.db, year);
  const entered = calendar.notices.find((n) => n.year === year);
  const shipped = shippedHolidayData().years.find((y) => y.year === year);
  const now = entered ?? shipped;
  return {
    year,
    source: entered?.source ?? '',
    daysOff: now ? formatDayLines(now.daysOff) : '',
    makeUpDays: now ? formatDayLines(now.makeUpDays) : '',
    revision: history[0]?.revision ?? 0,
    from: entered ? 'entered' : shipped ? 'shipped' : 'none',
    history,
  };
}
