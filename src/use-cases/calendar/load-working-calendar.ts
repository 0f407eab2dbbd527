/**
 * The product's working-day calendar from the database: the shipped State Council lists (chinese-days), overridden
 * by the notices an administrator entered, plus local closures (docs/calendar.md). 条例第三十三条 counts in 工作日;
 * which days those are is this function's answer, the same on every app server.
 *
 * Cached per process: each call costs one primary-key read of the `calendar` cache generation
 * (`cache_generations`, bumped in the same transaction as every change), and rebuilds only when it moved — so
 * a change made on one app server is seen by the next computation on every other one, never a stale deadline.
 */
import type { HolidayYear, LocalClosure } from '../../core/calendar/holiday-data.ts';
import { defaultCalendar } from '../../core/calendar/default-calendar.ts';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import { currentCalendarNotices, listCalendarClosures } from '../../db/repositories/calendar/calendar-repository.ts';
import { readCacheGeneration } from '../../db/repositories/platform/cache-generation-repository.ts';
import type { Executor } from '../../db/schema.ts';

/** The cache scope every calendar change bumps. */
export const calendarCacheScope = 'calendar';

/** A local closure and where it applies: an agency's subtree (its materialised path), or everywhere (null). */
export interface ScopedClosure extends LocalClosure {
  id: string;
  agencyId: string | null;
  agencyPath: string | null;
}

/**
 * The site's calendar (notices and site-wide closures) — itself a `WorkingCalendar` — and, per agency, the same
 * with the closures of that agency and of every agency above it (a closure is entered for a subtree).
 */
export interface SiteCalendar extends WorkingCalendar {
  forAgency(agencyPath: string): WorkingCalendar;
  /** The entered notices in force (withdrawn years left out), by year. */
  notices: readonly HolidayYear[];
  closures: readonly ScopedClosure[];
}

export function buildSiteCalendar(notices: HolidayYear[], closures: ScopedClosure[]): SiteCalendar {
  const siteWide = closures.filter((c) => c.agencyPath === null);
  const site = defaultCalendar({ notices, closures: siteWide });
  const perAgency = new Map<string, WorkingCalendar>();
  return {
    coverage: site.coverage,
    day: (date) => site.day(date),
    notices,
    closures,
    forAgency(agencyPath) {
      let calendar = perAgency.get(agencyPath);
      if (!calendar) {
        const own = closures.filter((c) => c.agencyPath === null || agencyPath.startsWith(c.agencyPath));
        calendar = own.length === siteWide.length ? site : defaultCalendar({ notices, closures: own });
        perAgency.set(agencyPath, calendar);
      }
      return calendar;
    },
  };
}

async function readSiteCalendar(db: Executor): Promise<SiteCalendar> {
  const rows = await currentCalendarNotices(db);
  const notices: HolidayYear[] = rows
    .filter((r) => r.withdrawn === 0)
    .map((r) => ({
      year: Number(r.year),
      source: r.source,
      daysOff: JSON.parse(r.days_off) as Record<string, string>,
      makeUpDays: JSON.parse(r.make_up_days) as Record<string, string>,
    }));
  const closures: ScopedClosure[] = (await listCalendarClosures(db, true)).map((c) => ({
    id: c.id,
    from: c.date_from,
    to: c.date_to,
    reason: c.reason,
    agencyId: c.agency_id,
    agencyPath: c.agency_id === null ? null : c.agency_path,
  }));
  return buildSiteCalendar(notices, closures);
}

interface Cached {
  generation: number;
  calendar: Promise<SiteCalendar>;
}

/**
 * Keyed by the database handle's adapter, which a Kysely instance shares with all its transactions: one cache
 * per database (tests open many in one process), whether the caller passes the handle or a transaction.
 */
const caches = new WeakMap<object, Cached>();

export async function loadWorkingCalendar(db: Executor): Promise<SiteCalendar> {
  const key = db.getExecutor().adapter;
  const generation = await readCacheGeneration(db, calendarCacheScope);
  const hit = caches.get(key);
  if (hit && hit.generation === generation) return hit.calendar;
  const calendar = readSiteCalendar(db);
  // A transaction may see its own uncommitted change (and then roll back): what it reads is never shared.
  if (db.isTransaction) return calendar;
  caches.set(key, { generation, calendar });
  calendar.catch(() => {
    if (caches.get(key)?.calendar === calendar) caches.delete(key);
  });
  return calendar;
}
