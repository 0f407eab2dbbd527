import { chinaDate } from '../../core/calendar/iso-date.ts';
import { isItemStatus, type ItemStatus } from '../../core/publication/review-chain.ts';
import {
  measureTimeliness,
  summarizeTimeliness,
  type Timeliness,
  type TimelinessSummary,
} from '../../core/publication/timeliness.ts';
import { countItems, listItems, type ItemSummary } from '../../db/repositories/publication/publication-repository.ts';
import { agencyFilterFor } from '../platform/agency-filter-for.ts';
import type { UseCaseContext } from '../platform/context.ts';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import type { Executor } from '../../db/schema.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';
import { publicationCalendar } from './publication-calendar.ts';

export interface StaffItem extends ItemSummary {
  timeliness: Timeliness;
}

/**
 * The agencies' working calendars by agency path: the State Council notices as the administrator entered them
 * (over the shipped data) and the local closures of the agency and those above it (docs/calendar.md) — the same
 * calendar the 依申请公开 deadlines use (calendarForAgency). Loaded once per call, one calendar per path.
 */
export async function agencyCalendars(ex: Executor): Promise<(agencyPath: string) => WorkingCalendar> {
  const site = await loadWorkingCalendar(ex);
  const byPath = new Map<string, WorkingCalendar>();
  return (path) => {
    let c = byPath.get(path);
    if (!c) byPath.set(path, (c = site.forAgency(path)));
    return c;
  };
}

/**
 * 第二十六条: 20 working days from the 成文日期 (or the change date) to publication, on the agency's working calendar;
 * drafts count from creation.
 */
export function timelinessOf(item: ItemSummary, today: string, calendar: WorkingCalendar): Timeliness {
  return measureTimeliness(
    {
      formedOn: item.written_on ?? item.created_at.slice(0, 10),
      ...(item.changed_on ? { changedOn: item.changed_on } : {}),
      ...(item.published_on ? { publishedOn: item.published_on } : {}),
      today,
    },
    publicationCalendar(calendar),
  );
}

/** The items the actor may read (own agency; the supervisor its subtree), optionally of one status. */
export async function listStaffItems(
  ctx: UseCaseContext,
  options: { status?: string; page?: number; pageSize?: number } = {},
): Promise<{ items: StaffItem[]; total: number; page: number; pageSize: number }> {
  const filter = agencyFilterFor(ctx.actor, 'publication.read');
  const statuses: ItemStatus[] | undefined =
    options.status && isItemStatus(options.status) ? [options.status] : undefined;
  const pageSize = options.pageSize ?? 50;
  const page = Math.max(1, options.page ?? 1);
  const today = chinaDate(ctx.clock());
  const [rows, total, calendarOf] = await Promise.all([
    listItems(ctx.db, { filter, ...(statuses ? { statuses } : {}), limit: pageSize, offset: (page - 1) * pageSize }),
    countItems(ctx.db, { filter, ...(statuses ? { statuses } : {}) }),
    agencyCalendars(ctx.db),
  ]);
  const items = rows.map((r) => ({ ...r, timeliness: timelinessOf(r, today, calendarOf(r.agency_path)) }));
  return { items, total, page, pageSize };
}

/**
 * Items late or overdue under 第二十六条, for the agency's staff and (subtree) the supervising office, with a
 * summary per agency. Withdrawn items are not measured.
 */
export async function listLateItems(
  ctx: UseCaseContext,
): Promise<{ late: StaffItem[]; perAgency: { agencyName: string; summary: TimelinessSummary }[] }> {
  const filter = agencyFilterFor(ctx.actor, 'publication.read');
  const today = chinaDate(ctx.clock());
  const rows = await listItems(ctx.db, {
    filter,
    statuses: ['draft', 'review', 'approved', 'scheduled', 'published'],
    limit: 5000,
  });
  const calendarOf = await agencyCalendars(ctx.db);
  const measured = rows.map((r) => ({ ...r, timeliness: timelinessOf(r, today, calendarOf(r.agency_path)) }));
  const byAgency = new Map<string, Timeliness[]>();
  for (const m of measured) byAgency.set(m.agency_name, [...(byAgency.get(m.agency_name) ?? []), m.timeliness]);
  return {
    late: measured.filter((m) => m.timeliness.status === 'late' || m.timeliness.status === 'overdue'),
    perAgency: [...byAgency.entries()].map(([agencyName, list]) => ({
      agencyName,
      summary: summarizeTimeliness(list),
    })),
  };
}
