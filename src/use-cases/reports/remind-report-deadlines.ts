import { listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { insertReminderOnce, listReports } from '../../db/repositories/reports/report-repository.ts';
import type { Db } from '../../db/schema.ts';
import { deadlineDate } from './report-checks.ts';
import { beijingDate } from './report-figures.ts';

const DAY = 86400_000;

/**
 * Reminders of the annual report deadline (条例第四十九条, per agency): 15 days before, and once it has passed
 * without publication. Each reminder is written once per agency, year and kind; the staff report page lists them.
 * (In-app only: the platform has no e-mail/SMS notifications module yet.)
 */
export async function remindReportDeadlines(db: Db, now: Date): Promise<number> {
  const today = beijingDate(now);
  const year = Number(today.slice(0, 4)) - 1;
  const agencies = await listAgencies(db);
  const roots = agencies.filter((a) => a.parent_id === null);
  const published = new Set<string>();
  for (const root of roots)
    for (const r of await listReports(db, { kind: 'subtree', path: root.path }, { year, state: 'published' }))
      published.add(r.agency_id);
  let sent = 0;
  for (const a of agencies) {
    if (published.has(a.id)) continue;
    const due = deadlineDate(a, year);
    const soon = beijingDate(new Date(Date.parse(`${due}T00:00:00+08:00`) - 15 * DAY));
    const kind = today > due ? 'overdue' : today >= soon ? 'due-soon' : null;
    if (!kind) continue;
    const message =
      kind === 'overdue'
        ? `${a.name}${year}年政府信息公开工作年度报告已超过公布期限（${due}），尚未发布`
        : `${a.name}${year}年政府信息公开工作年度报告须于${due}前发布`;
    if (await insertReminderOnce(db, { agency_id: a.id, year, kind, message, created_at: now.toISOString() })) sent++;
  }
  return sent;
}
