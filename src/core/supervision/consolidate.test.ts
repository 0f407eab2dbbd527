import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkIdentities } from '../check/check-identities.ts';
import { checkReport } from '../check/check-report.ts';
import { draftReport } from '../drafting/draft-report.ts';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, t2Cells } from '../report/layout.ts';
import { randomReport } from '../report/random-report.ts';
import { getCell } from '../report/cell-path.ts';
import type { Report, Report2021 } from '../report/report-schema.ts';
import { validateReport } from '../report/validate-report.ts';
import { addDecimals, consolidateReports } from './consolidate.ts';

const AGENCIES = ['荣巷街道办事处', '蠡园街道办事处', '河埒街道办事处', '马山街道办事处', '区教育局', '区民政局'];

function part(seed: number, i: number, blankRate = 0): Report {
  const report = randomReport(seed, { format: '2021', blankRate });
  report.year = 2025;
  report.agency = AGENCIES[i] ?? `机关${i + 1}`;
  return report;
}

const paths = [
  ...t2Cells('2021').map((c) => c.path),
  ...T3_ROWS['2021'].flatMap((r) => T3_COLUMNS.map((c) => `t3.${r.key}.${c}`)),
  ...T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `t4.${g}.${c}`)),
];

/** The reference: a plain sum per cell; amounts (two decimals in random reports) added in cents. */
function reference(parts: Report[], path: string): number | null {
  const values = parts.map((p) => getCell(p, path));
  if (values.some((v) => typeof v !== 'number')) return null;
  if (path === 't2.fees10kYuan') return (values as number[]).reduce((s, v) => s + Math.round(v * 100), 0) / 100;
  return (values as number[]).reduce((s, v) => s + v, 0);
}

const options = { agency: '无锡市滨湖区人民政府', year: 2025, dated: '2026-03-20' };

describe('consolidateReports', () => {
  it('of reports satisfying I1–I4 satisfies I1–I4 and equals the sum of its parts, cell by cell', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }), (seeds) => {
        const parts = seeds.map((s, i) => part(s, i));
        for (const p of parts)
          assert.deepEqual(
            checkIdentities(p, () => undefined),
            [],
          );
        const result = consolidateReports(
          parts.map((report) => ({ report })),
          options,
        );
        assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
        assert.ok(validateReport(result.report).ok);
        assert.deepEqual(
          checkIdentities(result.report, () => undefined),
          [],
        );
        assert.deepEqual(result.blanks, []);
        for (const path of paths) assert.equal(getCell(result.report, path), reference(parts, path), path);
      }),
      { numRuns: 150 },
    );
  });

  it('makes a sum cell blank when any part left it blank, and says which parts — never counts a blank as 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 2, maxLength: 5 }), (seeds) => {
        const parts = seeds.map((s, i) => part(s, i, 0.1));
        const result = consolidateReports(
          parts.map((report) => ({ report })),
          options,
        );
        assert.ok(result.ok);
        const blankPaths = new Set(result.blanks.map((b) => b.path));
        for (const path of paths) {
          const expected = reference(parts, path);
          assert.equal(getCell(result.report, path), expected, path);
          assert.equal(blankPaths.has(path), expected === null, path);
        }
        for (const blank of result.blanks) {
          const expected = parts.filter((p) => getCell(p, blank.path) === null).map((p) => p.agency);
          assert.deepEqual(blank.parts, expected);
        }
        // Identities still hold wherever every cell they involve is known.
        assert.deepEqual(
          checkIdentities(result.report, () => undefined),
          [],
        );
      }),
      { numRuns: 100 },
    );
  });

  it('sums 万元 amounts exactly', () => {
    const parts = [0.1, 0.2, 12.345, 1e-7].map((fee, i) => {
      const p = part(i + 1, i) as Report2021;
      p.t2.fees10kYuan = fee;
      return { report: p };
    });
    const result = consolidateReports(parts, options);
    assert.ok(result.ok);
    assert.equal(result.report.t2.fees10kYuan, 12.6450001);
    assert.equal(addDecimals([0.1, 0.2]), 0.3);
    assert.equal(addDecimals([1.005, -0.005]), 1);
    assert.equal(addDecimals([1e21, 1]), 1e21 + 1);
    assert.equal(addDecimals([]), 0);
  });

  it('refuses 2019-format parts, other years, duplicates and an empty list, naming the parts', () => {
    const old = randomReport(3, { format: '2019' });
    old.year = 2025;
    old.agency = '马山街道办事处';
    const other = part(4, 1);
    other.year = 2024;
    const result = consolidateReports(
      [{ report: old }, { report: other }, { report: part(5, 0) }, { report: part(6, 0) }],
      options,
    );
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [
      '“马山街道办事处”的报告使用2019年试行格式（国办公开办函〔2019〕60号），表格的行列与2021年格式不同，不能逐格相加，请先按2021年格式重新填报',
      '“蠡园街道办事处”的报告为2024年度，与汇总年度2025年不符',
      '“荣巷街道办事处”的报告出现了2次，汇总时会被重复计算',
    ]);
    const empty = consolidateReports([], { ...options, year: 2020 });
    assert.ok(!empty.ok);
    assert.deepEqual(empty.errors, [
      '汇总年度须为2021年及以后（国办公开办函〔2021〕30号格式）：2020',
      '没有可汇总的报告',
    ]);
  });

  it('names parts by label, and without agency by position', () => {
    const anonymous = part(7, 0);
    anonymous.agency = null;
    const result = consolidateReports(
      [{ report: anonymous }, { report: part(8, 1), label: '区政府办（本级）' }],
      options,
    );
    assert.ok(result.ok);
    assert.deepEqual(result.parts, ['第1份报告', '区政府办（本级）']);
    assert.equal(result.report.title, '无锡市滨湖区人民政府2025年政府信息公开工作年度报告（汇总）');
    assert.match(result.report.sections['1'], /所属2个机关（单位）2025年度.*：第1份报告、区政府办（本级）。$/);
  });

  it('gives tables a drafted narrative can state: consolidated + drafted passes the checker', () => {
    const result = consolidateReports(
      [1, 2, 3].map((s, i) => ({ report: part(s, i) })),
      options,
    );
    assert.ok(result.ok);
    const { report } = draftReport({
      agency: options.agency,
      year: 2025,
      dated: '2026-03-20',
      t2: result.report.t2,
      t3: result.report.t3,
      t4: result.report.t4,
      isGovernment: true,
    });
    assert.deepEqual(checkReport(report, { deadline: { month: 3, day: 31 } }), []);
  });
});
