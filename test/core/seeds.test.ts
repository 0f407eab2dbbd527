/**
 * The five real published reports (test/fixtures/seeds, copied from ../shared/reports/seeds) read cell-exactly
 * against expected JSON written by hand (make-expected.py), and every defect a careful reviewer in a
 * supervising office finds in them is reported.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkDocument } from '../../src/core/check/check-document.ts';
import type { Finding } from '../../src/core/check/finding.ts';
import { validateReport } from '../../src/core/report/validate-report.ts';
import { readText } from '../../src/readers/read-text.ts';

const DIR = new URL('../fixtures/seeds/', import.meta.url);
const SEEDS = {
  '000': '000_634df97904522664.txt',
  '001': '001_ec4eb35032c3f175.txt',
  '002': '002_97054ec23e7fdf58.txt',
  '003': '003_5c92d2d32d5cb08a.txt',
  '004': '004_8348c369c04ae5dc.txt',
} as const;

function read(id: keyof typeof SEEDS) {
  return checkDocument(readText(readFileSync(new URL(SEEDS[id], DIR), 'utf8')));
}
function expected(id: keyof typeof SEEDS): unknown {
  return JSON.parse(readFileSync(new URL(`${id}.expected.json`, DIR), 'utf8'));
}
function only(findings: Finding[], code: string): Finding {
  const matching = findings.filter((f) => f.code === code);
  assert.equal(
    matching.length,
    1,
    `expected exactly one ${code}, got ${matching.length}: ${findings.map((f) => f.code).join(',')}`,
  );
  return matching[0]!;
}

describe('seed reports read cell-exactly', () => {
  for (const id of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) {
    it(`seed ${id}`, () => {
      const { report } = read(id);
      assert.ok(validateReport(report).ok, 'reader output must be a valid gongkai.report/1');
      assert.deepEqual(report, expected(id));
    });
  }
});

describe('seed defects a reviewer would find', () => {
  it('000 荣巷: the enumeration of 99 items adds up to 97; no fee statement; no rectification report', () => {
    const { findings } = read('000');
    const enumeration = only(findings, 'ENUMERATION_SUM');
    assert.match(enumeration.message, /共99条/);
    assert.match(enumeration.message, /之和为97条/);
    assert.deepEqual(enumeration.source, { line: 7 });
    assert.match(only(findings, 'FEE_STATEMENT_MISSING').message, /仅有“无。”/);
    only(findings, 'IMPROVEMENT_MISSING');
    // 8 applications received, as the text says: no mismatch, and the identities hold.
    assert.ok(!findings.some((f) => f.code === 'TEXT_TABLE_MISMATCH' || f.level === 'error'));
    assert.deepEqual(
      new Set(findings.map((f) => f.code)),
      new Set(['ENUMERATION_SUM', 'FEE_STATEMENT_MISSING', 'IMPROVEMENT_MISSING']),
    );
  });

  it('001 江源: title lacks agency and year; no fee statement; table 4 header labels truncated', () => {
    const { findings } = read('001');
    const title = only(findings, 'TITLE_INCOMPLETE');
    assert.match(title.message, /缺少年度和机关名称/);
    assert.deepEqual(title.source, { line: 1 });
    only(findings, 'FEE_STATEMENT_MISSING');
    const header = only(findings, 'HEADER_TRUNCATED');
    assert.equal(header.source?.line, 295);
    assert.deepEqual(
      new Set(findings.map((f) => f.code)),
      new Set(['TITLE_INCOMPLETE', 'FEE_STATEMENT_MISSING', 'HEADER_TRUNCATED']),
    );
  });

  it('002 朝天门: table 3 header lacks 自然人 while data are complete; 落款 date garbled', () => {
    const { findings } = read('002');
    const header = only(findings, 'HEADER_MISSING');
    assert.match(header.message, /缺少“自然人”/);
    assert.match(header.message, /数据行完整/);
    const date = only(findings, 'DATE_MISSING');
    assert.match(date.message, /2026119/);
    assert.deepEqual(date.source, { line: 614 });
    assert.deepEqual(new Set(findings.map((f) => f.code)), new Set(['HEADER_MISSING', 'DATE_MISSING']));
  });

  it('003 娲城: no 落款 (agency nor date); table 3 rows shifted in the TAB grid; no rectification report', () => {
    const { findings } = read('003');
    only(findings, 'DATE_MISSING');
    only(findings, 'SIGNATURE_MISSING');
    only(findings, 'IMPROVEMENT_MISSING');
    const shifted = only(findings, 'ROW_SHIFTED');
    for (const line of [41, 60, 61, 64, 65]) assert.match(shifted.message, new RegExp(`第${line}行`));
    assert.doesNotMatch(shifted.message, /第45行/);
    assert.ok(!findings.some((f) => f.level === 'error'));
  });

  it('004 东兴: table 3 rows carry 6 or 5 values for 7 columns; sub-headings reuse section numbers; no 落款; no fee statement', () => {
    const { findings } = read('004');
    const columns = only(findings, 'COLUMN_MISSING');
    assert.equal(columns.level, 'error');
    assert.match(columns.message, /25行/);
    assert.match(columns.message, /第55行“一、本年新收政府信息公开申请数量”6个/);
    assert.match(columns.message, /第59行“1\.属于国家秘密”5个/);
    assert.ok(columns.cells?.includes('t3.new.natural'));
    const order = only(findings, 'SECTION_ORDER');
    for (const line of [9, 15, 23, 29]) assert.match(order.message, new RegExp(`第${line}行`));
    only(findings, 'DATE_MISSING');
    only(findings, 'SIGNATURE_MISSING');
    only(findings, 'FEE_STATEMENT_MISSING');
    only(findings, 'IMPROVEMENT_MISSING');
    // With table 3 unreadable no identity can be evaluated — no false T3_* findings.
    assert.ok(!findings.some((f) => f.code.startsWith('T3_')));
  });
});
