/** Due-soon and overdue on a given day (due 2025-10-29 for a case received 2025-09-25, counted by hand). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCalendar } from '../calendar/default-calendar.ts';
import type { CaseEvent } from './case-event.ts';
import { evaluateCase, evaluateDeadline } from './deadline-status.ts';
import { replayOrThrow } from './replay.ts';

const calendar = defaultCalendar();
const received: CaseEvent = { type: 'received', date: '2025-09-25', channel: 'post', applicantType: 'commercial' };
const on = (today: string, events: CaseEvent[] = [received]) =>
  evaluateDeadline(replayOrThrow(events, calendar, { asOf: today }), calendar, today);

describe('deadline status', () => {
  it('on track, due soon (≤ 5 working days), due today, overdue', () => {
    // 10-21: 10-22, 23, 24, 27, 28, 29 → 6 left. 10-22: 5 left. 10-29: 0. 10-30: one working day over.
    assert.deepEqual([on('2025-10-21').status, on('2025-10-21').workingDaysLeft], ['onTrack', 6]);
    assert.deepEqual([on('2025-10-22').status, on('2025-10-22').workingDaysLeft], ['dueSoon', 5]);
    assert.equal(on('2025-10-29').message, '今天到期（2025-10-29）');
    assert.deepEqual([on('2025-10-30').status, on('2025-10-30').workingDaysLeft], ['overdue', -1]);
    assert.equal(on('2025-10-30').message, '已逾期1个工作日（期限2025-10-29）');
    // Over the 国庆 holiday nothing is used up: 10-01 and 10-08 leave the same 16 days.
    assert.equal(on('2025-10-01').workingDaysLeft, on('2025-10-08').workingDaysLeft);
  });

  it('threshold is configurable', () => {
    const s = replayOrThrow([received], calendar);
    assert.equal(evaluateDeadline(s, calendar, '2025-10-21', { dueSoonDays: 6 }).status, 'dueSoon');
  });

  it('paused, and the statutory limits of a pause and of a 补正', () => {
    const consult: CaseEvent = {
      type: 'consultationStarted',
      date: '2025-10-13',
      kind: 'interAgency',
      deliveredOn: '2025-10-14',
    };
    assert.equal(on('2025-10-20', [received, consult]).status, 'paused');
    assert.equal(on('2025-11-05', [received, consult]).status, 'consultationExpired');
    const fee: CaseEvent = { type: 'feeNoticeSent', date: '2025-10-09', amountYuan: 100, deliveredOn: '2025-10-10' };
    assert.equal(on('2025-11-07', [received, fee]).status, 'feeExpired');
    const ask: CaseEvent = { type: 'correctionRequested', date: '2025-09-30', correctBy: '2025-10-12' };
    assert.equal(on('2025-10-13', [received, ask]).status, 'awaitingCorrection');
    assert.equal(on('2025-10-14', [received, ask]).status, 'correctionExpired');
  });

  it('closed cases: on time, late, other endings', () => {
    assert.equal(
      on('2025-12-01', [received, { type: 'answered', date: '2025-10-29', answer: 'disclosed' }]).status,
      'closedOnTime',
    );
    assert.equal(
      on('2025-12-01', [received, { type: 'answered', date: '2025-10-30', answer: 'disclosed' }]).status,
      'closedLate',
    );
    assert.equal(on('2025-12-01', [received, { type: 'withdrawn', date: '2025-10-30' }]).status, 'closed');
  });

  it('past the calendar: unknown, with the missing year', () => {
    const late: CaseEvent = { ...received, date: '2026-12-10' };
    const e = on('2026-12-11', [late]);
    assert.equal(e.status, 'unknown');
    assert.match(e.message, /缺少2027年节假日安排/);
  });

  it('evaluateCase takes "today" from the clock in China time', () => {
    // 2025-10-29T20:00Z is already 10-30 in Beijing.
    const { deadline } = evaluateCase([received], calendar, () => new Date('2025-10-29T20:00:00Z'));
    assert.equal(deadline?.status, 'overdue');
    const before = evaluateCase([received], calendar, () => new Date('2025-10-29T15:59:00Z'));
    assert.equal(before.deadline?.status, 'dueSoon');
  });
});
