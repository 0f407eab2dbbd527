/**
 * What the supervision dashboard shows from the records besides the reports (issue 9 item 4): per agency, the
 * applications still open past their due date (条例第三十三条), as of today, and the items published in the year after
 * the 20-working-day limit (条例第二十六条). Read through the cases and publication repositories and the publication
 * module's own timeliness rule; a number and the list behind it come from the same query and rule, so they agree.
 */
import {
  countCases,
  countCasesByAgency,
  listCases,
  type CaseWithAgency,
} from '../../db/repositories/cases/case-repository.ts';
import { listPublishedBetween } from '../../db/repositories/publication/publication-repository.ts';
import type { AgencyFilter } from '../../db/repositories/platform/agency-filter.ts';
import type { AgencyRow, Db } from '../../db/schema.ts';
import { today } from '../cases/case-record.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { agencyCalendars, timelinessOf, type StaffItem } from '../publication/list-staff-items.ts';
import { agencyFor } from './report-access.ts';

export interface RecordAlerts {
  /** Open applications whose due date has passed (today). */
  overdueApplications: number;
  /** Items published in the year after the 20-working-day limit. */
  latePublications: number;
}

/** A list behind a number is shown whole up to this many rows (a page says when there are more). */
export const ALERT_LIST_LIMIT = 500;

async function lateItems(db: Db, filter: AgencyFilter, year: number, day: string): Promise<StaffItem[]> {
  const [items, calendarOf] = await Promise.all([
    listPublishedBetween(db, filter, `${year}-01-01`, `${year}-12-31`),
    agencyCalendars(db),
  ]);
  return items
    .map((i) => ({ ...i, timeliness: timelinessOf(i, day, calendarOf(i.agency_path)) }))
    .filter((i) => i.timeliness.status === 'late');
}

/** The figures of every agency of a subtree: one grouped count for the cases, one query for the items. */
export async function recordAlertsOf(
  ctx: Pick<UseCaseContext, 'db' | 'clock'>,
  subtreePath: string,
  agencies: readonly AgencyRow[],
  year: number,
): Promise<Map<string, RecordAlerts>> {
  const day = today(ctx);
  const overdue = await countCasesByAgency(ctx.db, { kind: 'subtree', path: subtreePath }, { overdueOn: day });
  const out = new Map<string, RecordAlerts>();
  for (const a of agencies) out.set(a.id, { overdueApplications: overdue.get(a.id) ?? 0, latePublications: 0 });
  for (const item of await lateItems(ctx.db, { kind: 'subtree', path: subtreePath }, year, day)) {
    const alerts = out.get(item.agency_id);
    if (alerts) alerts.latePublications++;
  }
  return out;
}

/** The open applications of an agency past their due date (the list behind the dashboard's number). */
export async function overdueApplicationsOf(
  ctx: UseCaseContext,
  agencyId: string,
): Promise<{ agency: AgencyRow; today: string; rows: CaseWithAgency[]; total: number }> {
  const agency = await agencyFor(ctx.db, ctx.actor, agencyId, 'report.review');
  const day = today(ctx);
  const filter: AgencyFilter = { kind: 'agency', agencyId: agency.id };
  const [{ rows }, total] = await Promise.all([
    listCases(ctx.db, filter, { overdueOn: day, limit: ALERT_LIST_LIMIT, offset: 0 }),
    countCases(ctx.db, filter, { overdueOn: day }),
  ]);
  return { agency, today: day, rows, total };
}

/** The items an agency published in the year after the 20-working-day limit (the list behind the number). */
export async function latePublicationsOf(
  ctx: UseCaseContext,
  agencyId: string,
  year: number,
): Promise<{ agency: AgencyRow; year: number; items: StaffItem[] }> {
  const agency = await agencyFor(ctx.db, ctx.actor, agencyId, 'report.review');
  return { agency, year, items: await lateItems(ctx.db, { kind: 'agency', agencyId: agency.id }, year, today(ctx)) };
}
