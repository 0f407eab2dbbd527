import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomReport } from '../core/report/random-report.ts';
import { displayTitle, formatChineseDate, formatPublishedAt, reportOutline, sectionLines } from './report-outline.ts';

describe('reportOutline', () => {
  it('prints 发布时间 to the minute in Beijing time, converting other zones', () => {
    assert.equal(formatPublishedAt('2026-01-20T14:26:00+08:00'), '2026-01-20 14:26');
    assert.equal(formatPublishedAt('2026-01-20T14:26+08:00'), '2026-01-20 14:26');
    assert.equal(formatPublishedAt('2026-01-20T06:26:59Z'), '2026-01-20 14:26');
    assert.equal(formatPublishedAt('2026-01-31T20:00:00-05:00'), '2026-02-01 09:00');
  });

  it('prints the 落款 date without leading zeros', () => {
    assert.equal(formatChineseDate('2026-01-15'), '2026年1月15日');
    assert.equal(formatChineseDate('2025-12-01'), '2025年12月1日');
  });

  it('keeps empty lines, and an empty text has no line at all', () => {
    assert.deepEqual(sectionLines(''), []);
    assert.deepEqual(sectionLines('无'), ['无']);
    assert.deepEqual(sectionLines('甲\n\n乙\n'), ['甲', '', '乙', '']);
  });

  it('builds a title from agency and year only when the report has none', () => {
    const report = randomReport(1, { format: '2021' });
    assert.equal(displayTitle(report), report.title);
    assert.equal(
      displayTitle({ ...report, title: null, agency: '荣巷街道办事处', year: 2025 }),
      '荣巷街道办事处2025年政府信息公开工作年度报告',
    );
    assert.equal(displayTitle({ ...report, title: ' ', agency: null, year: null }), '政府信息公开工作年度报告');
  });

  it('lists the six sections in order with tables under 二, 三 and 四 only', () => {
    const outline = reportOutline(randomReport(2, { format: '2019' }));
    assert.deepEqual(
      outline.sections.map((s) => [s.heading, s.table?.key ?? null]),
      [
        ['一、总体情况', null],
        ['二、主动公开政府信息情况', 't2'],
        ['三、收到和处理政府信息公开申请情况', 't3'],
        ['四、政府信息公开行政复议、行政诉讼情况', 't4'],
        ['五、存在的主要问题及改进情况', null],
        ['六、其他需要报告的事项', null],
      ],
    );
  });

  it('leaves out 落款 parts and 发布时间 that the report lacks', () => {
    const report = { ...randomReport(3), agency: '', dated: null, publishedAt: null };
    const outline = reportOutline(report);
    assert.deepEqual(outline.signature, { agency: null, date: null });
    assert.equal(outline.published, null);
  });
});
