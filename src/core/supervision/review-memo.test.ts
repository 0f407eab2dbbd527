import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReport } from '../check/check-report.ts';
import type { Finding } from '../check/finding.ts';
import { AppError } from '../platform/app-error.ts';
import { randomReport } from '../report/random-report.ts';
import type { Report } from '../report/report-schema.ts';
import { describeCell } from './describe-cell.ts';
import { findingCategory } from './finding-category.ts';
import { composeReviewMemo, type ReviewMemoInput } from './review-memo.ts';

function brokenReport(): Report {
  const report = randomReport(11, { format: '2021' });
  report.agency = '荣巷街道办事处';
  report.year = 2025;
  report.t3.granted.natural = (report.t3.granted.natural ?? 0) + 3; // breaks I2 and I3 (and I1 through the total)
  report.sections['6'] = '无。';
  return report;
}

const base = (report: Report, findings: Finding[]): ReviewMemoInput => ({
  report,
  findings,
  reviewer: '无锡市滨湖区人民政府办公室',
  date: '2026-02-10',
  deadline: '2026-02-20',
});

const texts = (memo: { paragraphs: { text: string }[] }) => memo.paragraphs.map((p) => p.text);

describe('composeReviewMemo', () => {
  const report = brokenReport();
  const findings = checkReport(report);

  it('is titled, addressed and signed as a 区政府办 sends it', () => {
    const memo = composeReviewMemo({ ...base(report, findings), docNumber: '滨政办审〔2026〕3号' });
    assert.equal(memo.title, '关于荣巷街道办事处2025年政府信息公开工作年度报告的审核意见');
    assert.equal(memo.addressee, '荣巷街道办事处：');
    assert.equal(memo.docNumber, '滨政办审〔2026〕3号');
    assert.deepEqual(memo.signature, {
      agency: '无锡市滨湖区人民政府办公室',
      date: '2026年2月10日',
      iso: '2026-02-10',
    });
    assert.equal(memo.verdict, 'returned');
    assert.match(texts(memo).at(-1) ?? '', /于2026年2月20日前将修改后的年度报告报送无锡市滨湖区人民政府办公室审核/);
  });

  it('numbers the problems per group, in the order of the report, with cells, values and what to correct', () => {
    const memo = composeReviewMemo(base(report, findings));
    assert.deepEqual(
      memo.groups.map((g) => g.key),
      ['t3', 'text'],
    );
    const headings = memo.paragraphs.filter((p) => p.style === 'heading1').map((p) => p.text);
    assert.deepEqual(headings, ['一、表三“收到和处理政府信息公开申请情况”', '二、正文内容']);
    const t3 = memo.groups[0]!;
    assert.deepEqual(
      t3.items.map((i) => i.code),
      findings.filter((f) => f.code.startsWith('T3_')).map((f) => f.code),
    );
    const i3 = t3.items.find((i) => i.code === 'T3_I3');
    assert.ok(i3);
    const cell = i3.cells.find((c) => c.path === 't3.granted.natural');
    assert.deepEqual(cell, {
      path: 't3.granted.natural',
      label: '表三“（一）予以公开”行“自然人”列',
      value: report.t3.granted.natural,
    });
    const paragraph = texts(memo).find((t) => t.includes('（一）予以公开”行：总计为'));
    assert.ok(paragraph?.startsWith(`${t3.items.indexOf(i3) + 1}.`), paragraph);
    assert.ok(paragraph?.includes(`表三“（一）予以公开”行“自然人”列（${report.t3.granted.natural}）`), paragraph);
    assert.ok(paragraph?.endsWith('请核实该行数据，使“总计”等于自然人与各类法人或其他组织之和。'), paragraph);
    const fee = texts(memo).find((t) => t.startsWith('1.“六、其他需要报告的事项”未说明信息处理费'));
    assert.ok(fee?.includes('未收取的写明“未收取信息处理费”'), fee);
  });

  it('lists reading uncertainties apart as 需人工核对, never as problems', () => {
    const shifted: Finding = { code: 'ROW_SHIFTED', level: 'info', message: '表三有1行错位', source: { line: 60 } };
    const flagged = {
      code: 'COLUMN_MISSING',
      level: 'error',
      message: '表三有1行的数值少于7个',
      kind: 'reading',
    } as const;
    const memo = composeReviewMemo(base(report, [...findings, shifted, flagged]));
    assert.equal(memo.groups.flatMap((g) => g.items).length, findings.filter((f) => f.level !== 'info').length);
    assert.deepEqual(
      memo.uncertain.map((u) => u.code),
      ['ROW_SHIFTED', 'COLUMN_MISSING'],
    );
    const all = texts(memo);
    const at = all.indexOf('三、需人工核对');
    assert.ok(at > 0, all.join('\n'));
    assert.deepEqual(all.slice(at + 2, at + 4), [
      '1.表三有1行错位（原文第60行）。请核对原表各行数据是否与表头对齐。',
      '2.表三有1行的数值少于7个。请按规定格式补齐表格各列，每行的数值个数应与表头一致。',
    ]);
  });

  it('clears a report with no problems, even with uncertainties, and then needs no deadline', () => {
    const clean = randomReport(4, { format: '2021' });
    assert.deepEqual(checkReport(clean), []);
    const memo = composeReviewMemo({
      ...base(clean, [{ code: 'HEADER_TRUNCATED', level: 'info', message: '表四表头的列名不完整' }]),
      deadline: undefined,
    });
    assert.equal(memo.verdict, 'cleared');
    assert.match(texts(memo)[0] ?? '', /审核通过。$/);
    assert.equal(memo.uncertain.length, 1);
  });

  it('cites the format the report was due in: the 2019 trial format for 2019 and 2020', () => {
    const old = randomReport(2, { format: '2019' });
    old.year = 2020;
    const memo = composeReviewMemo({ ...base(old, checkReport(old)), deadline: undefined });
    assert.match(texts(memo)[0] ?? '', /《政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）的要求/);
    assert.match(texts(composeReviewMemo(base(report, findings)))[0] ?? '', /国办公开办函〔2021〕30号/);
  });

  it('refuses problems without a deadline and invalid dates', () => {
    for (const input of [
      { ...base(report, findings), deadline: undefined },
      { ...base(report, findings), date: '2026-02-30' },
    ]) {
      assert.throws(
        () => composeReviewMemo(input),
        (e: unknown) => e instanceof AppError && e.code === 'VALIDATION',
      );
    }
  });

  it('says 涉及N个单元格 instead of listing a whole column, and falls back for a code it does not know', () => {
    const wide: Finding = {
      code: 'BLANK_CELL',
      level: 'warning',
      message: '表三有8个单元格为空',
      cells: Array.from({ length: 8 }, (_, i) => `t3.denied${i + 1}.legal`),
    };
    const future = { code: 'SOMETHING_NEW', level: 'warning', message: '表四某项存疑' } as unknown as Finding;
    const memo = composeReviewMemo(base(report, [wide, future]));
    assert.ok(
      texts(memo).includes('1.表三有8个单元格为空。涉及8个单元格。请补填空白单元格，没有发生的事项填“0”，不得空白。'),
    );
    assert.deepEqual(
      memo.groups.map((g) => [g.key, g.items[0]?.correction]),
      [
        ['t3', '请补填空白单元格，没有发生的事项填“0”，不得空白'],
        ['t4', '请核实并更正'],
      ],
    );
  });
});

describe('findingCategory', () => {
  it('takes kind or category when present, else the code and level', () => {
    const f: Finding = { code: 'T3_I1', level: 'error', message: '' };
    assert.equal(findingCategory(f), 'problem');
    assert.equal(findingCategory({ ...f, kind: 'reading' }), 'uncertain');
    assert.equal(findingCategory({ ...f, category: 'Uncertain' }), 'uncertain');
    assert.equal(findingCategory({ ...f, code: 'ROW_SHIFTED', category: 'report' }), 'problem');
    assert.equal(findingCategory({ ...f, code: 'HEADER_TRUNCATED', kind: 'something-else' }), 'uncertain');
    assert.equal(findingCategory({ ...f, code: 'CARRY_OVER_MISMATCH', level: 'info' }), 'uncertain');
  });
});

describe('describeCell', () => {
  it('names cells as the printed template does', () => {
    assert.equal(describeCell('t3.denied4.natural', '2021'), '表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列');
    assert.equal(describeCell('t3.new.total', '2021'), '表三“一、本年新收政府信息公开申请数量”行“总计”列');
    assert.equal(describeCell('t4.suitDirect.pending', '2021'), '表四“行政诉讼·未经复议直接起诉”“尚未审结”');
    assert.equal(describeCell('t2.regulations.inForce', '2021'), '表二“规章”“现行有效件数”');
    assert.equal(describeCell('t2.fees10kYuan', '2021'), '表二“行政事业性收费”“本年收费金额（单位：万元）”');
    assert.equal(describeCell('x.y', '2021'), 'x.y');
  });
});
