import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ReadError } from '../core/read/read-error.ts';
import type { DocBlock, DocCell } from '../core/read/report-document.ts';
import { readXlsx } from './read-xlsx.ts';
import { cpuNow } from '../../test/cpu-clock.ts';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/xlsx/${name}`, import.meta.url)));

type Row = Extract<DocBlock, { kind: 'row' }>;
const rows = (blocks: DocBlock[]): Row[] => blocks.filter((b): b is Row => b.kind === 'row');
const lines = (blocks: DocBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'line' ? [b.text] : []));
const texts = (row: Row | undefined): string[] => row?.cells.map((c: DocCell) => c.text) ?? [];
const cols = (row: Row | undefined): number[] => row?.cells.map((c: DocCell) => c.source.col ?? 0) ?? [];
const rowStarting = (blocks: DocBlock[], label: string): Row | undefined =>
  rows(blocks).find((r) => r.cells.some((c) => c.text === label));

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('readXlsx: the report pasted into Excel (荣巷街道, LibreOffice Calc)', async () => {
  const doc = await readXlsx(fixture('rongxiang-2025.xlsx'));

  it('reads the title and narrative as lines', () => {
    assert.equal(doc.kind, 'xlsx');
    const all = lines(doc.blocks);
    assert.equal(all[0], '荣巷街道2025年政府信息公开工作年度报告');
    assert.ok(all.includes('三、收到和处理政府信息公开申请情况'));
    assert.deepEqual(all.slice(-2), ['无锡市滨湖区荣巷街道办事处', '2026年1月15日']);
  });

  it('omits cells covered by merges: only the top-left cell of a merge carries the text', () => {
    const received = rowStarting(doc.blocks, '一、本年新收政府信息公开申请数量');
    assert.deepEqual(texts(received), ['一、本年新收政府信息公开申请数量', '8', '0', '0', '0', '0', '0', '8']);
    const partial = rowStarting(doc.blocks, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.equal(partial?.cells[0]?.text, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.ok((partial?.cells[0]?.source.col ?? 0) > 1, 'the rowspan label to its left is covered');
    assert.equal(partial?.cells.length, 8);
    assert.deepEqual(texts(rowStarting(doc.blocks, '商业\n企业')).slice(0, 2), ['商业\n企业', '科研\n机构']);
  });

  it('uses Excel row and column numbers as the source', () => {
    const received = rowStarting(doc.blocks, '一、本年新收政府信息公开申请数量');
    assert.equal(received?.source.table, 1);
    assert.equal(received?.cells[0]?.source.col, 1);
    assert.equal(typeof received?.source.row, 'number');
    assert.deepEqual(
      received?.cells.map((c) => c.source.row),
      received?.cells.map(() => received?.source.row),
    );
  });
});

describe('readXlsx: damaged workbooks', () => {
  it('a missing column shows as a shorter data row (东兴街道)', async () => {
    const doc = await readXlsx(fixture('dongxing-2025-missing-column.xlsx'));
    const received = rowStarting(doc.blocks, '一、本年新收政府信息公开申请数量');
    const values = texts(received);
    assert.deepEqual(values.slice(0, 7), ['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0']);
    // The rest is the empty padding of the sheet's used range (the wider table 4 sets it).
    assert.ok(values.slice(7).every((text) => text === ''));
  });

  it('a missing header cell stays missing (江源街道)', async () => {
    const doc = await readXlsx(fixture('jiangyuan-2023-damaged-header.xlsx'));
    const header = rowStarting(doc.blocks, '商业\n企业');
    assert.ok(header);
    assert.ok(!texts(header).includes('科研\n机构'));
  });

  it('an XLSX cut in half is refused as 文件不完整或已损坏', async () => {
    await assert.rejects(
      readXlsx(fixture('rongxiang-2025-truncated.xlsx')),
      (e: unknown) => e instanceof ReadError && e.code === 'CORRUPT' && /Excel 文件不完整或已损坏/.test(e.message),
    );
  });
});

describe('readXlsx: cells, merges, lines', () => {
  it('single unbordered text cells are lines; bordered table rows keep blank cells as ""', async () => {
    const border = { top: { style: 'thin' as const }, bottom: { style: 'thin' as const } };
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('表');
      sheet.mergeCells('A1:D1');
      sheet.getCell('A1').value = '某某局2025年政府信息公开工作年度报告';
      sheet.getCell('A2').value = '二、主动公开政府信息情况';
      sheet.mergeCells('A3:D3');
      sheet.getCell('A3').value = '第二十条第（一）项';
      sheet.getCell('A3').border = border;
      for (const [address, value] of [
        ['A4', '规章'],
        ['B4', 0],
        ['D4', 3],
      ] as const) {
        sheet.getCell(address).value = value;
        sheet.getCell(address).border = border;
      }
      sheet.getCell('A6').value = '商业\r\n企业';
      sheet.getCell('B6').value = { formula: 'B4+1', result: 1 };
    });
    const doc = await readXlsx(data);
    assert.deepEqual(lines(doc.blocks), ['某某局2025年政府信息公开工作年度报告', '二、主动公开政府信息情况']);
    const [heading, regulations, lastRow] = rows(doc.blocks);
    assert.deepEqual(texts(heading), ['第二十条第（一）项']);
    assert.deepEqual(cols(heading), [1]);
    assert.deepEqual(texts(regulations), ['规章', '0', '', '3']);
    assert.deepEqual(cols(regulations), [1, 2, 3, 4]);
    assert.deepEqual(texts(lastRow), ['商业\n企业', '1', '', '']);
    assert.deepEqual(regulations?.source, { table: 1, row: 4 });
  });

  it('skips hidden sheets and numbers sheets in workbook order', async () => {
    const data = await workbookBytes((workbook) => {
      workbook.addWorksheet('说明').getCell('A1').value = '填表说明：本表由系统导出';
      const hidden = workbook.addWorksheet('隐藏');
      hidden.state = 'hidden';
      hidden.getCell('A1').value = '不应读出';
      const third = workbook.addWorksheet('表三');
      third.getCell('A1').value = '一、本年新收政府信息公开申请数量';
      third.getCell('B1').value = 8;
    });
    const doc = await readXlsx(data);
    assert.deepEqual(lines(doc.blocks), ['填表说明：本表由系统导出']);
    assert.deepEqual(rows(doc.blocks)[0]?.source, { table: 3, row: 1 });
  });

  it('a cell far to the right does not make every row 16 384 cells wide', async () => {
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('表');
      sheet.getCell('A1').value = '规章';
      sheet.getCell('B1').value = 0;
      sheet.getCell('XFD1').value = '远处的单元格';
    });
    const doc = await readXlsx(data);
    assert.deepEqual(texts(rows(doc.blocks)[0]), ['规章', '0']);
  });
});

describe('readXlsx: hostile ranges are never expanded', () => {
  /** The fixture with extra XML spliced into its sheet and workbook: ranges over the whole sheet. */
  async function withWholeSheetRanges(): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(fixture('rongxiang-2025.xlsx'));
    const sheetPath = 'xl/worksheets/sheet1.xml';
    const sheet = await (zip.file(sheetPath) as JSZip.JSZipObject).async('string');
    zip.file(
      sheetPath,
      sheet
        .replace(/<mergeCells count="(\d+)">/, '<mergeCells count="$1"><mergeCell ref="AB1:XFD1048576"/>')
        .replace(
          '</sheetData>',
          '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
        ),
    );
    const workbook = await (zip.file('xl/workbook.xml') as JSZip.JSZipObject).async('string');
    zip.file(
      'xl/workbook.xml',
      workbook.replace(
        '</sheets>',
        '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0">Sheet1!$A:$XFD</definedName></definedNames>',
      ),
    );
    return zip.generateAsync({ type: 'uint8array' });
  }

  it('a merge, a data validation and a defined name over A1:XFD1048576 read in linear time', async () => {
    const data = await withWholeSheetRanges();
    const start = cpuNow();
    const doc = await readXlsx(data);
    assert.ok(cpuNow() - start < 2000, 'exceljs hangs on this file; this reader must not');
    assert.deepEqual(texts(rowStarting(doc.blocks, '一、本年新收政府信息公开申请数量')), [
      '一、本年新收政府信息公开申请数量',
      '8',
      '0',
      '0',
      '0',
      '0',
      '0',
      '8',
    ]);
  });
});

describe('readXlsx: values as Excel shows them', () => {
  it('dates from date-formatted numbers, rich shared strings, escaped characters, booleans', async () => {
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('落款');
      sheet.getCell('A1').value = new Date(Date.UTC(2026, 0, 15));
      sheet.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('A2').value = {
        richText: [{ text: '无锡市滨湖区', font: { bold: true } }, { text: '荣巷街道办事处' }],
      };
      sheet.getCell('A3').value = '第一行\r\n第二行';
      sheet.getCell('A4').value = 71.06;
      sheet.getCell('B4').value = true;
    });
    const doc = await readXlsx(data);
    assert.deepEqual(lines(doc.blocks), ['2026年1月15日', '无锡市滨湖区荣巷街道办事处', '第一行 第二行']);
    assert.deepEqual(texts(rows(doc.blocks)[0]), ['71.06', 'TRUE']);
  });
});
