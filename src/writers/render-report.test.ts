import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomReport } from '../core/report/random-report.ts';
import { renderReportHtml } from './render-html.ts';
import { REPORT_OUTPUT_TYPES, renderReport, type ReportOutputFormat } from './render-report.ts';
import { renderReportText } from './render-text.ts';

const report = randomReport(42, { format: '2021', blankRate: 0.1 });
const ascii = (bytes: Uint8Array, n: number) => String.fromCharCode(...bytes.slice(0, n));

describe('renderReport', () => {
  it('returns the HTML page and the text as UTF-8 bytes', async () => {
    assert.equal(new TextDecoder().decode(await renderReport(report, 'html')), renderReportHtml(report));
    assert.equal(new TextDecoder().decode(await renderReport(report, 'txt')), renderReportText(report));
  });

  it('returns DOCX and XLSX as zip packages of the right kind', async () => {
    const docx = await renderReport(report, 'docx');
    const xlsx = await renderReport(report, 'xlsx');
    assert.equal(ascii(docx, 2), 'PK');
    assert.equal(ascii(xlsx, 2), 'PK');
    assert.ok(Buffer.from(docx).includes('word/document.xml'));
    assert.ok(Buffer.from(xlsx).includes('xl/workbook.xml'));
  });

  it('rejects a format it does not know, in Chinese', async () => {
    await assert.rejects(
      renderReport(report, 'odt' as ReportOutputFormat),
      (e: Error) => e instanceof RangeError && /不支持的输出格式：odt/.test(e.message),
    );
  });

  it('names a media type and extension for every format', () => {
    assert.deepEqual(Object.keys(REPORT_OUTPUT_TYPES).sort(), ['docx', 'html', 'pdf', 'txt', 'xlsx']);
    assert.equal(REPORT_OUTPUT_TYPES.docx.extension, 'docx');
    assert.match(REPORT_OUTPUT_TYPES.html.mediaType, /^text\/html; charset=utf-8$/);
  });
});
