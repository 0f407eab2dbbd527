/**
 * Which deadline reminder a running case is owed on a day (issue 7 item 4): "due soon" from the 3rd working day
 * before the due date (the agency's working-day calendar, so a reminder three working days ahead may come 11
 * calendar days ahead across 国庆), "overdue" once the due date (条例第三十三条) has passed.
 */
import type { CalendarResult } from '../calendar/calendar-result.ts';
import { ok } from '../calendar/calendar-result.ts';
import { countWorkingDays } from '../calendar/count-working-days.ts';
import type { IsoDate } from '../calendar/iso-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';

export type ReminderKind = 'dueSoon' | 'overdue';

/** Working days before the due date from which a case is "due soon" for reminders. */
export const REMINDER_DUE_SOON_DAYS = 3;

export interface DeadlineReminder {
  kind: ReminderKind;
  due: IsoDate;
  /** Working days in (today, due]: 0 = due today; negative = overdue by that many working days. */
  workingDaysLeft: number;
}

export function deadlineReminder(
  calendar: WorkingCalendar,
  today: IsoDate,
  due: IsoDate,
  dueSoonDays = REMINDER_DUE_SOON_DAYS,
): CalendarResult<DeadlineReminder | null> {
  if (today > due) {
    const late = countWorkingDays(calendar, due, today);
    // Past the due date on a day off right after it: still overdue (the period ended), 0 working days late yet.
    return late.ok ? ok({ kind: 'overdue', due, workingDaysLeft: 0 - late.value }) : late;
  }
  const left = countWorkingDays(calendar, today, due);
  if (!left.ok) return left;
  return ok(left.value <= dueSoonDays ? { kind: 'dueSoon', due, workingDaysLeft: left.value } : null);
}

/** The Chinese subject and body of a reminder (no applicant data: e-mail leaves the platform). */
export function reminderText(
  r: DeadlineReminder,
  c: { trackingCode: string; agencyName: string; receivedOn: IsoDate },
): { subject: string; body: string } {
  const what = `${c.agencyName}于${c.receivedOn}收到的政府信息公开申请（受理编号${c.trackingCode}）`;
  if (r.kind === 'overdue') {
    const late = -r.workingDaysLeft;
    return {
      subject: `【已逾期】${c.trackingCode} 已超过答复期限（${r.due}）`,
      body: `${what}的答复期限为${r.due}，${late > 0 ? `已逾期${late}个工作日` : '期限已届满'}，尚未答复。请尽快依法作出答复（《中华人民共和国政府信息公开条例》第三十三条）。`,
    };
  }
  const left = r.workingDaysLeft === 0 ? '今天到期' : `还有${r.workingDaysLeft}个工作日`;
  return {
    subject: `【即将到期】${c.trackingCode} 答复期限${left}（${r.due}）`,
    body: `${what}的答复期限为${r.due}，${left}。请在期限内作出答复（《中华人民共和国政府信息公开条例》第三十三条）。`,
  };
}
