import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomReport } from '../report/random-report.ts';
import type { Report } from '../report/report-schema.ts';
import { setCell, getCell } from '../report/cell-path.ts';
import { checkReport } from './check-report.ts';

function codes(report: Report): string[] {
  return checkReport(report).map((f) => f.code);
}
/** A report whose every identity holds and with applications in every column (so each identity is live). */
function validReport(seed = 7): Report {
  for (let s = seed; ; s++) {
    const r = randomReport(s, { format: '2021' });
    if (r.t3.new.total !== null && r.t3.new.total > 20) return r;
  }
}
function bump(report: Report, path: string, by = 1): Report {
  const copy = structuredClone(report);
  setCell(copy, path, (getCell(copy, path) as number) + by);
  return copy;
}

describe('identities', () => {
  it('a valid random report has no error-level finding', () => {
    for (let seed = 0; seed < 200; seed++) {
      const findings = checkReport(randomReport(seed)).filter((f) => f.level === 'error');
      assert.deepEqual(findings, [], `seed ${seed}`);
    }
  });

  it('I1: changing 上年结转 in one column breaks 一+二=（七）+四 for that column only', () => {
    const findings = checkReport(bump(validReport(), 't3.carriedOver.natural'));
    const i1 = findings.filter((f) => f.code === 'T3_I1');
    assert.equal(i1.length, 1);
    assert.match(i1[0]!.message, /“自然人”列/);
    assert.deepEqual(i1[0]!.cells, [
      't3.new.natural',
      't3.carriedOver.natural',
      't3.total.natural',
      't3.carryForward.natural',
    ]);
  });

  it('I2: changing one outcome row breaks 总计 = Σ outcomes (and I3 for that row)', () => {
    const c = codes(bump(validReport(), 't3.denied6.commercial'));
    assert.ok(c.includes('T3_I2'));
    assert.ok(c.includes('T3_I3'));
    assert.ok(!c.includes('T3_I1'));
  });

  it('I3: changing a row total breaks 总计 = 自然人 + 法人 only', () => {
    const findings = checkReport(bump(validReport(), 't3.unable1.total', 2));
    const i3 = findings.filter((f) => f.code === 'T3_I3');
    assert.equal(i3.length, 1);
    assert.match(i3[0]!.message, /“1\.本机关不掌握相关政府信息”行：总计为\d+，但自然人与各类法人或其他组织之和为\d+/);
  });

  it('I4: changing one table-4 cell breaks its group only', () => {
    const findings = checkReport(bump(validReport(), 't4.suitAfterReview.pending'));
    const i4 = findings.filter((f) => f.code === 'T4_I4');
    assert.equal(i4.length, 1);
    assert.match(i4[0]!.message, /复议后起诉/);
  });

  it('I5: a negative count or a fraction is reported; a 2019 本年增/减 may be negative', () => {
    const negative = structuredClone(validReport());
    negative.t3.partial.legal = -1;
    assert.ok(codes(negative).includes('NEGATIVE_OR_FRACTION'));
    const fraction = structuredClone(validReport());
    if (fraction.format === '2021') fraction.t2.licensing = 2.5;
    assert.ok(codes(fraction).includes('NEGATIVE_OR_FRACTION'));
    const old = randomReport(3, { format: '2019' });
    if (old.format === '2019') old.t2.licensing.change = -8;
    assert.ok(!codes(old).includes('NEGATIVE_OR_FRACTION'));
  });

  it('a blank cell is not a zero: identities involving it are not evaluated', () => {
    const report = bump(validReport(), 't3.granted.natural');
    report.t3.granted.natural = null;
    const c = codes(report);
    assert.ok(!c.includes('T3_I3') || checkReport(report).every((f) => !f.cells?.includes('t3.granted.natural')));
    assert.ok(!checkReport(report).some((f) => f.code === 'T3_I2' && f.message.includes('“自然人”列')));
  });
});
