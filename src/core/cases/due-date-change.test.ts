import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultCalendar } from '../calendar/default-calendar.ts';
import { dueDateChange } from './due-date-change.ts';
import { replayOrThrow } from './replay.ts';

it('a new notice or a closure moves open cases’ due dates, and says how', () => {
  const before = defaultCalendar();
  const open = replayOrThrow(
    [{ type: 'received', date: '2026-12-10', channel: 'inPerson', applicantType: 'natural' }],
    before,
  );
  // A made-up 2027 notice: 元旦 1-01…1-03. From 2026-12-10: 15 days through 12-31, then 1-04…1-08 (16–20).
  const notice = {
    year: 2027,
    source: '测试',
    daysOff: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' },
    makeUpDays: {},
  };
  const withNotice = defaultCalendar({ notices: [notice] });
  assert.deepEqual(dueDateChange(open, before, withNotice), {
    before: null,
    after: '2027-01-08',
    message: '节假日安排变更：答复期限由无法计算（缺少2027年节假日安排）调整为2027-01-08',
  });
  // A closure on Monday 12-14 pushes the 20th working day one further: 2027-01-11.
  const closure = defaultCalendar({
    notices: [notice],
    closures: [{ from: '2026-12-14', to: '2026-12-14', reason: '停电' }],
  });
  assert.equal(dueDateChange(open, withNotice, closure)?.after, '2027-01-11');
  assert.equal(dueDateChange(open, withNotice, withNotice), null);
  const closed = replayOrThrow(
    [
      { type: 'received', date: '2025-09-25', channel: 'inPerson', applicantType: 'natural' },
      { type: 'answered', date: '2025-10-09', answer: 'disclosed' },
    ],
    before,
  );
  assert.equal(dueDateChange(closed, before, closure), null, 'closed cases keep their record');
});
