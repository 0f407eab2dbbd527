/**
 * Scanned PDFs (issue 10, item 6): pages without a text layer are recognised by tesseract and read like a borderless
 * PDF; a table cell is kept only where an identity confirms it. Fixtures: test/fixtures/pdf/ocr/make-scanned-fixtures.ts.
 * The tests that run tesseract fail in CI when it is missing (test/require-in-ci.ts); .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkScannedRead } from '../../test/check-scanned-read.ts';
import { requireInCi } from '../../test/require-in-ci.ts';
import { ReadError } from '../core/read/read-error.ts';
import { missingOcrPackages, ocrPdfPages, MAX_OCR_PAGES, OCR_INSTALL } from './ocr-pdf-pages.ts';
import { groupPdfLines } from './pdf-lines.ts';
import { readDocument } from './read-document.ts';
import { readPdf } from './read-pdf.ts';
import { tsvFragments } from './tesseract-tsv.ts';

const dir = new URL('../../test/fixtures/pdf/ocr/', import.meta.url);
const pdf = (name: string) => new Uint8Array(readFileSync(new URL(`${name}.pdf`, dir)));

const missing = await missingOcrPackages();
const skip = requireInCi(missing.length === 0, `文字识别程序（${missing.join('、')}）`, OCR_INSTALL);

const HEAD = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (line: number, left: number, top: number, width: number, height: number, text: string, conf = 95) =>
  `5\t1\t1\t1\t${line}\t1\t${left}\t${top}\t${width}\t${height}\t${conf}\t${text}`;

describe('tesseract TSV as positioned text (no OCR needed)', () => {
  it('words of a line become cells: a label in one piece, each value its own, table rules dropped or cut at', () => {
    // 300 dpi, 9 pt text (37.5 px): ink boxes of 行政 and 强制 18 px apart, the values 120 px apart.
    const tsv = [
      HEAD,
      '4\t1\t1\t1\t1\t0\t273\t1271\t1300\t40\t-1\t',
      word(1, 273, 1271, 73, 34, '行政'),
      word(1, 364, 1271, 56, 34, '强制'),
      word(1, 900, 1260, 4, 60, '|'),
      word(1, 1084, 1274, 17, 29, '0|'),
      word(1, 1220, 1274, 40, 29, '12'),
      word(1, 1400, 1280, 30, 20, '~', 10),
      word(1, 1500, 1270, 100, 34, '|olol'), // two cells of zeros with their rules, read as one word
    ].join('\n');
    const [line, ...rest] = groupPdfLines(tsvFragments(tsv, 72 / 300), 1);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      line?.segments.map((s) => s.text),
      ['行政强制', '0', '12', '0', '0'],
    );
    assert.ok(Math.abs((line?.size ?? 0) - 9) < 0.5, `size ${line?.size}`);
  });

  it('a quote mark or 、 off the baseline stays on its line, and 、 does not cut a heading in two', () => {
    const tsv = [
      HEAD,
      word(1, 100, 350, 40, 48, '四'),
      word(1, 150, 385, 12, 14, '、'),
      word(1, 184, 349, 480, 50, '政府信息公开行政复议'),
      word(1, 680, 386, 12, 14, '、'),
      word(1, 712, 349, 200, 50, '行政诉讼情况'),
    ].join('\n');
    const lines = groupPdfLines(tsvFragments(tsv, 72 / 300), 1);
    assert.deepEqual(
      lines.map((l) => l.text),
      ['四、政府信息公开行政复议、行政诉讼情况'],
    );
  });
});

describe('OCR is bounded', () => {
  it(`a scan of more than ${MAX_OCR_PAGES} pages is refused before anything runs`, async () => {
    const pages = Array.from({ length: MAX_OCR_PAGES + 1 }, (_, i) => ({ number: i + 1, width: 595, height: 842 }));
    await assert.rejects(
      ocrPdfPages(new Uint8Array(0), pages),
      (e: unknown) => e instanceof ReadError && e.code === 'TOO_LARGE' && /上限/.test(e.message),
    );
  });
});

describe('which pages are handed to OCR', () => {
  it('a text PDF with a blank page starts no poppler process: the page paints no picture', async () => {
    // Stand-ins for poppler and tesseract that only note their calls: whatever the reader hands them is seen.
    const bin = mkdtempSync(join(tmpdir(), 'gongkai-fake-ocr-'));
    const calls = join(bin, 'calls');
    for (const name of ['pdfimages', 'pdftoppm', 'tesseract']) {
      const script = `#!/bin/sh\necho "${name} $*" >> '${calls}'\n[ "$1" = "--list-langs" ] && printf 'chi_sim\\n'\nexit 0\n`;
      writeFileSync(join(bin, name), script, { mode: 0o755 });
    }
    const path = process.env['PATH'];
    process.env['PATH'] = bin;
    try {
      const file = new URL('../../test/fixtures/pdf/libreoffice-html-random-1.pdf', import.meta.url);
      const doc = await readPdf(new Uint8Array(readFileSync(file)));
      assert.equal(doc.ocr, undefined);
      // The fixture's first page is blank (LibreOffice broke the page before the title): fewer than 10 characters
      // make it a candidate for OCR, and it paints no picture; the other four are read.
      assert.deepEqual([...new Set(doc.blocks.map((b) => b.source.page))], [2, 3, 4, 5]);
      assert.equal(existsSync(calls) ? readFileSync(calls, 'utf8') : '', '');
    } finally {
      process.env['PATH'] = path;
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('without OCR installed', () => {
  it('a scan is PDF_NO_TEXT with the command that installs OCR, not a crash (PATH stripped)', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      assert.deepEqual(await missingOcrPackages(), ['tesseract-ocr', 'tesseract-ocr-chi-sim', 'poppler-utils']);
      await assert.rejects(readDocument(pdf('scanned-clean-300dpi')), (e: unknown) => {
        assert.ok(e instanceof ReadError);
        assert.equal(e.code, 'PDF_NO_TEXT');
        assert.equal(
          e.message,
          '该 PDF 没有文本层（可能是扫描件）；本机未安装文字识别（OCR，缺少 tesseract-ocr、tesseract-ocr-chi-sim、poppler-utils），' +
            '安装后可读取扫描件：apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils',
        );
        return true;
      });
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('the search index never runs OCR: a scan there is PDF_NO_TEXT whatever is installed', async () => {
    await assert.rejects(
      readDocument(pdf('scanned-degraded-150dpi'), { ocr: false }),
      (e: unknown) => e instanceof ReadError && e.code === 'PDF_NO_TEXT' && !/apt-get/.test(e.message),
    );
  });
});

describe('scanned reports read by OCR', { skip }, () => {
  it('scanned-clean-300dpi: every cell kept is exact, every cell not kept is null and named, no error-level finding', () =>
    checkScannedRead('scanned-clean-300dpi', 120));
});
