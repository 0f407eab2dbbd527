/**
 * Deadlines counted BY HAND from the State Council notices (国务院办公厅关于XXXX年部分节假日安排的通知), not from
 * the code: for each case the 20 counted working days are written out, with the days skipped and why. The rule
 * (条例第三十三条, disclosure-rules §3): counting starts the day after receipt; weekends are off except 调休上班;
 * statutory holidays are off even on weekdays. The test checks the due date AND that exactly these days counted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays } from './add-working-days.ts';
import { countWorkingDays } from './count-working-days.ts';
import { defaultCalendar } from './default-calendar.ts';
import { unwrap } from './calendar-result.ts';

const calendar = defaultCalendar();

interface HandCount {
  received: string;
  /** What the notice says, as far as this period needs it. */
  notice: string;
  /** The counted working days, in order, as MM-DD (year of `received` unless written YYYY-MM-DD). */
  counted: string[];
  due: string;
}

const cases: HandCount[] = [
  {
    // Thu 9-25. Sat 9-27 off; Sun 9-28 调休上班 (2nd); 10-01…10-08 国庆+中秋 off; Sat 10-11 调休上班 (7th);
    // Sun 10-12 off; weekends 10-18/19, 10-25/26 off.
    received: '2025-09-25',
    notice: '2025年（国办发明电〔2024〕12号）：国庆节、中秋节10月1日至8日放假，9月28日（周日）、10月11日（周六）上班',
    counted:
      '09-26 09-28 09-29 09-30 10-09 10-10 10-11 10-13 10-14 10-15 10-16 10-17 10-20 10-21 10-22 10-23 10-24 10-27 10-28 10-29'.split(
        ' ',
      ),
    due: '2025-10-29',
  },
  {
    // Mon 1-20. Sat 1-25 off; Sun 1-26 调休上班 (5th); 1-28…2-04 春节 off; Sat 2-08 调休上班 (10th); Sun 2-09,
    // 2-15/16 off.
    received: '2025-01-20',
    notice: '2025年：春节1月28日至2月4日放假，1月26日（周日）、2月8日（周六）上班',
    counted:
      '01-21 01-22 01-23 01-24 01-26 01-27 02-05 02-06 02-07 02-08 02-10 02-11 02-12 02-13 02-14 02-17 02-18 02-19 02-20 02-21'.split(
        ' ',
      ),
    due: '2025-02-21',
  },
  {
    // Fri 2-06. 2-07/08 weekend; Sat 2-14 调休上班 (6th); 2-15…2-23 春节 off; Sat 2-28 调休上班 (11th); Sun 3-01,
    // 3-07/08 off.
    received: '2026-02-06',
    notice: '2026年（2025年11月4日通知）：春节2月15日至23日放假，2月14日（周六）、2月28日（周六）上班',
    counted:
      '02-09 02-10 02-11 02-12 02-13 02-14 02-24 02-25 02-26 02-27 02-28 03-02 03-03 03-04 03-05 03-06 03-09 03-10 03-11 03-12'.split(
        ' ',
      ),
    due: '2026-03-12',
  },
  {
    // Fri 9-18. Sat 9-19 off; Sun 9-20 调休上班 (1st); 9-25…9-27 中秋 off (Fri–Sun); 10-01…10-07 国庆 off;
    // Sat 10-10 调休上班 (11th); Sun 10-11, 10-17/18 off.
    received: '2026-09-18',
    notice: '2026年：中秋节9月25日至27日放假；国庆节10月1日至7日放假，9月20日（周日）、10月10日（周六）上班',
    counted:
      '09-20 09-21 09-22 09-23 09-24 09-28 09-29 09-30 10-08 10-09 10-10 10-12 10-13 10-14 10-15 10-16 10-19 10-20 10-21 10-22'.split(
        ' ',
      ),
    due: '2026-10-22',
  },
  {
    // Fri 9-20. 9-21/22 weekend; Sat 9-28 off; Sun 9-29 调休上班 (6th); 10-01…10-07 国庆 off; Sat 10-12 调休上班
    // (12th); Sun 10-13, 10-19/20 off.
    received: '2019-09-20',
    notice: '2019年：国庆节10月1日至7日放假，9月29日（周日）、10月12日（周六）上班',
    counted:
      '09-23 09-24 09-25 09-26 09-27 09-29 09-30 10-08 10-09 10-10 10-11 10-12 10-14 10-15 10-16 10-17 10-18 10-21 10-22 10-23'.split(
        ' ',
      ),
    due: '2019-10-23',
  },
  {
    // Fri 1-17. Sat 1-18 off; Sun 1-19 调休上班 (1st); 春节 1-24…1-30, extended to 2-02 by 国办发明电〔2020〕1号 —
    // which also cancelled the make-up Saturday 2-01 (it became a day off); 2-08/09, 2-15/16 off.
    received: '2020-01-17',
    notice: '2020年：春节1月24日至30日放假，1月19日（周日）上班；延长春节假期至2月2日（2月1日不再上班）',
    counted:
      '01-19 01-20 01-21 01-22 01-23 02-03 02-04 02-05 02-06 02-07 02-10 02-11 02-12 02-13 02-14 02-17 02-18 02-19 02-20 02-21'.split(
        ' ',
      ),
    due: '2020-02-21',
  },
  {
    // Fri 4-23. Sat 4-24 off; Sun 4-25 调休上班 (1st); 5-01…5-05 劳动节 off (Sat–Wed); Sat 5-08 调休上班 (9th);
    // Sun 5-09, 5-15/16, 5-22/23 off.
    received: '2021-04-23',
    notice: '2021年：劳动节5月1日至5日放假，4月25日（周日）、5月8日（周六）上班',
    counted:
      '04-25 04-26 04-27 04-28 04-29 04-30 05-06 05-07 05-08 05-10 05-11 05-12 05-13 05-14 05-17 05-18 05-19 05-20 05-21 05-24'.split(
        ' ',
      ),
    due: '2021-05-24',
  },
  {
    // Fri 1-21. 1-22/23 weekend; Sat 1-29 and Sun 1-30 调休上班 (6th, 7th); 1-31…2-06 春节 off; 2-12/13, 2-19/20 off.
    received: '2022-01-21',
    notice: '2022年：春节1月31日至2月6日放假，1月29日（周六）、1月30日（周日）上班',
    counted:
      '01-24 01-25 01-26 01-27 01-28 01-29 01-30 02-07 02-08 02-09 02-10 02-11 02-14 02-15 02-16 02-17 02-18 02-21 02-22 02-23'.split(
        ' ',
      ),
    due: '2022-02-23',
  },
  {
    // Wed 9-27. 9-29…10-06 中秋+国庆 off; Sat 10-07 and Sun 10-08 调休上班 (2nd, 3rd); 10-14/15, 10-21/22,
    // 10-28/29 off.
    received: '2023-09-27',
    notice: '2023年：中秋节、国庆节9月29日至10月6日放假，10月7日（周六）、10月8日（周日）上班',
    counted:
      '09-28 10-07 10-08 10-09 10-10 10-11 10-12 10-13 10-16 10-17 10-18 10-19 10-20 10-23 10-24 10-25 10-26 10-27 10-30 10-31'.split(
        ' ',
      ),
    due: '2023-10-31',
  },
  {
    // Thu 2-01. Sat 2-03 off; Sun 2-04 调休上班 (2nd); 除夕 Fri 2-09 is a working day (only "encouraged" off);
    // 2-10…2-17 春节 off; Sun 2-18 调休上班 (8th); 2-24/25, 3-02/03 off; 2024 is a leap year (2-29 counts).
    received: '2024-02-01',
    notice: '2024年：春节2月10日至17日放假，2月4日（周日）、2月18日（周日）上班',
    counted:
      '02-02 02-04 02-05 02-06 02-07 02-08 02-09 02-18 02-19 02-20 02-21 02-22 02-23 02-26 02-27 02-28 02-29 03-01 03-04 03-05'.split(
        ' ',
      ),
    due: '2024-03-05',
  },
  {
    // Thu 9-12. Sat 9-14 调休上班 (2nd); 9-15…9-17 中秋 off; 9-21/22 weekend; Sat 9-28 off; Sun 9-29 调休上班
    // (11th); 10-01…10-07 国庆 off; Sat 10-12 调休上班 (17th); Sun 10-13 off.
    received: '2024-09-12',
    notice:
      '2024年：中秋节9月15日至17日放假，9月14日（周六）上班；国庆节10月1日至7日放假，9月29日（周日）、10月12日（周六）上班',
    counted:
      '09-13 09-14 09-18 09-19 09-20 09-23 09-24 09-25 09-26 09-27 09-29 09-30 10-08 10-09 10-10 10-11 10-12 10-14 10-15 10-16'.split(
        ' ',
      ),
    due: '2024-10-16',
  },
  {
    // Fri 4-26. Sat 4-27 off; Sun 4-28 调休上班 (1st); 5-01…5-04 劳动节 off (Wed–Sat); Sun 5-05 调休上班 (4th);
    // 5-11/12, 5-18/19, 5-25/26 off.
    received: '2019-04-26',
    notice: '2019年（调整后）：劳动节5月1日至4日放假，4月28日（周日）、5月5日（周日）上班',
    counted:
      '04-28 04-29 04-30 05-05 05-06 05-07 05-08 05-09 05-10 05-13 05-14 05-15 05-16 05-17 05-20 05-21 05-22 05-23 05-24 05-27'.split(
        ' ',
      ),
    due: '2019-05-27',
  },
  {
    // Across the year: Fri 2020-12-25. 12-26/27 weekend; 2021-01-01…01-03 元旦 off (Fri–Sun, no make-up day);
    // 1-09/10, 1-16/17, 1-23/24 off.
    received: '2020-12-25',
    notice: '2021年：元旦1月1日至3日放假',
    counted:
      '12-28 12-29 12-30 12-31 2021-01-04 2021-01-05 2021-01-06 2021-01-07 2021-01-08 2021-01-11 2021-01-12 2021-01-13 2021-01-14 2021-01-15 2021-01-18 2021-01-19 2021-01-20 2021-01-21 2021-01-22 2021-01-25'.split(
        ' ',
      ),
    due: '2021-01-25',
  },
  {
    // Across the year: Fri 2025-12-26. 12-27/28 weekend; 2026-01-01…01-03 元旦 off (Thu–Sat); Sun 1-04 调休上班
    // (4th); 1-10/11, 1-17/18, 1-24/25 off.
    received: '2025-12-26',
    notice: '2026年：元旦1月1日至3日放假，1月4日（周日）上班',
    counted:
      '12-29 12-30 12-31 2026-01-04 2026-01-05 2026-01-06 2026-01-07 2026-01-08 2026-01-09 2026-01-12 2026-01-13 2026-01-14 2026-01-15 2026-01-16 2026-01-19 2026-01-20 2026-01-21 2026-01-22 2026-01-23 2026-01-26'.split(
        ' ',
      ),
    due: '2026-01-26',
  },
];

const full = (received: string, d: string) => (d.length === 10 ? d : `${received.slice(0, 4)}-${d}`);

describe('deadlines counted by hand from the State Council notices', () => {
  for (const c of cases) {
    it(`收到 ${c.received} → 第20个工作日 ${c.due}（${c.notice}）`, () => {
      assert.equal(c.counted.length, 20, 'the hand count lists 20 days');
      const period = unwrap(addWorkingDays(calendar, c.received, 20));
      assert.equal(period.due, c.due);
      assert.deepEqual(
        period.explanation.filter((d) => d.counted).map((d) => d.date),
        c.counted.map((d) => full(c.received, d)),
      );
      assert.equal(unwrap(countWorkingDays(calendar, c.received, c.due)), 20);
    });
  }

  it('the 7-working-day 补正 limit (第三十条) from 2025-09-25 ends on the make-up Saturday 2025-10-11', () => {
    // 9-26 (1), 9-28 (2, 调休上班), 9-29 (3), 9-30 (4), 国庆 off, 10-09 (5), 10-10 (6), 10-11 (7, 调休上班).
    assert.equal(unwrap(addWorkingDays(calendar, '2025-09-25', 7)).due, '2025-10-11');
  });

  it('the explanation names each skipped day and the make-up day counted', () => {
    const period = unwrap(addWorkingDays(calendar, '2025-09-25', 20));
    const byDate = new Map(period.explanation.map((d) => [d.date, d]));
    assert.deepEqual(
      ['2025-09-27', '2025-09-28', '2025-10-01', '2025-10-06', '2025-10-12'].map((d) => {
        const e = byDate.get(d)!;
        return [d, e.weekday, e.counted, e.label];
      }),
      [
        ['2025-09-27', '星期六', false, '周末'],
        ['2025-09-28', '星期日', true, '调休上班（国庆节）'],
        ['2025-10-01', '星期三', false, '国庆节'],
        ['2025-10-06', '星期一', false, '中秋节'],
        ['2025-10-12', '星期日', false, '周末'],
      ],
    );
    // 34 calendar days from 9-26 to 10-29, 20 counted, 14 skipped (8 holidays + 6 weekend days).
    assert.equal(period.explanation.length, 34);
    assert.equal(period.explanation.filter((d) => !d.counted).length, 14);
  });
});
