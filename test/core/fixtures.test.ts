/**
 * Realistic HTML pages (site chrome, rowspan/colspan, &nbsp;, GBK) and Word files made from them by
 * LibreOffice, including damaged ones, read through the whole pipeline.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkDocument } from '../../src/core/check/check-document.ts';
import { ReadError } from '../../src/core/read/read-error.ts';
import { readDocument } from '../../src/readers/read-document.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const expected = (id: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/seeds/${id}.expected.json`, import.meta.url), 'utf8'));
const check = async (path: string) => checkDocument(await readDocument(fixture(path)));
const codes = (findings: { code: string }[]) => findings.map((f) => f.code).sort();
const spaces = (text: string) => text.replace(/[\s\u2002\u3000]+/g, ' ');

describe('HTML and Word fixtures', () => {
  it('荣巷 as a web page (rowspan tables, 打印/分享 chrome) reads cell-exactly like the seed', async () => {
    const { report, findings } = await check('html/rongxiang-2025.html');
    assert.deepEqual(report, expected('000'));
    assert.deepEqual(codes(findings), ['ENUMERATION_SUM', 'FEE_STATEMENT_MISSING', 'IMPROVEMENT_MISSING']);
  });

  it('荣巷 as Word (converted by LibreOffice, merged cells) reads the same tables; the page chrome is gone', async () => {
    const { report } = await check('docx/rongxiang-2025.docx');
    assert.deepEqual({ ...report, publishedAt: '2026-01-20T14:26:00+08:00' }, expected('000'));
    assert.equal(report.publishedAt, null);
  });

  it('朝天门 as a GBK-encoded page keeps its defects: 自然人 header missing, 落款 date garbled', async () => {
    const { report, findings } = await check('html/chaotianmen-2025-gbk.html');
    const seed = expected('002');
    assert.deepEqual({ t2: report.t2, t3: report.t3, t4: report.t4 }, { t2: seed.t2, t3: seed.t3, t4: seed.t4 });
    assert.deepEqual(
      [report.title, report.agency, report.year, report.dated],
      [seed.title, seed.agency, seed.year, null],
    );
    for (const s of ['1', '5', '6'] as const) assert.equal(spaces(report.sections[s]), spaces(seed.sections[s]));
    assert.deepEqual(codes(findings), ['DATE_MISSING', 'HEADER_MISSING']);
  });

  it('东兴 with a missing column: as HTML every table-3 row is short and left null; as Word the padded 总计 column is empty', async () => {
    const html = await check('html/dongxing-2025-missing-column.html');
    assert.ok(Object.values(html.report.t3).every((row) => Object.values(row).every((v) => v === null)));
    assert.match(html.findings.find((f) => f.code === 'COLUMN_MISSING')!.message, /25行的数值少于格式规定的7个/);
    const docx = await check('docx/dongxing-2025-missing-column.docx');
    const column = docx.findings.find((f) => f.code === 'COLUMN_MISSING');
    assert.match(column!.message, /“总计”列在全部25行中均为空/);
    assert.equal(docx.report.t3.new.total, null);
  });

  it('江源 with a damaged header and blank cells: HEADER_MISSING names the label, BLANK_CELL lists the cells', async () => {
    for (const path of ['html/jiangyuan-2023-damaged-header.html', 'docx/jiangyuan-2023-damaged-header.docx']) {
      const { report, findings } = await check(path);
      assert.match(findings.find((f) => f.code === 'HEADER_MISSING')!.message, /缺少“科研机构”/, path);
      const blank = findings.find((f) => f.code === 'BLANK_CELL')!;
      assert.ok(blank.cells!.includes('t3.denied3.natural'), path);
      assert.equal(report.t3.denied3.natural, null, 'a blank cell is null, not 0');
    }
  });

  it('a notice that is not a report, and a truncated Word file, are refused with a Chinese message', async () => {
    for (const path of [
      'html/notice-no-table.html',
      'docx/notice-no-table.docx',
      'docx/rongxiang-2025-truncated.docx',
    ]) {
      await assert.rejects(
        check(path),
        (e: unknown) => e instanceof ReadError && /[\u4e00-\u9fff]/.test(e.message),
        path,
      );
    }
  });
});

describe('format version', () => {
  it('a 2022 report laid out in the 2019 trial format is read as 2019 and reported as OLD_FORMAT', async () => {
    const { randomReport } = await import('../../src/core/report/random-report.ts');
    const { renderReportText } = await import('../../src/writers/render-text.ts');
    const old = randomReport(77, { format: '2019' });
    old.year = 2022;
    old.title = `${old.agency}2022年政府信息公开工作年度报告`;
    const { report, findings } = checkDocument(await readDocument(new TextEncoder().encode(renderReportText(old))));
    assert.equal(report.format, '2019');
    assert.deepEqual(report.t2, old.t2);
    const finding = findings.find((f) => f.code === 'OLD_FORMAT');
    assert.equal(finding?.level, 'error');
    assert.match(finding!.message, /2022年度报告仍使用2019年试行格式/);
  });
});
