/** The prefix-sum index answers exactly as the day-by-day walk, inside the data and at its edges. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addWorkingDays } from './add-working-days.ts';
import { countWorkingDays } from './count-working-days.ts';
import { defaultCalendar, shippedHolidayData } from './default-calendar.ts';
import { fromDayNumber, dayNumber } from './iso-date.ts';
import { buildCalendar } from './working-calendar.ts';
import { workingDayIndex } from './working-day-index.ts';

const calendar = defaultCalendar();
const index = workingDayIndex(calendar);
const first = dayNumber(calendar.coverage.firstDate);
const last = dayNumber(calendar.coverage.lastDate);
// Dates from a little before the data to a little after it, so both edges are crossed.
const date = fc.integer({ min: first - 40, max: last + 40 }).map(fromDayNumber);

describe('working-day index', () => {
  it('counts as countWorkingDays, in both directions, including refusals past the data', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        assert.deepEqual(index.count(a, b), countWorkingDays(calendar, a, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the same due date as addWorkingDays, including refusals past the data', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (start, days) => {
        const walked = addWorkingDays(calendar, start, days);
        assert.deepEqual(index.due(start, days), walked.ok ? { ok: true, value: walked.value.due } : walked);
      }),
      { numRuns: 3000 },
    );
  });

  it('the hand-counted 2025 National Day case: received 2025-09-25, 20 working days → 2025-10-29', () => {
    assert.deepEqual(index.due('2025-09-25', 20), { ok: true, value: '2025-10-29' });
    assert.deepEqual(index.count('2025-09-25', '2025-10-29'), { ok: true, value: 20 });
  });

  it('follows the local closures of the calendar it indexes, and a calendar without data refuses', () => {
    const closed = buildCalendar({
      base: shippedHolidayData(),
      closures: [{ from: '2025-10-13', to: '2025-10-17', reason: '办公楼搬迁' }],
    });
    // The closed week pushes the 2025-09-25 deadline by its five working days.
    assert.deepEqual(workingDayIndex(closed).due('2025-09-25', 20), { ok: true, value: '2025-11-05' });
    // (10-10, 10-20]: Saturday 10-11 is the 国庆 调休上班 day, 10-13…10-17 closed, 10-20 a Monday.
    assert.deepEqual(workingDayIndex(closed).count('2025-10-10', '2025-10-20'), { ok: true, value: 2 });
    const empty = buildCalendar({ base: { ...shippedHolidayData(), years: [] } });
    assert.deepEqual(
      workingDayIndex(empty).count('2025-01-01', '2025-02-01'),
      countWorkingDays(empty, '2025-01-01', '2025-02-01'),
    );
    assert.equal(workingDayIndex(empty).due('2025-01-01', 3).ok, false);
  });
});
