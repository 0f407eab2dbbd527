import type { Role } from '../../core/platform/roles.ts';
import { listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { listUsers, type UserWithAgency } from '../../db/repositories/platform/user-repository.ts';
import { insertReminderOnce, listReports } from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow } from '../../db/schema.ts';
import type { WorkDeps } from '../../jobs/background-work.ts';
import { deliverableEmail, notify, type Notification } from '../notifications/notify.ts';
import { deadlineDate } from './report-checks.ts';
import { beijingDate } from './report-figures.ts';

const DAY = 86400_000;
type Staff = UserWithAgency & { roleList: string[] };
/** Who writes the agency's report (policy.ts `report.edit`): they are told the deadline is near or missed. */
const REPORT_STAFF: readonly Role[] = ['handler', 'reviewer', 'head'];

type Kind = 'due-soon' | 'overdue';

/**
 * Reminders of the annual report deadline (条例第四十九条, per agency): 15 days before, and once it has passed
 * without publication. Each reminder is written once per agency, year and kind (the `report_reminders` key), and in
 * the same transaction it is sent through `notify`: in-app to the agency's report staff and by e-mail to the
 * agency's published mailbox; an overdue report also reaches the supervising office (条例第五十条: 上级 监督), its
 * 上级监督 staff in-app and its mailbox by e-mail. If sending cannot be queued the reminder is not recorded either,
 * so the next run tries again; once recorded it is never sent twice.
 */
export async function remindReportDeadlines(deps: Pick<WorkDeps, 'db' | 'clock' | 'delivery'>): Promise<number> {
  const now = deps.clock();
  const today = beijingDate(now);
  const year = Number(today.slice(0, 4)) - 1;
  const agencies = await listAgencies(deps.db);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const published = new Set<string>();
  for (const root of agencies.filter((a) => a.parent_id === null))
    for (const r of await listReports(deps.db, { kind: 'subtree', path: root.path }, { year, state: 'published' }))
      published.add(r.agency_id);
  // Active staff with their roles, read once: a district has a few hundred accounts.
  const staff = (await listUsers(deps.db, { kind: 'all' }))
    .filter((u) => u.disabled === 0)
    .map((u) => ({ ...u, roleList: JSON.parse(u.roles) as string[] }));
  let sent = 0;
  for (const a of agencies) {
    if (published.has(a.id)) continue;
    const due = deadlineDate(a, year);
    const soon = beijingDate(new Date(Date.parse(`${due}T00:00:00+08:00`) - 15 * DAY));
    const kind: Kind | null = today > due ? 'overdue' : today >= soon ? 'due-soon' : null;
    if (!kind) continue;
    const subject =
      kind === 'overdue'
        ? `${a.name}${year}年政府信息公开工作年度报告已超过公布期限（${due}），尚未发布`
        : `${a.name}${year}年政府信息公开工作年度报告须于${due}前发布`;
    const parent = a.parent_id ? byId.get(a.parent_id) : undefined;
    const inserted = await deps.db.transaction().execute(async (trx) => {
      if (
        !(await insertReminderOnce(trx, {
          agency_id: a.id,
          year,
          kind,
          message: subject,
          created_at: now.toISOString(),
        }))
      )
        return false;
      for (const n of reminderNotifications(staff, a, parent, kind, year, subject))
        await notify(trx, { clock: deps.clock, delivery: deps.delivery }, n);
      return true;
    });
    if (inserted) sent++;
  }
  return sent;
}

/** The notifications of one reminder: report staff (and, when overdue, the supervising office), in-app and mailbox. */
function reminderNotifications(
  staff: readonly Staff[],
  agency: AgencyRow,
  parent: AgencyRow | undefined,
  kind: Kind,
  year: number,
  subject: string,
): Notification[] {
  const body =
    kind === 'overdue'
      ? `按照《中华人民共和国政府信息公开条例》第四十九条，${agency.name}应于${deadlineText(agency, year)}前公布${year}年政府信息公开工作年度报告，目前尚未发布。`
      : `按照《中华人民共和国政府信息公开条例》第四十九条，${agency.name}应于${deadlineText(agency, year)}前公布${year}年政府信息公开工作年度报告，请及时起草、报送审核并发布。`;
  const staffLink = `/staff/reports?year=${year}`;
  const out: Notification[] = [];
  // Each person in-app and at their own address when they have one; the mailboxes unless a person already got it.
  const mailed = new Set<string>();
  const person = (u: Staff, link: string): Notification => {
    const email = deliverableEmail(u.email);
    if (email) mailed.add(email.toLowerCase());
    return { userId: u.id, email: email ?? undefined, subject, body, link, agencyId: agency.id };
  };
  for (const u of staff.filter(
    (s) => s.agency_id === agency.id && s.roleList.some((r) => REPORT_STAFF.includes(r as Role)),
  ))
    out.push(person(u, staffLink));
  const mailbox = deliverableEmail(agency.email);
  if (mailbox && !mailed.has(mailbox.toLowerCase()))
    out.push({ email: mailbox, subject, body, link: staffLink, agencyId: agency.id });
  if (kind === 'overdue') {
    // The supervising office: 上级监督 staff whose subtree holds the agency (they see it on the dashboard).
    const supervisors = staff.filter(
      (u) => u.agency_id !== agency.id && agency.path.startsWith(u.agency_path) && u.roleList.includes('supervisor'),
    );
    const link = `/staff/supervision?year=${year}`;
    for (const u of supervisors) out.push(person(u, link));
    const office = parent ? deliverableEmail(parent.email) : null;
    if (office && office !== mailbox && !mailed.has(office.toLowerCase()))
      out.push({ email: office, subject, body, link, agencyId: agency.id });
  }
  return out;
}

function deadlineText(agency: AgencyRow, year: number): string {
  const [y, m, d] = deadlineDate(agency, year).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
