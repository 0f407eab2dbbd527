import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { setCell } from '../core/report/cell-path.ts';
import { SECTION_NUMBERS, SECTION_TITLES } from '../core/report/layout.ts';
import { randomReport } from '../core/report/random-report.ts';
import type { Report } from '../core/report/report-schema.ts';
import { renderReportXlsx } from './render-xlsx.ts';

async function reopen(report: Report): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await renderReportXlsx(report);
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  assert.ok(found, name);
  return found;
}

/** The merged ranges of a sheet, as exceljs reads them back from the file. */
function merges(ws: ExcelJS.Worksheet): string[] {
  return (ws.model as unknown as { merges: string[] }).merges;
}

describe('renderReportXlsx', () => {
  it('has 报告信息 first, then one sheet per table', async () => {
    const workbook = await reopen(randomReport(1));
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['报告信息', '表二 主动公开', '表三 依申请公开', '表四 复议诉讼'],
    );
  });

  it('keeps every non-table field of the JSON on 报告信息, keyed by its JSON name', async () => {
    const report = {
      ...randomReport(2, { format: '2021' }),
      publishedAt: '2026-01-20T14:26:00+08:00',
      dated: '2026-01-15',
    };
    report.sections['1'] = '第一行\n\n第三行';
    report.sections['2'] = '';
    const info = sheet(await reopen(report), '报告信息');
    const byField = new Map<string, unknown[]>();
    info.eachRow((row, n) => {
      if (n === 1) return;
      const field = String(row.getCell(3).value);
      byField.set(field, [...(byField.get(field) ?? []), row.getCell(2).value]);
    });
    assert.deepEqual(byField.get('title'), [report.title]);
    assert.deepEqual(byField.get('agency'), [report.agency]);
    assert.deepEqual(byField.get('year'), [report.year]); // a number, not text
    assert.deepEqual(byField.get('dated'), ['2026-01-15']);
    assert.deepEqual(byField.get('publishedAt'), ['2026-01-20T14:26:00+08:00']);
    assert.deepEqual(byField.get('format'), ['2021']);
    assert.deepEqual(byField.get('sections.1'), ['第一行\n\n第三行']);
    assert.deepEqual(byField.get('sections.2'), [null]);
    const labels: string[] = [];
    info.eachRow((row) => labels.push(String(row.getCell(1).value)));
    for (const n of SECTION_NUMBERS) assert.ok(labels.includes(SECTION_TITLES[n]));
  });

  it('splits a text longer than an Excel cell allows over rows that concatenate back to it', async () => {
    const report = randomReport(3);
    // A character outside the BMP (two UTF-16 units) straddles the first 32 767-unit boundary: it must not be cut.
    report.sections['1'] = `${'长'.repeat(32_766)}𠀀${'短'.repeat(40_000)}`;
    const info = sheet(await reopen(report), '报告信息');
    const parts: string[] = [];
    info.eachRow((row) => {
      if (row.getCell(3).value === 'sections.1') parts.push(String(row.getCell(2).value));
    });
    assert.deepEqual(
      parts.map((p) => p.length),
      [32_766, 32_767, 7_235],
    );
    assert.ok(parts[1]!.startsWith('𠀀'));
    assert.ok(parts.join('') === report.sections['1'], 'the parts concatenate to the text');
  });

  it('table 3 has the template merges, numbers as numbers and blanks as empty cells', async () => {
    const report = randomReport(4, { format: '2021' });
    setCell(report, 't3.new.natural', null);
    setCell(report, 't3.new.commercial', 0);
    setCell(report, 't3.carryForward.total', 17);
    const t3 = sheet(await reopen(report), '表三 依申请公开');
    const merged = merges(t3);
    // note A1:C3, 申请人情况 D1:J1, 自然人 D2:D3, 法人或其他组织 E2:I2, 总计 J2:J3, 三、本年度办理结果 A6:A27, （三）B8:B15
    for (const range of [
      'A1:C3',
      'D1:J1',
      'D2:D3',
      'E2:I2',
      'J2:J3',
      'A4:C4',
      'A5:C5',
      'A6:A27',
      'B6:C6',
      'B7:C7',
      'B8:B15',
      'B16:B18',
      'B19:B23',
      'B24:B26',
      'B27:C27',
      'A28:C28',
    ]) {
      assert.ok(merged.includes(range), `${range} merged (have ${merged.join(' ')})`);
    }
    assert.equal(merged.length, 16);
    assert.equal(t3.getCell('A4').value, '一、本年新收政府信息公开申请数量');
    assert.equal(t3.getCell('D4').value, null);
    assert.equal(t3.getCell('E4').value, 0);
    assert.equal(typeof t3.getCell('F4').value, 'number');
    assert.equal(t3.getCell('J28').value, 17);
    assert.equal(t3.getCell('A6').value, '三、本年度办理结果');
    assert.equal(t3.rowCount, 28);
  });

  it('2019: table 3 has one （六）其他处理 row and table 2 its 22 cells, signed changes and the amount as printed', async () => {
    const report = randomReport(5, { format: '2019' });
    setCell(report, 't2.licensing.change', -8);
    setCell(report, 't2.procurement.amount', '251000元');
    const workbook = await reopen(report);
    const t3 = sheet(workbook, '表三 依申请公开');
    assert.equal(t3.rowCount, 26);
    assert.equal(t3.getCell('B24').value, '（六）其他处理');
    assert.ok(merges(t3).includes('B24:C24'));
    assert.ok(merges(t3).includes('A6:A25'));
    const t2 = sheet(workbook, '表二 主动公开');
    const values: unknown[] = [];
    t2.eachRow((row) => {
      const label = String(row.getCell(1).value);
      if (
        [
          '规章',
          '规范性文件',
          '行政许可',
          '其他对外管理服务事项',
          '行政处罚',
          '行政强制',
          '行政事业性收费',
          '政府集中采购',
        ].includes(label)
      ) {
        for (let c = 2; c <= 4; c++)
          if (!row.getCell(c).isMerged || row.getCell(c).master === row.getCell(c)) values.push(row.getCell(c).value);
      }
    });
    assert.equal(values.length, 22);
    const licensing = t2.findRow(7)!;
    assert.deepEqual([licensing.getCell(1).value, licensing.getCell(3).value], ['行政许可', -8]);
    const procurement = t2.findRow(t2.rowCount)!;
    assert.deepEqual([procurement.getCell(1).value, procurement.getCell(3).value], ['政府集中采购', '251000元']);
    assert.ok(merges(t2).includes(`C${t2.rowCount}:D${t2.rowCount}`));
  });

  it('table 4 merges 行政复议 over 5 columns and 行政诉讼 over 10, with 15 numbers on row 4', async () => {
    const report = randomReport(6);
    setCell(report, 't4.review.total', null);
    const t4 = sheet(await reopen(report), '表四 复议诉讼');
    for (const range of ['A1:E1', 'F1:O1', 'A2:A3', 'E2:E3', 'F2:J2', 'K2:O2'])
      assert.ok(merges(t4).includes(range), range);
    const row = t4.getRow(4);
    const values = Array.from({ length: 15 }, (_, i) => row.getCell(i + 1).value);
    assert.equal(values[4], null);
    assert.ok(values.filter((_, i) => i !== 4).every((v) => typeof v === 'number'));
  });
});
