import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkReport } from '../check/check-report.ts';
import { claimedApplications } from '../check/check-text.ts';
import { AppError } from '../platform/app-error.ts';
import { randomReport } from '../report/random-report.ts';
import type { Report2021 } from '../report/report-schema.ts';
import { validateReport } from '../report/validate-report.ts';
import { draftReport, type DraftInput } from './draft-report.ts';

const AGENCIES = ['荣巷街道办事处', '滨湖区教育局', '马山街道办事处', '无锡市滨湖区人民政府', '梅村镇人民政府'];
const CATALOGUES = [
  '工作动态',
  '通知公告',
  '政策文件',
  '政策解读',
  '财政信息',
  '2025年重点工作',
  '人事信息',
  '规划计划',
];

/** Figures as the case, publication and report modules would hand them over: tables from a valid random report. */
function figures(seed: number): Pick<DraftInput, 't2' | 't3' | 't4'> {
  const source = randomReport(seed, { format: '2021' }) as Report2021;
  return { t2: source.t2, t3: source.t3, t4: source.t4 };
}

const X3_CODES = ['TEXT_TABLE_MISMATCH', 'ENUMERATION_SUM', 'FEE_STATEMENT_MISSING', 'IMPROVEMENT_MISSING'];

const inputs = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  year: fc.integer({ min: 2021, max: 2026 }),
  agency: fc.constantFrom(...AGENCIES),
  published: fc.array(
    fc.record({ catalogue: fc.constantFrom(...CATALOGUES), count: fc.integer({ min: 0, max: 400 }) }),
    { maxLength: 8 },
  ),
  fees: fc.option(
    fc.record({ yuan: fc.integer({ min: 0, max: 99_999 }), applications: fc.integer({ min: 0, max: 30 }) }),
    { nil: undefined },
  ),
  isGovernment: fc.boolean(),
  day: fc.integer({ min: 5, max: 30 }),
});

describe('draftReport', () => {
  it('drafts a valid report that passes the core checker with no error and no X3 warning, for random figures', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const { report } = draftReport({
          ...figures(i.seed),
          agency: i.agency,
          year: i.year,
          dated: `${i.year + 1}-01-${String(i.day).padStart(2, '0')}`,
          published: i.published,
          fees: i.fees,
          isGovernment: i.isGovernment,
        });
        assert.ok(validateReport(report).ok);
        const findings = checkReport(report);
        assert.deepEqual(
          findings.filter((f) => f.level === 'error' || X3_CODES.includes(f.code)),
          [],
          report.sections['1'],
        );
        assert.deepEqual(findings, []);
      }),
      { numRuns: 300 },
    );
  });

  it('states the figures in the text: a changed table makes the checker object', () => {
    const { report } = draftReport({ ...figures(7), agency: '荣巷街道办事处', year: 2025, dated: '2026-01-15' });
    const claims = claimedApplications(report.sections['1'] + report.sections['3']);
    assert.ok(claims.length >= 2);
    assert.ok(claims.every((c) => c.count === report.t3.new.total));
    const tampered = structuredClone(report);
    tampered.t3.new.natural = (tampered.t3.new.natural ?? 0) + 1;
    tampered.t3.new.total = (tampered.t3.new.total ?? 0) + 1;
    tampered.t3.total.natural = (tampered.t3.total.natural ?? 0) + 1;
    tampered.t3.total.total = (tampered.t3.total.total ?? 0) + 1;
    tampered.t3.granted.natural = (tampered.t3.granted.natural ?? 0) + 1;
    tampered.t3.granted.total = (tampered.t3.granted.total ?? 0) + 1;
    const mismatches = checkReport(tampered).filter((f) => f.code === 'TEXT_TABLE_MISMATCH');
    // Sections 一 and 三 both state the applications received.
    assert.equal(mismatches.length, 2);
    assert.ok(mismatches.every((f) => f.cells?.[0] === 't3.new.total'));
  });

  it('writes the sentences agencies write, with the numbers of the tables', () => {
    const f = figures(3);
    f.t4.review = { upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 };
    f.t4.suitDirect = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
    f.t4.suitAfterReview = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
    f.t2.fees10kYuan = 12.34;
    const { report } = draftReport({
      ...f,
      agency: '滨湖区教育局',
      year: 2025,
      dated: '2026-01-20',
      published: [
        { catalogue: '工作动态', count: 33 },
        { catalogue: '通知、公告', count: 12 },
        { catalogue: '空栏目', count: 0 },
      ],
      fees: { yuan: 4700, applications: 1 },
      proposals: { npc: 5, cppcc: 3 },
    });
    assert.equal(report.title, '滨湖区教育局2025年政府信息公开工作年度报告');
    assert.ok(report.sections['1'].includes('主动公开政府信息共计45条，其中：工作动态33条、通知公告12条。'));
    assert.ok(report.sections['1'].includes(`本年度共收到政府信息公开申请${report.t3.new.total}件`));
    assert.ok(report.sections['2'].includes('行政事业性收费金额为12.34万元'));
    assert.equal(
      report.sections['4'],
      '本年度因政府信息公开被申请行政复议共3件，其中：结果维持1件、结果纠正1件、其他结果0件、尚未审结1件；本年度未发生政府信息公开行政诉讼案件。',
    );
    assert.ok(report.sections['5'].includes('针对2024年度报告中提出的问题'));
    assert.ok(
      report.sections['6'].startsWith(
        '本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费4700元，涉及政府信息公开申请1件。\n本年度办理人大代表建议5件、政协委员提案3件',
      ),
    );
    assert.deepEqual(checkReport(report), []);
  });

  it('marks missing figures 【待填】 and lists them in the notes, never as 0', () => {
    const f = figures(5);
    f.t2.licensing = null;
    const draft = draftReport({ ...f, agency: '荣巷街道办事处', year: 2025, dated: '2026-01-15' });
    assert.ok(draft.report.sections['2'].includes('作出行政许可决定【待填】件'));
    assert.ok(draft.notes.some((n) => n.startsWith('以下1个单元格尚无数据') && n.includes('表二“行政许可”')));
    assert.equal(draft.report.t2.licensing, null);
  });

  it('checks the carry-over against last year’s report and says so in the notes', () => {
    const f = figures(9);
    const previous = randomReport(8, { format: '2021' });
    previous.year = 2024;
    previous.t3.carryForward = structuredClone(f.t3.carriedOver);
    const agreeing = draftReport({ ...f, agency: '荣巷街道办事处', year: 2025, dated: '2026-01-15', previous });
    assert.ok(!agreeing.notes.some((n) => n.includes('上年结转')), agreeing.notes.join('\n'));
    previous.t3.carryForward.legal = (previous.t3.carryForward.legal ?? 0) + 2;
    const differing = draftReport({ ...f, agency: '荣巷街道办事处', year: 2025, dated: '2026-01-15', previous });
    assert.ok(differing.notes.some((n) => n.startsWith('表三“上年结转”与上一年度报告') && n.includes('法律服务机构')));
    const none = draftReport({ ...f, agency: '荣巷街道办事处', year: 2025, dated: '2026-01-15' });
    assert.ok(none.notes.some((n) => n.includes('未提供上一年度报告')));
  });

  it('does not alias the figures it was given', () => {
    const f = figures(12);
    const { report } = draftReport({ ...f, agency: '荣巷街道办事处', year: 2025, dated: '2026-01-15' });
    report.t3.new.natural = 999;
    assert.notEqual(f.t3.new.natural, 999);
  });

  it('refuses years of the 2019 format, an empty agency and a bad date, naming the fields', () => {
    try {
      draftReport({ ...figures(1), agency: ' ', year: 2020, dated: '2021-13-01' });
      assert.fail('expected a VALIDATION error');
    } catch (e) {
      assert.ok(e instanceof AppError && e.code === 'VALIDATION');
      assert.deepEqual(Object.keys(e.fields ?? {}).sort(), ['agency', 'dated', 'year']);
      assert.match(e.fields?.['year'] ?? '', /2019年试行格式/);
    }
  });
});
