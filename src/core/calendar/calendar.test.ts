/** The calendar's rules: coverage refusal, precedence of notices and closures, counting consistency. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addWorkingDays } from './add-working-days.ts';
import { unwrap } from './calendar-result.ts';
import { countWorkingDays } from './count-working-days.ts';
import { defaultCalendar } from './default-calendar.ts';
import type { HolidayYear } from './holiday-data.ts';
import { addDays, dayNumber, fromDayNumber, isIsoDate, weekday } from './iso-date.ts';
import { isWorkingDay, nextWorkingDayOnOrAfter } from './is-working-day.ts';
import { checkHolidayNotice, checkLocalClosure } from './validate-holiday-input.ts';
import { buildCalendar } from './working-calendar.ts';

/** A made-up 2027 notice (no real one exists yet): 元旦 1-01…1-03, 春节 2-06…2-13 with Sun 2-14 上班. */
const notice2027: HolidayYear = {
  year: 2027,
  source: '测试用2027年通知',
  daysOff: Object.fromEntries(
    ['01-01', '01-02', '01-03']
      .map((d) => [`2027-${d}`, '元旦'])
      .concat(['06', '07', '08', '09', '10', '11', '12', '13'].map((d) => [`2027-02-${d}`, '春节'])),
  ),
  makeUpDays: { '2027-02-14': '春节' },
};

describe('iso dates', () => {
  it('day numbers round-trip and weekdays are right', () => {
    assert.equal(dayNumber('1970-01-01'), 0);
    assert.equal(weekday('2025-09-25'), 4);
    assert.equal(weekday('2000-02-29'), 2);
    fc.assert(fc.property(fc.integer({ min: -30000, max: 60000 }), (n) => dayNumber(fromDayNumber(n)) === n));
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(isIsoDate('2025-02-29'), false);
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2024-2-29'), false);
  });
});

describe('coverage: refuse, never guess', () => {
  const calendar = defaultCalendar();

  it('covers 2004–2026 from the shipped data and says where it ends', () => {
    assert.equal(calendar.coverage.firstDate, '2004-01-01');
    assert.equal(calendar.coverage.lastDate, '2026-12-31');
    assert.equal(calendar.coverage.years.length, 23);
  });

  it('2027-01-01 is refused with the missing year named (the package would call it a working day)', () => {
    const r = isWorkingDay(calendar, '2027-01-01');
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.year, 2027);
    assert.match(r.message, /^缺少2027年节假日安排（国务院办公厅通知），无法计算/);
    assert.match(r.message, /2026-12-31/);
  });

  it('a period that would run past 2026 is refused; one that ends inside 2026 is computed', () => {
    // 2026-11-27 (Fri): 11-30 (1), 12-01…04 (2–5), 12-07…11 (6–10), 12-14…18 (11–15), 12-21…25 (16–20).
    assert.equal(unwrap(addWorkingDays(calendar, '2026-11-27', 20)).due, '2026-12-25');
    // 2026-12-10 (Thu): 12-11 (1) … 12-31 (15) — the 16th would be in 2027.
    const r = addWorkingDays(calendar, '2026-12-10', 20);
    assert.ok(!r.ok);
    assert.equal(r.year, 2027);
    assert.equal(r.date, '2027-01-01');
    const count = countWorkingDays(calendar, '2026-12-20', '2027-01-05');
    assert.ok(!count.ok);
    assert.equal(count.year, 2027);
  });

  it('dates before 2004 are refused the same way', () => {
    const r = isWorkingDay(calendar, '2003-06-02');
    assert.ok(!r.ok);
    assert.match(r.message, /缺少2003年节假日安排/);
  });

  it('an entered notice extends the coverage; a gap year stays refused', () => {
    const with2027 = defaultCalendar({ notices: [notice2027] });
    assert.equal(with2027.coverage.lastDate, '2027-12-31');
    // 2026-12-10: 12-11 (1), 12-14…18 (2–6), 12-21…25 (7–11), 12-28…31 (12–15), 2027 元旦 1-01…03 off,
    // 1-04…08 (16–20).
    assert.equal(unwrap(addWorkingDays(with2027, '2026-12-10', 20)).due, '2027-01-08');
    const gap = defaultCalendar({ notices: [{ ...notice2027, year: 2028, daysOff: {}, makeUpDays: {} }] });
    assert.equal(gap.coverage.lastDate, '2026-12-31', 'coverage is the continuous run');
    assert.equal(unwrap(isWorkingDay(gap, '2028-03-01')), true);
    const r = addWorkingDays(gap, '2026-12-10', 20);
    assert.ok(!r.ok);
    assert.equal(r.year, 2027);
  });
});

describe('precedence: shipped data < entered notice < local closure', () => {
  it('an entered notice replaces its whole year of the shipped data', () => {
    // Pretend the 2025 notice were re-entered without the 国庆 make-up Sunday 9-28 and with 10-09 off.
    const shipped = defaultCalendar();
    const edited: HolidayYear = {
      year: 2025,
      source: '管理员录入',
      daysOff: { '2025-10-01': '国庆节', '2025-10-09': '国庆节' },
      makeUpDays: {},
    };
    const calendar = defaultCalendar({ notices: [edited] });
    assert.equal(unwrap(isWorkingDay(shipped, '2025-09-28')), true);
    assert.equal(unwrap(isWorkingDay(calendar, '2025-09-28')), false, 'the make-up day is gone with the year');
    assert.equal(unwrap(isWorkingDay(calendar, '2025-10-09')), false);
    assert.equal(unwrap(isWorkingDay(calendar, '2025-10-02')), true, 'no longer a holiday in the entered notice');
    assert.equal(unwrap(isWorkingDay(calendar, '2024-10-01')), false, 'other years keep the shipped data');
    assert.equal(unwrap(calendar.day('2025-10-09')).source, '管理员录入');
  });

  it('a notice reaching into the previous December wins for those dates', () => {
    const notice: HolidayYear = {
      ...notice2027,
      daysOff: { ...notice2027.daysOff, '2026-12-31': '元旦' },
      makeUpDays: { ...notice2027.makeUpDays, '2026-12-26': '元旦' },
    };
    const calendar = defaultCalendar({ notices: [notice] });
    assert.equal(unwrap(isWorkingDay(calendar, '2026-12-31')), false);
    assert.equal(unwrap(isWorkingDay(calendar, '2026-12-26')), true);
    assert.equal(unwrap(calendar.day('2026-12-26')).kind, 'makeUpWorkday');
  });

  it('a local closure makes a day off, even a make-up working day, and moves the due date', () => {
    const closures = [
      { from: '2025-10-13', to: '2025-10-14', reason: '台风停止办公' },
      { from: '2025-10-11', to: '2025-10-11', reason: '停电' },
    ];
    const calendar = defaultCalendar({ closures });
    assert.equal(unwrap(isWorkingDay(calendar, '2025-10-11')), false);
    const period = unwrap(addWorkingDays(calendar, '2025-09-25', 20));
    // Three working days fewer before 10-29 → three more after: 10-30, 10-31, 11-03.
    assert.equal(period.due, '2025-11-03');
    assert.equal(period.explanation.find((d) => d.date === '2025-10-13')?.label, '停止办公（台风停止办公）');
    assert.equal(period.explanation.find((d) => d.date === '2025-10-11')?.label, '停止办公（停电）');
  });

  it('the latest of two notices for one year is used', () => {
    const first = { ...notice2027, daysOff: { '2027-03-01': '测试' } };
    const calendar = buildCalendar({ base: { years: [] }, notices: [first, notice2027] });
    assert.equal(unwrap(isWorkingDay(calendar, '2027-03-01')), true);
    assert.equal(unwrap(isWorkingDay(calendar, '2027-02-08')), false);
  });
});

describe('counting is consistent', () => {
  const calendar = defaultCalendar();
  const anyDate = fc.integer({ min: dayNumber('2005-01-01'), max: dayNumber('2026-09-30') }).map(fromDayNumber);

  it('count(start, add(start, n).due) = n, the due day is a working day, and the day before has n−1', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = unwrap(addWorkingDays(calendar, start, n)).due;
        assert.equal(unwrap(countWorkingDays(calendar, start, due)), n);
        assert.equal(unwrap(isWorkingDay(calendar, due)), true);
        assert.equal(unwrap(countWorkingDays(calendar, start, addDays(due, -1))), n - 1);
        assert.equal(unwrap(countWorkingDays(calendar, due, start)), -n);
      }),
      { numRuns: 300 },
    );
  });

  it('excluded days do not count and are labelled', () => {
    const exclusion = { from: '2025-10-13', to: '2025-10-17', label: '征求第三方意见，不计入' };
    const period = unwrap(addWorkingDays(calendar, '2025-09-25', 20, [exclusion]));
    // The five working days 10-13…17 move to the end: 10-30, 10-31, 11-03, 11-04, 11-05.
    assert.equal(period.due, '2025-11-05');
    assert.equal(period.explanation.find((d) => d.date === '2025-10-15')?.label, '征求第三方意见，不计入');
    assert.equal(unwrap(countWorkingDays(calendar, '2025-09-25', '2025-11-05', [exclusion])), 20);
  });

  it('next working day on or after a day off', () => {
    assert.equal(unwrap(nextWorkingDayOnOrAfter(calendar, '2025-10-01')), '2025-10-09');
    assert.equal(unwrap(nextWorkingDayOnOrAfter(calendar, '2025-10-11')), '2025-10-11');
  });

  it('a non-positive or fractional number of days is a programming error', () => {
    assert.throws(() => addWorkingDays(calendar, '2025-09-25', 0), RangeError);
    assert.throws(() => addWorkingDays(calendar, '2025-09-25', 1.5), RangeError);
  });
});

describe('administrator input', () => {
  it('a good notice passes; bad dates, wrong years, clashes and blanks are named by field', () => {
    assert.deepEqual(checkHolidayNotice(notice2027), { errors: {}, warnings: [] });
    const bad = checkHolidayNotice({
      year: 2027,
      source: ' ',
      daysOff: { '2027-02-30': '春节', '2025-05-01': '劳动节', '2027-05-01': '', '2027-10-09': '国庆节' },
      makeUpDays: { '2027-10-09': '国庆节', '2027-03-03': '春节' },
    });
    assert.match(bad.errors.source ?? '', /^通知文号/);
    assert.match(bad.errors.daysOff ?? '', /2027-02-30不是有效日期/);
    assert.match(bad.errors.daysOff ?? '', /2025-05-01不在2027年/);
    assert.match(bad.errors.daysOff ?? '', /2027-05-01未填写节日名称/);
    assert.match(bad.errors.makeUpDays ?? '', /2027-10-09同时被登记为放假日期/);
    assert.deepEqual(bad.warnings, ['调休上班日2027-03-03不是周末，请核对通知']);
    assert.equal(checkHolidayNotice({ ...notice2027, daysOff: { '2026-12-31': '元旦' } }).errors.daysOff, undefined);
  });

  it('closures: order, validity and reason', () => {
    assert.deepEqual(checkLocalClosure({ from: '2025-07-30', to: '2025-07-31', reason: '台风' }).errors, {});
    const bad = checkLocalClosure({ from: '2025-07-31', to: '2025-07-30', reason: '' });
    assert.deepEqual(Object.keys(bad.errors).sort(), ['reason', 'to']);
    assert.match(checkLocalClosure({ from: 'x', to: '2025-07-30', reason: 'a' }).errors.from ?? '', /不是有效日期/);
  });
});
