import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { interpretDocument } from '../core/read/interpret-document.ts';
import { ReadError } from '../core/read/read-error.ts';
import type { DocBlock, ReportDocument } from '../core/read/report-document.ts';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '../core/report/layout.ts';
import { randomReport } from '../core/report/random-report.ts';
import type { Report } from '../core/report/report-schema.ts';
import { launchBrowser, skipReason } from '../../test/browser/browser-support.ts';
import { renderReportHtml } from '../writers/render-html.ts';
import { renderReportPdf } from '../writers/render-pdf.ts';
import { groupPdfLines, type PdfLine } from './pdf-lines.ts';
import { pdfBlocks } from './pdf-blocks.ts';
import { normalizeExtracted, type PdfFragment } from './pdf-page-text.ts';
import { RADICAL_SUPPLEMENT } from './cjk-radical-supplement.ts';
import { readTableZone } from './pdf-rows.ts';
import { readPdf } from './read-pdf.ts';

type Row = Extract<DocBlock, { kind: 'row' }>;
/** Chromium's A4 PDF of the report's HTML page (Noto CJK: many font runs, radicals in the text layer). */
async function chromiumPdfOf(report: Report): Promise<Uint8Array> {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.setContent(renderReportHtml(report));
    return await page.pdf({ format: 'A4' });
  } finally {
    await browser.close();
  }
}

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/pdf/${name}`, import.meta.url)));
const seed000 = JSON.parse(
  readFileSync(new URL('../../test/fixtures/seeds/000.expected.json', import.meta.url), 'utf8'),
) as Report;
const rows = (doc: ReportDocument): Row[] => doc.blocks.filter((b): b is Row => b.kind === 'row');
const texts = (row: Row | undefined): string[] => row?.cells.map((c) => c.text) ?? [];
const lines = (doc: ReportDocument): string[] => doc.blocks.flatMap((b) => (b.kind === 'line' ? [b.text] : []));
/** The row whose cells include `label` exactly. */
const rowWith = (doc: ReportDocument, label: string): Row | undefined =>
  rows(doc).find((r) => texts(r).includes(label));

/** Table 3 as the report prints it: per template row, the label and the seven values. */
function expectT3(doc: ReportDocument, report: Report): void {
  const t3 = report.t3 as Record<string, Record<string, number | null>>;
  for (const spec of T3_ROWS[report.format]) {
    const row = rowWith(doc, spec.label);
    assert.ok(row, `row “${spec.label}” not found as one cell`);
    const cells = texts(row);
    const values = T3_COLUMNS.map((c) => String(t3[spec.key]?.[c] ?? ''));
    assert.deepEqual(cells.slice(-8), [spec.label, ...values], `row “${spec.label}”`);
  }
}

function expectT4(doc: ReportDocument, report: Report): void {
  const t4 = report.t4 as Record<string, Record<string, number | null>>;
  const values = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => String(t4[g]?.[c] ?? '')));
  const row = rows(doc).find((r) => r.cells.length === 15 && r.cells.every((c) => /^\d*$/.test(c.text)));
  assert.deepEqual(texts(row), values);
}

describe('readPdf: this product’s PDF of seed 000 (荣巷街道)', () => {
  let doc: ReportDocument;
  before(async () => {
    doc = await readPdf(fixture('writer-rongxiang-2025.pdf'));
  });

  it('gives every table-3 row as one row: the whole (wrapped) label, then the seven values as separate cells', () => {
    expectT3(doc, seed000);
    // Labels that wrap onto two and three lines in their cells.
    assert.ok(rowWith(doc, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));
    assert.ok(rowWith(doc, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'));
  });

  it('keeps table 3 one table across the page break, rows in template order, merged cells once', () => {
    const t3 = rows(doc).filter((r) => texts(r).includes('一、本年新收政府信息公开申请数量'))[0]?.source.table;
    const t3Rows = rows(doc).filter((r) => r.source.table === t3);
    assert.deepEqual([...new Set(t3Rows.map((r) => r.source.page))], [2, 3]);
    const labelOrder = T3_ROWS['2021'].map((spec) => t3Rows.findIndex((r) => texts(r).includes(spec.label)));
    assert.deepEqual(
      labelOrder,
      [...labelOrder].sort((a, b) => a - b),
    );
    for (const group of [
      '三、本年度办理结果',
      '（三）不予公开',
      '（四）无法提供',
      '（五）不予处理',
      '（六）其他处理',
    ]) {
      assert.equal(t3Rows.filter((r) => texts(r).includes(group)).length, 1, group);
    }
    // A continued table gets no empty cell for the part of a merged cell that runs onto the next page.
    assert.ok(t3Rows.every((r) => r.cells[0]?.text !== ''));
  });

  it('reads table 2 and the one row of table 4 with numbers never merged', () => {
    assert.deepEqual(texts(rowWith(doc, '规章')), ['规章', '0', '0', '0']);
    assert.deepEqual(texts(rowWith(doc, '信息内容')), ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    assert.deepEqual(texts(rowWith(doc, '行政事业性收费')), ['行政事业性收费', '0']);
    expectT4(doc, seed000);
  });

  it('joins the lines of each paragraph, keeps headings apart and drops the page numbers', () => {
    const all = lines(doc);
    assert.equal(all[0], '荣巷街道2025年政府信息公开工作年度报告');
    assert.equal(all[1], '发布时间：2026-01-20 14:26');
    assert.equal(all[2], '一、总体情况');
    assert.equal(all[3], seed000.sections['1'].split('\n')[0]);
    assert.ok(all.includes(seed000.sections['5'].split('\n')[1] as string), 'a long paragraph comes back whole');
    assert.ok(!all.some((l) => /^-\s*\d+\s*-$/.test(l)), 'page numbers are page furniture');
    assert.deepEqual(all.slice(-2), ['无锡市滨湖区荣巷街道办事处', '2026年1月15日']);
  });

  it('locates cells by page, table, row and column', () => {
    const row = rowWith(doc, '一、本年新收政府信息公开申请数量') as Row;
    assert.deepEqual(row.cells[1]?.source, { page: 2, table: 2, row: row.source.row, col: 2 });
  });

  it('gives back the report JSON through interpretDocument', async () => {
    assert.deepEqual(interpretDocument(doc).report, seed000);
  });
});

describe('readPdf: LibreOffice’s PDF of the HTML page (no borders, head repeated, a row cut by the page)', () => {
  const report = randomReport(1);
  let doc: ReportDocument;
  before(async () => {
    doc = await readPdf(fixture('libreoffice-html-random-1.pdf'));
  });

  it('reads all 25 rows of table 3 with their values', () => {
    expectT3(doc, report);
    expectT4(doc, report);
  });

  it('joins the label the page break cut (“2.没有现成信息需要另” | “行制作”) and drops the repeated head', () => {
    assert.deepEqual(texts(rowWith(doc, '2.没有现成信息需要另行制作')).slice(-8), [
      '2.没有现成信息需要另行制作',
      ...T3_COLUMNS.map((c) => String(report.t3.unable2[c])),
    ]);
    const heads = rows(doc).filter((r) => texts(r).includes('申请人情况'));
    assert.equal(heads.length, 1, 'LibreOffice repeats the head on page 4; the reader keeps it once');
    const t3 = heads[0]?.source.table;
    assert.ok(
      rows(doc).some((r) => r.source.table === t3 && r.source.page === 4),
      'the table continues on page 4',
    );
  });

  it('gives back the report (all but the title LibreOffice leaves out)', async () => {
    assert.deepEqual(interpretDocument(doc).report, { ...report, title: null });
  });
});

describe('readPdf: LibreOffice’s PDF of the Word fixture (borders, tables across pages, a head at the foot)', () => {
  let doc: ReportDocument;
  before(async () => {
    doc = await readPdf(fixture('libreoffice-docx-rongxiang-2025.pdf'));
  });

  it('reads table 2 across its page break, block headings apart from the rows', () => {
    assert.deepEqual(texts(rowWith(doc, '行政许可')), ['行政许可', '0']);
    assert.deepEqual(texts(rowWith(doc, '第二十条第（六）项')), ['第二十条第（六）项']);
    expectT3(doc, seed000);
  });

  it('keeps the head of table 4 (page 3) with its values (page 4) in one table', () => {
    expectT4(doc, seed000);
    const values = rows(doc).find((r) => r.cells.length === 15 && r.source.page === 4) as Row;
    const head = rowWith(doc, '未经复议直接起诉') as Row;
    assert.equal(head.source.page, 3);
    assert.equal(head.source.table, values.source.table);
  });

  it('gives back the report JSON (the Word file has no 发布时间)', async () => {
    assert.deepEqual(interpretDocument(doc).report, { ...seed000, publishedAt: null });
  });
});

describe('readPdf: Chromium’s PDF of the HTML page (many font runs, Kangxi radicals in the text layer)', () => {
  it('gives back the report exactly', { skip: skipReason }, async () => {
    const report = randomReport(9);
    assert.deepEqual(interpretDocument(await readPdf(await chromiumPdfOf(report))).report, report);
  });
});

describe('readPdf: input that cannot be read', () => {
  const rejects = (bytes: Uint8Array, code: string, message?: RegExp) =>
    assert.rejects(readPdf(bytes), (e: unknown) => {
      assert.ok(e instanceof ReadError);
      assert.equal(e.code, code);
      if (message) assert.match(e.message, message);
      return true;
    });

  it('a truncated file is PDF_DAMAGED', () => rejects(fixture('truncated.pdf'), 'PDF_DAMAGED', /损坏或不完整/));
  it('a file cut short even when it still ends in %%EOF is PDF_DAMAGED', () => {
    const whole = fixture('writer-rongxiang-2025.pdf');
    const cut = new Uint8Array([...whole.subarray(0, whole.length >> 1), ...new TextEncoder().encode('\n%%EOF\n')]);
    return rejects(cut, 'PDF_DAMAGED');
  });
  it('garbage behind a PDF header is PDF_DAMAGED', () =>
    rejects(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Oops >>\n%%EOF\n'), 'PDF_DAMAGED'));
  it('something that is not a PDF at all, or nothing, is PDF_DAMAGED', async () => {
    await rejects(new TextEncoder().encode('<html>not a pdf</html>'), 'PDF_DAMAGED', /不是 PDF/);
    await rejects(new Uint8Array(0), 'PDF_DAMAGED', /为空/);
  });
  it('a scan without a text layer, in which OCR finds nothing or that OCR is not installed to read, is PDF_NO_TEXT', () =>
    rejects(
      fixture('scanned.pdf'),
      'PDF_NO_TEXT',
      /^该 PDF 没有文本层（可能是扫描件）(?:，无法读取|；本机未安装文字识别)/,
    ));
  it('a password-protected file is PDF_ENCRYPTED', () => rejects(fixture('encrypted.pdf'), 'PDF_ENCRYPTED', /密码/));
});

describe('rebuilding rows from text positions', () => {
  const f = (text: string, x0: number, x1: number, y: number, size = 9): PdfFragment => ({ text, x0, x1, y, size });

  it('never glues numbers of adjacent cells, even 0.3 em apart, and never splits a number drawn digit by digit', () => {
    const [line] = groupPdfLines(
      [f('0', 100, 105, 50), f('12', 108, 118, 50), f('1', 150, 155, 50), f('2', 155.2, 160, 50)],
      1,
    );
    assert.deepEqual(
      line?.segments.map((s) => s.text),
      ['0', '12', '12'],
    );
  });

  it('joins Chinese text drawn in pieces into one segment', () => {
    const [line] = groupPdfLines([f('1.', 100, 106, 50), f('属于国家秘密', 106, 160, 50)], 1);
    assert.deepEqual(
      line?.segments.map((s) => s.text),
      ['1.属于国家秘密'],
    );
  });

  // Two rows of a table with value columns centred at 200/260/320; row 2's label wraps around its values.
  const zone = (extra: PdfFragment[] = []) =>
    readTableZone(
      groupPdfLines(
        [
          f('信息内容', 60, 96, 20),
          f('本年制发件数 本年废止件数 现行有效件数', 173, 347, 20), // three header cells pdf.js joined with spaces
          f('规章', 60, 78, 40),
          f('0', 197.5, 202.5, 40),
          f('3', 257.5, 262.5, 40),
          f('25', 315, 325, 40),
          f('行政规范性', 60, 105, 56),
          f('文件', 60, 78, 68),
          f('1', 197.5, 202.5, 62),
          f('0 12', 257.5, 325, 62), // two cells pdf.js joined with a space
          ...extra,
        ],
        1,
      ),
    );

  it('rebuilds data rows: wrapped label joined, values in their columns, values pdf.js joined taken apart', () => {
    const rows = zone().filter((r) => r.kind === 'data');
    assert.deepEqual(
      rows.map((r) => r.cells.map((c) => c.text)),
      [
        ['规章', '0', '3', '25'],
        ['行政规范性文件', '1', '0', '12'],
      ],
    );
  });

  it('cuts a header line by the value columns below it', () => {
    const head = zone().find((r) => r.kind === 'free');
    assert.deepEqual(
      head?.cells.map((c) => c.text),
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    );
  });

  it('keeps a label whose values are all blank as a row of empty cells', () => {
    const rows = zone([f('行政许可', 60, 96, 86)]).filter((r) => r.kind === 'data');
    assert.deepEqual(
      rows[2]?.cells.map((c) => c.text),
      ['行政许可', '', '', ''],
    );
  });
});

describe('round trip: renderReportPdf → readPdf → interpretDocument', () => {
  it('gives back 20 random reports (both formats, blank cells, whole blank rows and columns) exactly', async () => {
    const t4Blanks = randomReport(500);
    t4Blanks.t4.review.other = null; // one blank in the one-row table: its column comes from the head
    t4Blanks.t4.suitAfterReview.total = null;
    const reports = [
      ...Array.from({ length: 12 }, (_, i) => randomReport(100 + i)),
      ...Array.from({ length: 3 }, (_, i) => randomReport(200 + i, { format: '2019' })),
      ...Array.from({ length: 2 }, (_, i) => randomReport(300 + i, { blankRate: 0.1 })),
      ...Array.from({ length: 2 }, (_, i) => randomReport(400 + i, { blankRate: 0.9 })),
      t4Blanks,
    ];
    for (const report of reports) {
      const back: Report = interpretDocument(await readPdf(await renderReportPdf(report))).report;
      assert.deepEqual(back, report);
    }
  });
});

describe('round trip of a title wrapped over two centred lines', () => {
  const report = randomReport(7);
  report.agency = '无锡市滨湖区人民政府办公室';
  report.title = `无锡市滨湖区人民政府办公室${report.year}年政府信息公开工作年度报告`;

  it('reads both lines as one title from this product’s PDF (a balanced wrap: lines of nearly equal length)', async () => {
    const doc = await readPdf(await renderReportPdf(report));
    assert.equal(lines(doc)[0], report.title);
    assert.deepEqual(interpretDocument(doc).report, report);
  });

  it(
    'reads both lines as one title, with 民 for the radical ⺠ of its text layer, from Chromium’s PDF of the HTML page',
    { skip: skipReason },
    async () => {
      const doc = await readPdf(await chromiumPdfOf(report));
      // Chromium with Noto CJK puts ⺠ (U+2EA0, a CJK radical) in the text layer for the 民 of 人民政府.
      assert.equal(lines(doc)[0], report.title);
      assert.deepEqual(interpretDocument(doc).report, report);
    },
  );

  it('keeps apart two centred lines at the size of the running text', () => {
    const line = (text: string, y: number, x0: number, x1: number): PdfLine => ({
      page: 1,
      text,
      x0,
      x1,
      y,
      size: 12,
      segments: [{ text, x0, x1, y, size: 12, numeric: false, parts: [] }],
    });
    const body = Array.from({ length: 6 }, (_, i) =>
      line(
        '正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文。',
        300 + 18 * i,
        72,
        523,
      ),
    );
    const blocks = pdfBlocks(
      [
        {
          number: 1,
          height: 842,
          lines: [line('表一 说明', 100, 267.5, 327.5), line('单位：件', 118, 273.5, 321.5), ...body],
        },
      ],
      595,
    );
    assert.deepEqual(
      blocks.slice(0, 2).map((b) => (b.kind === 'line' ? b.text : b.kind)),
      ['表一 说明', '单位：件'],
    );
  });
});

describe('characters a font’s character map puts in the text layer for shared glyphs', () => {
  it('reads CJK radicals as the ideographs they stand for (⺠ → 民), Kangxi radicals too; punctuation as printed', () => {
    assert.equal(normalizeExtracted('人⺠政府⼯作'), '人民政府工作');
    assert.equal(normalizeExtracted('⻋⻔⻓⻘⻝'), '车门长青食');
    assert.equal(normalizeExtracted('（一）：，“”。'), '（一）：，“”。');
    assert.equal(RADICAL_SUPPLEMENT.size, 114);
    for (const [radical, ideograph] of RADICAL_SUPPLEMENT) {
      assert.match(radical, /^[\u2e80-\u2eff]$/u);
      assert.match(ideograph, /^\p{Unified_Ideograph}$/u, radical);
    }
  });
});

describe('readPdf: documents read at the same time share one in-process pdf.js worker', () => {
  it('concurrent reads give what reads one after another give; a damaged file among them fails alone', async () => {
    const names = ['writer-rongxiang-2025.pdf', 'chromium-portrait-5pages.pdf', 'libreoffice-docx-rongxiang-2025.pdf'];
    const oneByOne: ReportDocument[] = [];
    for (const name of names) oneByOne.push(await readPdf(fixture(name)));
    // Both reach pdf.js's worker (header and %%EOF are in place): one is encrypted, one has no readable body.
    const broken = [fixture('encrypted.pdf'), new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog\n%%EOF\n')];
    const together = await Promise.allSettled([
      ...names.map((name) => readPdf(fixture(name))),
      ...broken.map((bytes) => readPdf(bytes)),
      ...names.map((name) => readPdf(fixture(name))),
    ]);
    const failed = together.slice(names.length, names.length + 2).map((r) => {
      assert.equal(r.status, 'rejected');
      return ((r as PromiseRejectedResult).reason as ReadError).code;
    });
    assert.deepEqual(failed, ['PDF_ENCRYPTED', 'PDF_DAMAGED']);
    const read = [
      ...together.slice(0, names.length),
      ...together.slice(names.length + 2),
    ] as PromiseFulfilledResult<ReportDocument>[];
    assert.ok(read.every((r) => r.status === 'fulfilled'));
    read.forEach((r, i) => assert.deepEqual(r.value, oneByOne[i % names.length], names[i % names.length]));
    // The worker is still sound afterwards.
    assert.deepEqual(await readPdf(fixture(names[0]!)), oneByOne[0]);
  });
});
