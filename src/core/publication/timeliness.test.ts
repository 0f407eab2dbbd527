import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, parseIsoDate } from './plain-date.ts';
import { measureTimeliness, summarizeTimeliness } from './timeliness.ts';
import type { CalendarResult, WorkingDayCalendar } from './working-day-calendar.ts';

/**
 * A fake of the working-day calendar: weekends off except listed make-up days, listed holidays off, and no data
 * after `lastDay` — enough to test the rule; the real calendar (src/core/calendar) is connected by the lead.
 */
function fakeCalendar(holidays: string[], makeUpDays: string[], lastDay = '2026-12-31'): WorkingDayCalendar {
  const off = new Set(holidays);
  const on = new Set(makeUpDays);
  const working = (d: string) => {
    if (on.has(d)) return true;
    if (off.has(d)) return false;
    const p = parseIsoDate(d);
    const weekday = p ? new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() : 0;
    return weekday !== 0 && weekday !== 6;
  };
  const beyond = (d: string): CalendarResult<never> => ({
    ok: false,
    message: `节假日数据只到 ${lastDay}，${d} 之后无法计算`,
  });
  return {
    addWorkingDays(date, n) {
      let d = date;
      for (let i = 0; i < n;) {
        d = addDays(d, 1);
        if (d > lastDay) return beyond(d);
        if (working(d)) i++;
      }
      return { ok: true, value: d };
    },
    workingDaysBetween(a, b) {
      if (b > lastDay) return beyond(b);
      let n = 0;
      for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (working(d)) n++;
      return { ok: true, value: n };
    },
  };
}

// 2025 国庆+中秋 10/1–10/8 off, Sunday 9/28 and Saturday 10/11 worked (spec §3).
const calendar = fakeCalendar(
  ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
  ['2025-09-28', '2025-10-11'],
);

test('the 20 working days of 第二十六条 run over the National Day holiday like the spec example', () => {
  const r = measureTimeliness({ formedOn: '2025-09-25', publishedOn: '2025-10-29', today: '2025-11-10' }, calendar);
  assert.deepEqual(r, { status: 'on_time', startsOn: '2025-09-25', dueBy: '2025-10-29', workingDaysUsed: 20 });
  const late = measureTimeliness({ formedOn: '2025-09-25', publishedOn: '2025-10-31', today: '2025-11-10' }, calendar);
  assert.deepEqual(late, {
    status: 'late',
    startsOn: '2025-09-25',
    dueBy: '2025-10-29',
    workingDaysUsed: 22,
    workingDaysLate: 2,
  });
});

test('not yet published: pending with the days left, or overdue', () => {
  assert.deepEqual(measureTimeliness({ formedOn: '2025-09-25', today: '2025-10-27' }, calendar), {
    status: 'pending',
    startsOn: '2025-09-25',
    dueBy: '2025-10-29',
    workingDaysUsed: 18,
    workingDaysLeft: 2,
  });
  assert.equal(measureTimeliness({ formedOn: '2025-09-25', today: '2025-10-29' }, calendar).workingDaysLeft, 0);
  assert.deepEqual(measureTimeliness({ formedOn: '2025-09-25', today: '2025-11-03' }, calendar), {
    status: 'overdue',
    startsOn: '2025-09-25',
    dueBy: '2025-10-29',
    workingDaysUsed: 23,
    workingDaysLate: 3,
  });
});

test('a change restarts the clock from the day the information changed', () => {
  const r = measureTimeliness(
    { formedOn: '2025-01-06', changedOn: '2025-09-25', publishedOn: '2025-10-20', today: '2025-11-01' },
    calendar,
  );
  assert.equal(r.status, 'on_time');
  assert.equal(r.startsOn, '2025-09-25');
});

test('inconsistent dates and a calendar without data give unknown with a Chinese reason, never a guess', () => {
  assert.deepEqual(
    measureTimeliness({ formedOn: '2025-09-25', publishedOn: '2025-09-20', today: '2025-10-01' }, calendar),
    {
      status: 'unknown',
      startsOn: '2025-09-25',
      message: '发布日期早于成文日期',
    },
  );
  assert.equal(
    measureTimeliness({ formedOn: '2025-02-30', today: '2025-10-01' }, calendar).message,
    '成文日期不是有效日期',
  );
  assert.equal(
    measureTimeliness({ formedOn: '2025-09-25', changedOn: '2025-09-01', today: '2025-10-01' }, calendar).message,
    '信息变更日期早于成文日期',
  );
  const r = measureTimeliness({ formedOn: '2026-12-20', today: '2026-12-21' }, calendar);
  assert.equal(r.status, 'unknown');
  assert.match(r.message ?? '', /节假日数据只到 2026-12-31/);
});

test('per-agency summary', () => {
  const s = summarizeTimeliness([
    measureTimeliness({ formedOn: '2025-09-25', publishedOn: '2025-10-29', today: '2025-11-10' }, calendar),
    measureTimeliness({ formedOn: '2025-09-25', publishedOn: '2025-10-31', today: '2025-11-10' }, calendar),
    measureTimeliness({ formedOn: '2025-09-01', publishedOn: '2025-09-02', today: '2025-11-10' }, calendar),
    measureTimeliness({ formedOn: '2025-09-25', today: '2025-11-10' }, calendar),
    measureTimeliness({ formedOn: '2025-11-07', today: '2025-11-10' }, calendar),
  ]);
  assert.deepEqual(s, { published: 3, onTime: 2, late: 1, pending: 1, overdue: 1, unknown: 0, onTimeRate: 2 / 3 });
  assert.equal(summarizeTimeliness([]).onTimeRate, null);
});
