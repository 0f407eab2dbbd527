import { addWorkingDays } from '../../core/calendar/add-working-days.ts';
import { chinaDate } from '../../core/calendar/iso-date.ts';
import { deadlineReminder, reminderText, REMINDER_DUE_SOON_DAYS } from '../../core/cases/deadline-reminder.ts';
import { can } from '../../core/platform/policy.ts';
import { casesToRemind, insertCaseReminderOnce } from '../../db/repositories/cases/case-reminder-repository.ts';
import { staffOfAgency, type CaseStaffRow } from '../../db/repositories/cases/case-staff-repository.ts';
import { listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import type { AgencyRow, Db } from '../../db/schema.ts';
import { deliverableEmail, notify } from '../notifications/notify.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { parseRoles } from '../platform/actor-from-user.ts';
import { calendarForAgency } from './case-calendar.ts';

/** Who is reminded in the back office: the 承办人, or — unassigned, or no longer able to act — everyone who can. */
function recipients(staff: readonly CaseStaffRow[], agency: AgencyRow, assigneeId: string | null): CaseStaffRow[] {
  const able = staff.filter((s) =>
    can(
      {
        id: s.id,
        login: s.login,
        displayName: s.display_name,
        agencyId: s.agency_id,
        agencyPath: agency.path,
        roles: parseRoles(s.roles),
      },
      'case.handle',
      { agencyId: agency.id, agencyPath: agency.path },
    ),
  );
  const assignee = able.find((s) => s.id === assigneeId);
  return assignee ? [assignee] : able;
}

/**
 * Deadline reminders of applications (issue 7 item 4; 条例第三十三条): for each running case, "due soon" from the
 * 3rd working day before its due date on the agency's own working-day calendar, and "overdue" once the date has
 * passed — in the back office to the 承办人 (unassigned: every staff member of the agency who handles cases), and by
 * e-mail to each of them who has an address and to the agency's mailbox, when SMTP is configured. Paused cases (consultation,
 * fee wait), cases awaiting 补正 and closed ones are not reminded: their clock is not running.
 *
 * Once per case, kind and due date: the `case_reminders` row is written in the same transaction as the
 * notifications (and their outbox), so a crash or a second app server never sends twice, and a due date that
 * moved (extension, 补正, calendar change) is reminded again. Returns how many reminders were written.
 */
export async function remindCaseDeadlines(db: Db, ctx: Pick<UseCaseContext, 'clock' | 'delivery'>): Promise<number> {
  const today = chinaDate(ctx.clock());
  let sent = 0;
  for (const agency of await listAgencies(db)) {
    const calendar = await calendarForAgency(db, agency.path);
    // Cases due within the reminder window; past the calendar's data the window ends where the data does (a due
    // date beyond it cannot have been computed anyway).
    const window = addWorkingDays(calendar, today, REMINDER_DUE_SOON_DAYS, []);
    const dueBy = window.ok ? window.value.due : calendar.coverage.lastDate;
    const cases = await casesToRemind(db, agency.id, dueBy, today);
    if (cases.length === 0) continue;
    const staff = await staffOfAgency(db, agency.id);
    const mailbox = deliverableEmail(agency.email);
    for (const c of cases) {
      const r = deadlineReminder(calendar, today, c.due_on);
      if (!r.ok || r.value === null) continue;
      const reminder = r.value;
      const text = reminderText(reminder, {
        trackingCode: c.tracking_code,
        agencyName: agency.name,
        receivedOn: c.received_on,
      });
      const link = `/staff/cases/${c.id}`;
      const written = await db.transaction().execute(async (trx) => {
        const fresh = await insertCaseReminderOnce(trx, {
          case_id: c.id,
          kind: reminder.kind,
          due_on: reminder.due,
          created_at: ctx.clock().toISOString(),
        });
        if (!fresh) return false;
        const people = recipients(staff, agency, c.assignee_id);
        const mailed = new Set<string>();
        for (const person of people) {
          const email = deliverableEmail(person.email);
          if (email) mailed.add(email.toLowerCase());
          await notify(trx, ctx, { userId: person.id, email: email ?? undefined, agencyId: agency.id, link, ...text });
        }
        if (mailbox && !mailed.has(mailbox.toLowerCase()))
          await notify(trx, ctx, { email: mailbox, agencyId: agency.id, link, ...text });
        return true;
      });
      if (written) sent++;
    }
  }
  return sent;
}
