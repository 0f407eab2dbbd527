import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCell, setCell } from '../core/report/cell-path.ts';
import {
  SECTION_NUMBERS,
  SECTION_TITLES,
  T3_COLUMNS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
  t2Cells,
  type FormatVersion,
} from '../core/report/layout.ts';
import { randomReport } from '../core/report/random-report.ts';
import type { Report } from '../core/report/report-schema.ts';
import { renderReportText } from './render-text.ts';

/**
 * A deliberately small reader of the format documented in render-text.ts, written from the template rather than
 * from the writer's table model: every line of a table is a full grid (table 2: 4 columns, table 3: 10, table 4:
 * 15), a row is found by its label and its values stand in fixed columns. If the writer shifted, dropped or padded
 * a cell, the values read back would differ.
 */
function readBack(text: string, format: FormatVersion): Map<string, string> {
  const rows = text
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => l.split('\t'));
  const values = new Map<string, string>();
  const row = (label: string, width: number): string[] => {
    const found = rows.find((r) => r.includes(label));
    assert.ok(found, `row ${label}`);
    assert.equal(found.length, width, `row ${label} is ${width} cells wide`);
    return found;
  };
  for (const spec of T3_ROWS[format]) {
    row(spec.label, 10)
      .slice(3)
      .forEach((v, i) => values.set(`t3.${spec.key}.${T3_COLUMNS[i]}`, v));
  }
  const t4 = rows.filter((r) => r.length === 15).at(-1);
  assert.ok(t4);
  T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `t4.${g}.${c}`)).forEach((path, i) => values.set(path, t4[i]!));
  const byRow = new Map<string, string[]>();
  for (const cell of t2Cells(format)) byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), cell.path]);
  for (const [label, paths] of byRow) {
    const cells = row(label, 4);
    // One value spans the three value columns, two take one and two, three take one each: gaps stay empty.
    paths.forEach((path, i) => values.set(path, cells[1 + i]!));
    assert.ok(
      cells.slice(1 + paths.length).every((c) => c === ''),
      `${label}: merge gaps are empty`,
    );
  }
  return values;
}

function expectedText(report: Report, path: string): string {
  const value = getCell(report, path);
  return value === null || value === undefined ? '' : String(value);
}

describe('renderReportText', () => {
  for (const format of ['2021', '2019'] as FormatVersion[]) {
    it(`${format}: every cell reads back from its row, blanks as empty strings between TABs`, () => {
      const report = randomReport(21, { format, blankRate: 0.3 });
      setCell(report, 't3.new.natural', null); // a blank first cell
      setCell(report, 't3.carryForward.total', null); // a blank last cell
      setCell(report, 't4.suitAfterReview.total', null);
      if (report.format === '2019') setCell(report, 't2.licensing.change', -8);
      const values = readBack(renderReportText(report), format);
      assert.equal(values.size, t2Cells(format).length + T3_ROWS[format].length * 7 + 15);
      for (const [path, text] of values) assert.equal(text, expectedText(report, path), path);
      assert.equal(values.get('t3.new.natural'), '');
      if (format === '2019') assert.equal(values.get('t2.licensing.change'), '-8');
    });
  }

  it('lays out title, 发布时间, blank-separated sections and the 落款 after the last blank line', () => {
    const report = {
      ...randomReport(22, { format: '2021' }),
      title: '荣巷街道2025年政府信息公开工作年度报告',
      agency: '无锡市滨湖区荣巷街道办事处',
      dated: '2026-01-15',
      publishedAt: '2026-01-20T14:26:00+08:00',
    };
    report.sections['6'] = '无。';
    const lines = renderReportText(report).split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      '荣巷街道2025年政府信息公开工作年度报告',
      '发布时间：2026-01-20 14:26',
      '',
      '一、总体情况',
    ]);
    for (const n of SECTION_NUMBERS) {
      const at = lines.indexOf(SECTION_TITLES[n]);
      assert.ok(at > 0, SECTION_TITLES[n]);
      assert.equal(lines[at - 1], '', `a blank line before ${SECTION_TITLES[n]}`);
    }
    assert.deepEqual(lines.slice(-6), [
      '六、其他需要报告的事项',
      '无。',
      '',
      '无锡市滨湖区荣巷街道办事处',
      '2026年1月15日',
      '',
    ]);
  });

  it('keeps narrative lines exactly, before the table, and never lets a TAB into them', () => {
    const report = randomReport(23, { format: '2021' });
    report.sections['4'] = '本年度未发生行政复议。\n\n另\t注';
    const lines = renderReportText(report).split('\n');
    const at = lines.indexOf(SECTION_TITLES['4']);
    assert.deepEqual(lines.slice(at + 1, at + 5), [
      '本年度未发生行政复议。',
      '',
      '另 注',
      `行政复议${'\t'.repeat(5)}行政诉讼${'\t'.repeat(9)}`,
    ]);
  });

  it('without a 落款 still ends the last section with its blank separator', () => {
    const report = { ...randomReport(24), agency: null, dated: null };
    report.sections['6'] = '未收取信息处理费。';
    assert.ok(renderReportText(report).endsWith('六、其他需要报告的事项\n未收取信息处理费。\n\n'));
  });

  it('prints merged cells once, in their top-left position, with empty gaps where they extend', () => {
    const text2021 = renderReportText(randomReport(25, { format: '2021' }));
    assert.match(text2021, /\n三、本年度办理结果\t（一）予以公开\t(\t\d*){7}\n\t（二）部分公开[^\t]*\t(\t\d*){7}\n/);
    assert.match(
      text2021,
      /\n\t（三）不予公开\t1\.属于国家秘密(\t\d*){7}\n\t\t2\.其他法律行政法规禁止公开(\t\d*){7}\n/,
    );
    assert.match(text2021, /\n\t（七）总计\t(\t\d*){7}\n四、结转下年度继续办理\t\t(\t\d*){7}\n/);
    assert.match(text2021, /\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n/);
    assert.match(text2021, /\n信息内容\t本年处理决定数量\t\t\n行政许可\t\d+\t\t\n/);
    assert.match(
      text2021,
      /\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t{6}\n\t\t\t自然人\t法人或其他组织\t{5}总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n/,
    );
    assert.match(
      text2021,
      /\n行政复议\t{5}行政诉讼\t{9}\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t{5}复议后起诉\t{4}\n\t{5}结果维持/,
    );
    const text2019 = renderReportText(randomReport(25, { format: '2019' }));
    assert.match(text2019, /\n\t（六）其他处理\t(\t\d*){7}\n\t（七）总计/);
    assert.match(text2019, /\n信息内容\t采购项目数量\t采购总金额\t\n政府集中采购\t\d+\t\d+元\t\n/);
  });
});
