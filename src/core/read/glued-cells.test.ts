import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkDocument } from '../check/check-document.ts';
import { findingKind } from '../check/finding.ts';
import { T3_COLUMNS } from '../report/layout.ts';
import { randomReport } from '../report/random-report.ts';
import type { Report } from '../report/report-schema.ts';
import { readText } from '../../readers/read-text.ts';
import { reportOutline } from '../../writers/report-outline.ts';
import { tableRows } from '../../writers/report-tables.ts';
import { gluedSplits, t3RowIdentity } from './glued-cells.ts';

const seed000 = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/seeds/000.expected.json', import.meta.url), 'utf8'),
) as Report;

/** A report as a broken text export prints it: every table row's cells glued into one piece. */
function gluedDump(report: Report, oneLine: boolean): string {
  const o = reportOutline(report);
  const lines: string[] = [o.title];
  if (o.published) lines.push(`发布时间：${o.published.text}`);
  for (const s of o.sections) {
    lines.push(s.heading, ...s.lines);
    if (s.table) for (const row of tableRows(s.table)) lines.push(row.cells.map((c) => c.text).join(''));
  }
  if (o.signature.agency) lines.push(o.signature.agency);
  if (o.signature.date) lines.push(o.signature.date.text);
  return lines.join(oneLine ? '' : '\n');
}

describe('glued digit runs', () => {
  it('are split only when exactly one split fits: count, no leading zeros, the row identity', () => {
    assert.deepEqual(gluedSplits('000', 3).splits, [[0, 0, 0]]);
    assert.equal(gluedSplits('1203215', 3).splits.length, 2, '12/0/3215, 120/3/215 …: not unique');
    assert.deepEqual(gluedSplits('8000008', 7, t3RowIdentity).splits, [[8, 0, 0, 0, 0, 0, 8]]);
    // 1/2/0/0/0/0/3 is the only way that adds up (12/0/0/0/0/0/3 does not).
    assert.deepEqual(gluedSplits('1200003', 7, t3RowIdentity).splits, [[1, 2, 0, 0, 0, 0, 3]]);
    assert.deepEqual(gluedSplits('12', 3).splits, []);
    assert.deepEqual(gluedSplits('9'.repeat(60), 7), { splits: [], tooLong: true });
  });
});

describe('damaged text dumps (issue 10)', () => {
  for (const oneLine of [false, true]) {
    it(`${oneLine ? 'the whole report on one line' : 'one glued line per table row'}: read with every cell inferred and said so`, () => {
      const { report, findings } = checkDocument(readText(gluedDump(seed000, oneLine)));
      assert.deepEqual(report.t2, seed000.t2);
      assert.deepEqual(report.t3, seed000.t3);
      assert.deepEqual(report.t4, seed000.t4);
      assert.equal(report.title, seed000.title);
      assert.equal(report.agency, seed000.agency);
      assert.equal(report.year, seed000.year);
      assert.equal(report.dated, seed000.dated);
      assert.equal(report.sections['1'].replace(/\n/g, ''), seed000.sections['1'].replace(/\n/g, ''));
      assert.deepEqual(
        findings.filter((f) => f.level === 'error'),
        [],
      );
      const inferred = findings.filter((f) => f.code === 'CELL_INFERRED');
      assert.equal(inferred.length, 3, 'one per table');
      assert.ok(inferred.every((f) => findingKind(f) === 'reading' && f.level === 'warning'));
      assert.match(inferred[1]!.message, /t3\.new\.natural=8/);
    });
  }

  it('fills only the uniquely determined cells of a dump with many-digit values and quotes the rest', () => {
    const report = randomReport(3, { blankRate: 0 });
    report.t2.normativeDocs = { issued: 12, repealed: 3, inForce: 215 };
    const { report: read, findings } = checkDocument(readText(gluedDump(report, false)));
    assert.deepEqual(
      findings.filter((f) => f.level === 'error'),
      [],
    );
    assert.equal(
      (read.t2.normativeDocs as { issued: number | null }).issued,
      null,
      '123215 splits many ways: abstained',
    );
    const open = findings.find((f) => f.code === 'LAYOUT_UNCERTAIN' && f.message.includes('表二'));
    assert.match(open?.message ?? '', /“行政规范性文件”的数字串“123215”（至少有/);
    let filled = 0;
    for (const key of Object.keys(report.t3) as (keyof Report['t3'])[]) {
      for (const c of T3_COLUMNS) {
        const got = read.t3[key][c];
        if (got === null) continue;
        filled++;
        assert.equal(got, report.t3[key][c], `t3.${key}.${c}: an inferred cell is never wrong`);
      }
    }
    assert.ok(filled > 0);
  });

  it('never refuses a dump that is clearly a report (no “找到了0个部分标题”)', () => {
    assert.doesNotThrow(() => checkDocument(readText(gluedDump(randomReport(4), true))));
  });
});
