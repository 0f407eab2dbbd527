import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCell } from '../core/report/cell-path.ts';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, t2Cells, type FormatVersion } from '../core/report/layout.ts';
import { randomReport } from '../core/report/random-report.ts';
import { setCell } from '../core/report/cell-path.ts';
import { placeCells, reportTables, tableRows, type ReportTable } from './report-tables.ts';

const FORMATS: FormatVersion[] = ['2021', '2019'];

function table(format: FormatVersion, key: ReportTable['key'], seed = 3): ReportTable {
  const found = reportTables(randomReport(seed, { format, blankRate: 0.2 })).find((t) => t.key === key);
  assert.ok(found);
  return found;
}

describe('reportTables', () => {
  for (const format of FORMATS) {
    it(`${format}: every table tiles its grid exactly (no holes, no overlaps)`, () => {
      for (const t of reportTables(randomReport(5, { format }))) {
        const width = t.columnWidths.length;
        const height = tableRows(t).length;
        const covered = new Map<string, number>();
        for (const { cell, row, col } of placeCells(t)) {
          for (let r = row; r < row + cell.rowSpan; r++) {
            for (let c = col; c < col + cell.colSpan; c++)
              covered.set(`${r},${c}`, (covered.get(`${r},${c}`) ?? 0) + 1);
          }
        }
        assert.equal(covered.size, width * height, `${t.key}: grid ${height}×${width}`);
        assert.ok(
          [...covered.values()].every((n) => n === 1),
          `${t.key}: a grid slot is covered twice`,
        );
        assert.ok(Math.abs(t.columnWidths.reduce((a, b) => a + b, 0) - 100) < 1e-9, `${t.key}: widths sum to 100`);
      }
    });

    it(`${format}: every JSON cell appears exactly once, with its value and printed text`, () => {
      const report = randomReport(11, { format, blankRate: 0.3 });
      const expected = [
        ...t2Cells(format).map((c) => c.path),
        ...T3_ROWS[format].flatMap((r) => T3_COLUMNS.map((c) => `t3.${r.key}.${c}`)),
        ...T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `t4.${g}.${c}`)),
      ];
      const values = reportTables(report).flatMap((t) =>
        tableRows(t).flatMap((r) => r.cells.filter((c) => c.kind === 'value')),
      );
      assert.deepEqual(
        values.map((v) => v.path),
        expected,
      );
      for (const v of values) {
        const value = getCell(report, v.path ?? '');
        assert.equal(v.value, value);
        assert.equal(v.text, value === null ? '' : String(value));
      }
    });
  }

  it('table 2 has 10 value cells in 2021 and 22 in 2019, and keeps the procurement amount as printed', () => {
    const count = (f: FormatVersion) =>
      tableRows(table(f, 't2')).flatMap((r) => r.cells.filter((c) => c.kind === 'value')).length;
    assert.equal(count('2021'), 10);
    assert.equal(count('2019'), 22);
    const report = randomReport(2, { format: '2019' });
    setCell(report, 't2.procurement.amount', '25.1万元');
    const t2 = reportTables(report)[0]!;
    const amount = tableRows(t2)
      .flatMap((r) => r.cells)
      .find((c) => c.path === 't2.procurement.amount');
    assert.equal(amount?.text, '25.1万元');
    assert.equal(amount?.colSpan, 2);
  });

  it('a blank cell prints as empty text, a zero as "0"', () => {
    const report = randomReport(4, { format: '2021' });
    setCell(report, 't3.new.natural', null);
    setCell(report, 't3.new.commercial', 0);
    const cells = tableRows(reportTables(report)[1]!).flatMap((r) => r.cells);
    assert.equal(cells.find((c) => c.path === 't3.new.natural')?.text, '');
    assert.equal(cells.find((c) => c.path === 't3.new.commercial')?.text, '0');
  });

  it('table 3 row groups span their rows as the template does', () => {
    const spans = (f: FormatVersion) =>
      Object.fromEntries(
        tableRows(table(f, 't3'))
          .flatMap((r) => r.cells)
          .filter((c) => c.scope === 'rowgroup')
          .map((c) => [c.text, c.rowSpan]),
      );
    assert.deepEqual(spans('2021'), {
      '三、本年度办理结果': 22,
      '（三）不予公开': 8,
      '（四）无法提供': 3,
      '（五）不予处理': 5,
      '（六）其他处理': 3,
    });
    assert.deepEqual(spans('2019'), {
      '三、本年度办理结果': 20,
      '（三）不予公开': 8,
      '（四）无法提供': 3,
      '（五）不予处理': 5,
    });
  });
});
