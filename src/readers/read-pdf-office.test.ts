/**
 * Office-suite PDFs (issue 10): each fixture reproduces a layout that the text-position reader got wrong, and is
 * read cell-exactly through its drawn grid. Fixtures and their expected JSON: test/fixtures/pdf/make-office-fixtures.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { checkDocument } from '../core/check/check-document.ts';
import { findingKind } from '../core/check/finding.ts';
import { interpretDocument } from '../core/read/interpret-document.ts';
import type { DocBlock, ReportDocument } from '../core/read/report-document.ts';
import { T3_COLUMNS } from '../core/report/layout.ts';
import type { Report } from '../core/report/report-schema.ts';
import { formatCheckedReport } from '../cli/format-findings.ts';
import { pdfBlocks } from './pdf-blocks.ts';
import { pageRulings, pathRulings } from './pdf-rulings.ts';
import { readPdf } from './read-pdf.ts';

type Row = Extract<DocBlock, { kind: 'row' }>;
const dir = new URL('../../test/fixtures/pdf/', import.meta.url);
const pdf = (name: string) => new Uint8Array(readFileSync(new URL(`${name}.pdf`, dir)));
const expected = (name: string) => JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), 'utf8')) as Report;
const rows = (doc: ReportDocument): Row[] => doc.blocks.filter((b): b is Row => b.kind === 'row');
const texts = (row: Row | undefined): string[] => row?.cells.map((c) => c.text) ?? [];
const rowWith = (doc: ReportDocument, label: string) => rows(doc).find((r) => texts(r).includes(label));
const t3Values = (report: Report, key: string) =>
  T3_COLUMNS.map((c) =>
    String((report.t3 as unknown as Record<string, Record<string, number | null>>)[key]?.[c] ?? ''),
  );

describe('office PDF, A4 landscape, ruled, no cell padding (observations 1, 2, 3, 5, 7)', () => {
  const name = 'office-landscape-tight';
  let doc: ReportDocument;
  before(async () => {
    doc = await readPdf(pdf(name));
  });

  it('reads every cell exactly', () => {
    assert.deepEqual(interpretDocument(doc).report, expected(name));
  });

  it('keeps a wrapped group label apart from the row label beside it, and a value right after the label column', () => {
    const report = expected(name);
    const row = rowWith(doc, '（五）不予处理');
    assert.deepEqual(texts(row), ['（五）不予处理', '1.信访举报投诉类申请', ...t3Values(report, 'notProcessed1')]);
    assert.deepEqual(texts(rowWith(doc, '一、本年新收政府信息公开申请数量')).slice(1), t3Values(report, 'new'));
  });

  it('reads a label of two paragraphs with the values centred between them as one row', () => {
    const report = expected(name);
    assert.deepEqual(texts(rowWith(doc, '4.保护第三方合法权益')), [
      '4.保护第三方合法权益',
      ...t3Values(report, 'denied4'),
    ]);
  });

  it('reads the narrow header whose cells stack one character per line', () => {
    const head = rows(doc).find((r) => texts(r).includes('自然人'));
    assert.ok(head, '自然人 is one cell');
    assert.ok(texts(head).includes('总计'));
    assert.ok(rows(doc).some((r) => texts(r).includes('商业企业') && texts(r).includes('法律服务机构')));
  });

  it('finds the published arithmetic error (T3_I2) and accuses nothing else', () => {
    const errors = checkDocument(doc).findings.filter((f) => f.level === 'error');
    assert.deepEqual(
      errors.map((f) => f.code),
      ['T3_I2', 'T3_I2'],
    );
  });
});

describe('office PDF, A4 portrait, tables across pages without repeated heads (observations 4, 5, 6)', () => {
  const name = 'office-portrait-pagebreak';
  let doc: ReportDocument;
  before(async () => {
    doc = await readPdf(pdf(name));
  });

  it('reads every cell exactly, blanks as blanks', () => {
    assert.deepEqual(interpretDocument(doc).report, expected(name));
  });

  it('keeps the columns on the continuation page where three columns are blank in every row', () => {
    const report = expected(name);
    const row = rowWith(doc, '6.属于四类过程性信息') as Row;
    assert.ok(row.source.page! > (rowWith(doc, '1.属于国家秘密') as Row).source.page!, 'the row is on the next page');
    assert.deepEqual(texts(row), ['6.属于四类过程性信息', ...t3Values(report, 'denied6')]);
    assert.equal(row.source.table, (rowWith(doc, '1.属于国家秘密') as Row).source.table, 'one table across pages');
  });

  it('recognises the section heading with a character too many, and no error is raised', () => {
    const { findings } = checkDocument(doc);
    assert.deepEqual(
      findings.filter((f) => f.level === 'error'),
      [],
    );
    assert.ok(!findings.some((f) => f.code === 'SECTION_MISSING'));
    assert.equal(interpretDocument(doc).report.sections['3'], expected(name).sections['3']);
  });
});

describe('LibreOffice’s PDF of a borderless page with uneven paragraph spacing (observations 1, 2 without rules)', () => {
  it('reads every cell exactly: a wrapped group label 5 pt from the row label beside it is not glued to it', async () => {
    const doc = await readPdf(pdf('office-borderless-spacing'));
    const report = expected('office-borderless-spacing');
    assert.deepEqual(interpretDocument(doc).report, report);
    assert.deepEqual(texts(rowWith(doc, '（六）其他处理')), [
      '（六）其他处理',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      ...t3Values(report, 'other1'),
    ]);
  });
});

describe('Chromium’s PDF of a bordered page, A4 landscape (borders drawn as filled rectangles)', () => {
  it('reads every cell exactly through the grid', async () => {
    const doc = await readPdf(pdf('chromium-bordered'));
    assert.deepEqual(interpretDocument(doc).report, expected('chromium-bordered'));
  });
});

describe('Chromium’s PDF of a bordered page, A4 portrait over five pages (the reader bench’s 5-page file)', () => {
  it('reads every cell exactly through the grid, tables crossing four page breaks', async () => {
    const doc = await readPdf(pdf('chromium-portrait-5pages'));
    assert.equal(new Set(doc.blocks.map((b) => b.source.page)).size, 5);
    assert.deepEqual(interpretDocument(doc).report, expected('chromium-portrait-5pages'));
  });
});

describe('PDFs without borders and earlier fixtures: no accusation of a consistent report', () => {
  for (const name of [
    'chromium-bordered',
    'chromium-portrait-5pages',
    'office-borderless-spacing',
    'libreoffice-html-random-1',
    'libreoffice-docx-rongxiang-2025',
    'writer-rongxiang-2025',
  ]) {
    it(`${name}: no error-level finding, no cell read wrong`, async () => {
      const { report, findings } = checkDocument(await readPdf(pdf(name)));
      assert.deepEqual(
        findings.filter((f) => f.level === 'error').map((f) => f.message),
        [],
      );
      const want = expected(name);
      for (const key of Object.keys(want.t3) as (keyof Report['t3'])[]) {
        for (const c of T3_COLUMNS) {
          const got = report.t3[key][c];
          if (got !== null) assert.equal(got, want.t3[key][c], `t3.${key}.${c}`);
        }
      }
    });
  }
});

describe('reading uncertainties are not the agency’s errors', () => {
  it('a PDF row whose values the reader could not place is a LAYOUT_UNCERTAIN warning, cells abstain', async () => {
    const doc = await readPdf(pdf('writer-rongxiang-2025'));
    const row = rowWith(doc, '2.重复申请') as Row;
    row.cells.splice(3, 1); // one value the reader did not see
    const { report, findings } = checkDocument(doc);
    assert.deepEqual(
      findings.filter((f) => f.level === 'error'),
      [],
    );
    const uncertain = findings.find((f) => f.code === 'LAYOUT_UNCERTAIN');
    assert.ok(uncertain);
    assert.equal(uncertain.level, 'warning');
    assert.equal(findingKind(uncertain), 'reading');
    assert.match(uncertain.message, /^PDF 版式无法可靠识别：第\d页表三/);
    assert.equal(report.t3.notProcessed2.natural, null);

    const text = formatCheckedReport('x.pdf', checkDocument(doc));
    assert.match(text, /读取中的不确定之处（不是报告的错误，请与原件核对）/);
    assert.match(text, /\[警告\] 版式无法可靠识别（LAYOUT_UNCERTAIN）/);
    assert.ok(text.indexOf('报告中的问题') < text.indexOf('读取中的不确定之处'));
  });
});

describe('pdf-rulings: rules from the operator list', () => {
  it('reads stroked lines and rectangles through save/transform/restore, and thin filled bars as rules', () => {
    const path = (paint: number, ...data: number[]) => [paint, [Float32Array.from(data)], null];
    const rules = pageRulings(
      {
        fnArray: [10, 12, 91, 11, 91, 91, 91],
        argsArray: [
          null,
          [1, 0, 0, 1, 100, 0], // cm: shift right by 100
          path(20, 0, 10, 700, 1, 50, 700), // stroked line (moveTo 10,700 lineTo 50,700) → x 110..150
          null,
          path(22, 0, 10, 600, 1, 60, 600, 1, 60, 600.5, 1, 10, 600.5, 4), // thin filled bar → horizontal rule
          path(22, 0, 10, 500, 1, 60, 500, 1, 60, 540, 1, 10, 540, 4), // shaded cell: not a rule
          path(28, 0, 0, 0, 1, 595, 0, 1, 595, 842, 4), // a clip path (endPath): not drawn
        ],
      },
      [0, 0, 595, 842],
    );
    assert.deepEqual(rules, [
      { x0: 110, y0: 142, x1: 150, y1: 142 },
      { x0: 10, y0: 241.75, x1: 60, y1: 241.75 },
    ]);
  });

  it('a closed stroke gives its closing side; curves and a path without a start give no rule; thin bars under a transform, not diamonds or hexagons', () => {
    const id = [1, 0, 0, 1, 0, 0];
    const rules = pathRulings(
      [
        { paint: 20, ctm: id, data: [0, 0, 0, 1, 10, 0, 1, 10, 10, 1, 0, 10, 4] }, // re S: four sides
        { paint: 20, ctm: id, data: [1, 5, 5, 4] }, // lineTo and closePath before any moveTo
        { paint: 20, ctm: id, data: [0, 0, 0, 2, 1, 1, 2, 2, 3, 0, 1, 6, 0] }, // only the straight piece after the curve
        { paint: 22, ctm: [2, 0, 0, 2, 0, 0], data: [0, 100, 0, 1, 101, 0, 1, 101, 50, 1, 100, 50, 4] }, // 2 × 100 bar
        { paint: 22, ctm: id, data: [0, 0, 0, 1, 1, 1, 1, 0, 2, 1, -1, 1, 4] }, // a diamond
        { paint: 22, ctm: id, data: [0, 0, 0, 1, 1, 0, 1, 2, 0, 1, 2, 1, 1, 1, 1, 1, 0, 1, 4] }, // six points
      ],
      [0, 0, 595, 842],
    );
    assert.deepEqual(rules, [
      { x0: 0, y0: 842, x1: 10, y1: 842 },
      { x0: 10, y0: 842, x1: 10, y1: 832 },
      { x0: 10, y0: 832, x1: 0, y1: 832 },
      { x0: 0, y0: 832, x1: 0, y1: 842 },
      { x0: 3, y0: 842, x1: 6, y1: 842 },
      { x0: 201, y0: 842, x1: 201, y1: 742 },
    ]);
  });
});

describe('stitching drawn tables across pages', () => {
  const zone = (xs: number[], rows: [string, string][]) => ({
    y: 50,
    xs,
    rows: rows.map(([label, value], i) => ({
      kind: 'data' as const,
      y: 50 + 20 * i,
      labels: 1,
      cells: [
        { text: label, x0: xs[0]!, x1: xs[1]! },
        { text: value, x0: xs[1]!, x1: xs[2]! },
      ],
    })),
  });
  const page = (number: number, z: ReturnType<typeof zone>) => ({ number, height: 842, lines: [], grids: [z] });

  it('a table first on its page continues the last one only when the column rules agree', () => {
    const same = pdfBlocks(
      [page(1, zone([50, 200, 300], [['规章', '1']])), page(2, zone([50, 200, 300], [['行政规范性文件', '2']]))],
      595,
    );
    const other = pdfBlocks(
      [page(1, zone([50, 200, 300], [['规章', '1']])), page(2, zone([50, 120, 300], [['行政许可', '2']]))],
      595,
    );
    const tables = (blocks: DocBlock[]) => blocks.map((b) => b.source.table);
    assert.deepEqual(tables(same), [1, 1]);
    assert.deepEqual(tables(other), [1, 2]);
  });
});
