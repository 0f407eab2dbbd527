import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unwrap } from '../calendar/calendar-result.ts';
import { defaultCalendar } from '../calendar/default-calendar.ts';
import { deadlineReminder, reminderText } from './deadline-reminder.ts';

const cal = defaultCalendar();

// Counted by hand from 国办发明电〔2024〕12号 (2025 notice): 国庆 10-01…10-08 off; Sun 09-28 and Sat 10-11 worked.
test('due soon from the 3rd working day before the due date, across 国庆 and its make-up days', () => {
  const due = '2025-10-09';
  // Fri 09-26: 09-28 (make-up Sunday), 09-29, 09-30, 10-09 = 4 working days left: not yet.
  assert.equal(unwrap(deadlineReminder(cal, '2025-09-26', due)), null);
  // Sat 09-27 (off): the same 4 days.
  assert.equal(unwrap(deadlineReminder(cal, '2025-09-27', due)), null);
  // Sun 09-28, a working day, 11 calendar days ahead: 09-29, 09-30, 10-09 = 3.
  assert.deepEqual(unwrap(deadlineReminder(cal, '2025-09-28', due)), { kind: 'dueSoon', due, workingDaysLeft: 3 });
  // During the holiday only 10-09 is left.
  assert.deepEqual(unwrap(deadlineReminder(cal, '2025-10-05', due)), { kind: 'dueSoon', due, workingDaysLeft: 1 });
  assert.deepEqual(unwrap(deadlineReminder(cal, due, due)), { kind: 'dueSoon', due, workingDaysLeft: 0 });
});

test('overdue the day after the due date, counted in working days late', () => {
  const due = '2025-10-09';
  assert.deepEqual(unwrap(deadlineReminder(cal, '2025-10-10', due)), { kind: 'overdue', due, workingDaysLeft: -1 });
  // Sat 10-11 was worked (调休): two working days late.
  assert.deepEqual(unwrap(deadlineReminder(cal, '2025-10-11', due)), { kind: 'overdue', due, workingDaysLeft: -2 });
  // Due Friday, Saturday after: the period has ended, no working day late yet.
  assert.deepEqual(unwrap(deadlineReminder(cal, '2025-11-08', '2025-11-07')), {
    kind: 'overdue',
    due: '2025-11-07',
    workingDaysLeft: 0,
  });
});

test('past the calendar data the reminder is refused, never guessed', () => {
  const r = deadlineReminder(cal, '2026-12-30', '2027-01-05');
  assert.equal(r.ok, false);
});

test('the text names the case, the due date and the article, and nothing about the applicant', () => {
  const c = { trackingCode: 'GK-2025-0001', agencyName: '区政府办公室', receivedOn: '2025-09-04' };
  const soon = reminderText({ kind: 'dueSoon', due: '2025-10-09', workingDaysLeft: 3 }, c);
  assert.equal(soon.subject, '【即将到期】GK-2025-0001 答复期限还有3个工作日（2025-10-09）');
  assert.match(soon.body, /区政府办公室于2025-09-04收到.*GK-2025-0001.*2025-10-09.*第三十三条/);
  const today = reminderText({ kind: 'dueSoon', due: '2025-10-09', workingDaysLeft: 0 }, c);
  assert.match(today.subject, /今天到期/);
  const late = reminderText({ kind: 'overdue', due: '2025-10-09', workingDaysLeft: -2 }, c);
  assert.equal(late.subject, '【已逾期】GK-2025-0001 已超过答复期限（2025-10-09）');
  assert.match(late.body, /已逾期2个工作日/);
});
