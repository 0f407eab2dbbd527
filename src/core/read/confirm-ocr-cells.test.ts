import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkReport } from '../check/check-report.ts';
import { findingKind } from '../check/finding.ts';
import { getCell, setCell } from '../report/cell-path.ts';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, t2Cells } from '../report/layout.ts';
import type { Report } from '../report/report-schema.ts';
import { confirmOcrCells, recognisedAsReading } from './confirm-ocr-cells.ts';
import type { CellSources } from './read-tables.ts';

const seed = () =>
  JSON.parse(
    readFileSync(new URL('../../../test/fixtures/seeds/000.expected.json', import.meta.url), 'utf8'),
  ) as Report;

/** Every table cell on `page`, one row of the PDF per template row. */
function sourcesOn(report: Report, page: number): CellSources {
  const sources: CellSources = new Map();
  t2Cells(report.format).forEach((c, i) => sources.set(c.path, { page, table: 1, row: i + 1, col: 2 }));
  T3_ROWS[report.format].forEach((r, i) =>
    T3_COLUMNS.forEach((c, j) => sources.set(`t3.${r.key}.${c}`, { page, table: 2, row: i + 1, col: j + 2 })),
  );
  T4_GROUPS.forEach((g, i) =>
    T4_COLUMNS.forEach((c, j) => sources.set(`t4.${g}.${c}`, { page, table: 3, row: 1, col: i * 5 + j + 1 })),
  );
  return sources;
}

describe('table cells recognised by OCR are kept only where an identity confirms them', () => {
  it('a consistent report keeps tables 3 and 4 exactly; table 2, which has no identity, abstains', () => {
    const truth = seed();
    const report = seed();
    const findings = confirmOcrCells(report, sourcesOn(report, 2), [2]);
    for (const row of T3_ROWS[report.format])
      for (const col of T3_COLUMNS)
        assert.equal(getCell(report, `t3.${row.key}.${col}`), getCell(truth, `t3.${row.key}.${col}`));
    for (const g of T4_GROUPS) assert.deepEqual(report.t4[g], truth.t4[g]);
    for (const c of t2Cells(report.format)) assert.equal(getCell(report, c.path), null, c.path);
    assert.ok(findings.every((f) => f.level !== 'error' && findingKind(f) === 'reading'));
    assert.match(findings.find((f) => f.code === 'OCR_TEXT')?.message ?? '', /第2页是扫描图像，文字由 OCR/);
    const t2 = findings.find((f) => f.code === 'LAYOUT_UNCERTAIN' && f.message.includes('表二'));
    assert.deepEqual(
      t2?.cells,
      t2Cells(report.format)
        .filter((c) => getCell(truth, c.path) !== null)
        .map((c) => c.path),
    );
    assert.match(t2?.message ?? '', /第2页第1个表格第1行“规章”识别为/);
    assert.ok(!findings.some((f) => f.message.includes('表三') || f.message.includes('表四')));
  });

  it('a misread digit is set aside alone: its row and column fail, the other cells are confirmed by theirs', () => {
    const truth = seed();
    const report = seed();
    const read = getCell(report, 't3.granted.natural') as number;
    setCell(report, 't3.granted.natural', read + 6); // 2 recognised as 8
    const findings = confirmOcrCells(report, sourcesOn(report, 3), [3]);
    assert.equal(getCell(report, 't3.granted.natural'), null);
    for (const col of T3_COLUMNS.filter((c) => c !== 'natural'))
      assert.equal(getCell(report, `t3.granted.${col}`), getCell(truth, `t3.granted.${col}`), col);
    for (const row of T3_ROWS[report.format].filter((r) => r.key !== 'granted'))
      assert.equal(getCell(report, `t3.${row.key}.natural`), getCell(truth, `t3.${row.key}.natural`), row.key);
    const t3 = findings.find((f) => f.code === 'LAYOUT_UNCERTAIN' && f.message.includes('表三'));
    assert.deepEqual(t3?.cells, ['t3.granted.natural']);
    assert.match(t3?.message ?? '', new RegExp(`第3页第2个表格第3行“（一）予以公开”识别为${read + 6}`));
    // What is kept is consistent: the checker finds no identity broken.
    assert.deepEqual(
      checkReport(report).filter((f) => f.level === 'error'),
      [],
    );
  });

  it('a wrong row that still sums (two compensating misreadings in one row) is caught by the columns', () => {
    const report = seed();
    const natural = getCell(report, 't3.new.natural') as number;
    const total = getCell(report, 't3.new.total') as number;
    setCell(report, 't3.new.natural', natural + 10);
    setCell(report, 't3.new.total', total + 10);
    confirmOcrCells(report, sourcesOn(report, 1), [1]);
    // I3 holds for the row, so its cells are confirmed by it; the checker then reports I1/I2 as a real error would be.
    assert.equal(getCell(report, 't3.new.natural'), natural + 10);
    assert.ok(checkReport(report).some((f) => f.code === 'T3_I1'));
  });

  it('cells of pages that have a text layer are kept as read', () => {
    const report = seed();
    setCell(report, 't3.granted.natural', 99);
    confirmOcrCells(report, sourcesOn(report, 1), [2]);
    assert.equal(getCell(report, 't3.granted.natural'), 99);
    assert.notEqual(getCell(report, 't2.regulations.issued'), null);
  });

  it('what the interpreter says is missing from a recognised document is a reading warning, not an error', () => {
    const [f] = recognisedAsReading([{ code: 'SECTION_MISSING', level: 'error', message: '缺少1个法定部分' }]);
    assert.equal(f?.level, 'warning');
    assert.equal(f && findingKind(f), 'reading');
    assert.match(f?.message ?? '', /^扫描件经 OCR 识别，可能是识别不全而非报告本身的问题：缺少1个法定部分/);
  });
});
