import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomReport } from '../report/random-report.ts';
import { checkReport } from './check-report.ts';
import { checkEnumerations, claimedApplications } from './check-text.ts';
import { compareReports } from './compare-reports.ts';

describe('text ↔ table (X3)', () => {
  it('finds application counts in the ways agencies write them', () => {
    assert.deepEqual(
      claimedApplications('2025年以来共接到8份依申请公开信息的申请').map((c) => c.count),
      [8],
    );
    assert.deepEqual(
      claimedApplications('街道共收到依申请公开0件。').map((c) => c.count),
      [0],
    );
    assert.deepEqual(
      claimedApplications('本年共收到政府信息公开申请12件，').map((c) => c.count),
      [12],
    );
    const natural = claimedApplications('尚未收到来自公民个人的政府信息公开依申请公开诉求');
    assert.equal(natural[0]?.count, 0);
    assert.equal(natural[0]?.natural, true);
  });

  it('reports a received count that contradicts table 3', () => {
    const report = randomReport(11, { format: '2021' });
    report.sections['1'] = `本年共收到政府信息公开申请${(report.t3.new.total ?? 0) + 3}件。`;
    const mismatch = checkReport(report).filter((f) => f.code === 'TEXT_TABLE_MISMATCH');
    assert.equal(mismatch.length, 1);
    assert.deepEqual(mismatch[0]!.cells, ['t3.new.total']);
  });

  it('reports "未发生行政复议" when table 4 has a case', () => {
    const report = randomReport(12, { format: '2021' });
    report.t4.review = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
    report.sections['4'] = '本年度未发生政府信息公开行政复议、行政诉讼案件。';
    const mismatch = checkReport(report).filter((f) => f.code === 'TEXT_TABLE_MISMATCH');
    assert.equal(mismatch.length, 1);
    assert.match(mismatch[0]!.message, /行政复议总计为1/);
  });

  it('enumerations: 包括 parts must add up; 其中 parts may not exceed; approximate totals are skipped', () => {
    const wrong = checkEnumerations('共计99条,包括:工作动态33条,公示公告12条,其他类信息21条;微信');
    assert.equal(wrong.length, 1);
    assert.match(wrong[0]!.message, /之和为66条/);
    assert.deepEqual(checkEnumerations('共计66条，包括：工作动态33条、公示公告12条、其他类信息21条。'), []);
    assert.deepEqual(checkEnumerations('共20条，其中便民热线转办15条、网站留言3条。'), []);
    assert.equal(checkEnumerations('共20条，其中便民热线转办15条、网站留言8条。').length, 1);
    assert.deepEqual(checkEnumerations('办结咨询建议共210余条，其中热线转办154条、留言80条。'), []);
  });

  it('the fee statement and the rectification report of section 五 are required', () => {
    const report = randomReport(5, { format: '2021' });
    report.sections['6'] = '无';
    report.sections['5'] = '下一步，我们将加强培训。';
    const codes = checkReport(report).map((f) => f.code);
    assert.ok(codes.includes('FEE_STATEMENT_MISSING'));
    assert.ok(codes.includes('IMPROVEMENT_MISSING'));
  });

  it('front matter: old format, incomplete title, late publication against a configurable deadline', () => {
    const old = randomReport(1, { format: '2019' });
    old.year = 2022;
    assert.ok(checkReport(old).some((f) => f.code === 'OLD_FORMAT'));
    const report = randomReport(2, { format: '2021' });
    report.title = '政府信息公开工作年度报告';
    report.dated = `${report.year! + 1}-02-15`;
    const codes = checkReport(report).map((f) => f.code);
    assert.ok(codes.includes('TITLE_INCOMPLETE'));
    assert.ok(codes.includes('LATE_PUBLICATION'));
    // 县级以上地方人民政府: 3月31日 (条例第四十九条) — then 2月15日 is on time.
    assert.ok(!checkReport(report, { deadline: { month: 3, day: 31 } }).some((f) => f.code === 'LATE_PUBLICATION'));
  });
});

describe('cross-year (X1, X2) and compare', () => {
  it("X1: 上年结转 must equal last year's 结转下年度, per column", () => {
    const previous = randomReport(21, { format: '2021' });
    const current = randomReport(22, { format: '2021' });
    current.year = previous.year! + 1;
    const findings = compareReports(previous, current).findings.filter((f) => f.code === 'CARRY_OVER_MISMATCH');
    const differing = (['natural', 'commercial', 'research', 'social', 'legal', 'other', 'total'] as const).filter(
      (c) => previous.t3.carryForward[c] !== current.t3.carriedOver[c],
    );
    assert.equal(findings.length, differing.length > 0 ? 1 : 0);
    if (differing.length > 0)
      assert.deepEqual(
        findings[0]!.cells,
        differing.map((c) => `t3.carriedOver.${c}`),
      );
  });

  it('X2: 现行有效件数 = last year + 制发 − 废止', () => {
    const previous = randomReport(31, { format: '2021' });
    const current = structuredClone(previous);
    current.year = previous.year! + 1;
    current.t3.carriedOver = structuredClone(previous.t3.carryForward);
    if (current.format !== '2021' || previous.format !== '2021') throw new Error('2021 expected');
    current.t2.normativeDocs = { issued: 3, repealed: 1, inForce: (previous.t2.normativeDocs.inForce ?? 0) + 2 };
    assert.deepEqual(compareReports(previous, current).findings, []);
    current.t2.normativeDocs.inForce! += 1;
    const f = compareReports(previous, current).findings;
    assert.equal(f.length, 1);
    assert.equal(f[0]!.code, 'STOCK_FLOW_MISMATCH');
  });

  it('the change table lists every cell with its delta', () => {
    const previous = randomReport(41, { format: '2021' });
    const current = structuredClone(previous);
    current.t3.granted.natural = (current.t3.granted.natural ?? 0) + 4;
    const { changes } = compareReports(previous, current);
    assert.equal(changes.length, 10 + 25 * 7 + 15);
    const changed = changes.filter((c) => c.delta !== 0);
    assert.deepEqual(
      changed.map((c) => [c.path, c.delta]),
      [['t3.granted.natural', 4]],
    );
  });
});
