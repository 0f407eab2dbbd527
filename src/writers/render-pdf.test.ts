import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { DocBlock, ReportDocument } from '../core/read/report-document.ts';
import { T3_COLUMNS, T3_ROWS } from '../core/report/layout.ts';
import { randomReport } from '../core/report/random-report.ts';
import { loadPdfjs } from '../readers/load-pdfjs.ts';
import { readPdf } from '../readers/read-pdf.ts';
import { CJK_FONT_ENV, findCjkFont } from './find-cjk-font.ts';
import { A4 } from './pdf-page-flow.ts';
import { renderReportPdf } from './render-pdf.ts';
import { placeCells, reportTables } from './report-tables.ts';
import { wrapCjkText } from './wrap-cjk-text.ts';

type Row = Extract<DocBlock, { kind: 'row' }>;
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const texts = (row: Row | undefined): string[] => row?.cells.map((c) => c.text) ?? [];
const rows = (doc: ReportDocument): Row[] => doc.blocks.filter((b): b is Row => b.kind === 'row');
const lines = (doc: ReportDocument): string[] => doc.blocks.flatMap((b) => (b.kind === 'line' ? [b.text] : []));

/** The embedded font programs: FontFile2/3 streams, decompressed. */
function fontPrograms(pdf: string): Buffer[] {
  const out: Buffer[] = [];
  const re = /\/Subtype \/CIDFontType0C\n\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g;
  for (let m = re.exec(pdf); m; m = re.exec(pdf)) {
    out.push(
      inflateSync(Buffer.from(pdf.slice(m.index + m[0].length, m.index + m[0].length + Number(m[1])), 'latin1')),
    );
  }
  return out;
}

describe('renderReportPdf', () => {
  const report = randomReport(1);
  let bytes: Uint8Array;
  before(async () => {
    bytes = await renderReportPdf(report);
  });

  it('embeds the Chinese faces as subsets, every font with its program', () => {
    const pdf = latin1(bytes);
    assert.ok(pdf.startsWith('%PDF-'));
    const names = [...pdf.matchAll(/\/FontName \/([A-Z]{6})\+([\w-]+)/g)].map((m) => m[2]);
    assert.deepEqual(names.sort(), ['NotoSansCJKsc-Bold', 'NotoSerifCJKsc-Regular']);
    const descriptors = pdf.match(/\/Type \/FontDescriptor/g)?.length ?? 0;
    const programs = pdf.match(/\/FontFile[23] \d+ 0 R/g)?.length ?? 0;
    assert.equal(programs, descriptors);
    assert.equal(programs, 2);
  });

  it('keeps only the subroutines the subset uses (compact fonts: small files, quick to read)', () => {
    const sizes = fontPrograms(latin1(bytes)).map((p) => p.length);
    assert.equal(sizes.length, 2);
    // fontkit alone keeps Noto CJK's ~50 000 subroutine entries: ≥ 250 KB per face whatever the text.
    assert.ok(Math.max(...sizes) < 150_000, `font programs of ${sizes.join(', ')} bytes`);
    assert.ok(Math.min(...sizes) < 40_000, `the heading face holds a few dozen glyphs: ${Math.min(...sizes)} bytes`);
    assert.ok(bytes.length < 150_000, `${bytes.length} bytes`);
  });

  it('gives the same bytes for the same report', async () => {
    assert.deepEqual(await renderReportPdf(report), bytes);
  });

  it('prints title, 发布时间, the six headings, the narrative and the 落款', async () => {
    const all = lines(await readPdf(bytes));
    assert.equal(all[0], report.title);
    assert.equal(all[1], `发布时间：${report.publishedAt?.slice(0, 10)} ${report.publishedAt?.slice(11, 16)}`);
    for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '六、其他需要报告的事项'])
      assert.ok(all.includes(heading));
    for (const paragraph of report.sections['1'].split('\n')) assert.ok(all.includes(paragraph), paragraph);
    const [y, m, d] = (report.dated ?? '').split('-').map(Number);
    assert.deepEqual(all.slice(-2), [report.agency, `${y}年${m}月${d}日`]);
  });

  it('draws every cell of the template as one rectangle: merged cells are merged', async () => {
    const pdfjs = await loadPdfjs();
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    let strokes = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const ops = await (await doc.getPage(p)).getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn === pdfjs.OPS.constructPath && (ops.argsArray[i] as unknown[])[0] === pdfjs.OPS.stroke) strokes++;
      });
    }
    await doc.destroy();
    // No table of this report crosses a page, so each placed cell is exactly one stroked rectangle.
    const cells = reportTables(report).reduce((s, t) => s + placeCells(t).length, 0);
    assert.equal(strokes, cells);
  });
});

describe('renderReportPdf: a table across a page break', () => {
  const report = randomReport(7);
  report.sections['1'] += Array.from(
    { length: 9 },
    (_, i) =>
      `\n（${i + 6}）补充说明。坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设，严格落实保密审查制度。`,
  ).join('');
  let doc: ReportDocument;
  before(async () => {
    doc = await readPdf(await renderReportPdf(report));
  });

  it('breaks table 3 between rows: every row whole on one page, its label and all seven values', () => {
    const t3 = report.t3 as Record<string, Record<string, number | null>>;
    const pages = new Set<number>();
    for (const spec of T3_ROWS['2021']) {
      const row = rows(doc).find((r) => texts(r).includes(spec.label));
      assert.ok(row, spec.label);
      assert.deepEqual(texts(row).slice(-8), [spec.label, ...T3_COLUMNS.map((c) => String(t3[spec.key]?.[c]))]);
      assert.ok(row.cells.every((c) => c.source.page === row.source.page));
      pages.add(row.source.page as number);
    }
    assert.equal(pages.size, 2, 'the table does cross a page break');
  });

  it('prints the text of a merged cell cut by the break once, on its first page', () => {
    assert.equal(rows(doc).filter((r) => texts(r).includes('三、本年度办理结果')).length, 1);
  });
});

describe('renderReportPdf: a long title', () => {
  it('wraps within the text block: no line of the title is wider than the page allows, no character lost', async () => {
    const pdfjs = await loadPdfjs();
    for (const title of [
      '无锡市滨湖区荣巷街道办事处（社会事业管理服务中心、综合行政执法局）2025年政府信息公开工作年度报告',
      // An unbreakable run (a URL, a Latin name) used to be kept whole and run off the paper.
      '无锡市滨湖区荣巷街道办事处2025年政府信息公开工作年度报告（http://www.wuxi.gov.cn/doc/2026/01/31/binhu-rongxiang-annual-report-2025.shtml）',
      'WuxiBinhuDistrictRongxiangSubdistrictOfficeGovernmentInformationDisclosureAnnualReport2025年度报告',
    ]) {
      const bytes = await renderReportPdf({ ...randomReport(3), title });
      const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
      // Text items only: pdf.js's text content also holds items with a `type` (marked content; the painted paths
      // and image marks this project's edited worker adds).
      const items = (await (await doc.getPage(1)).getTextContent()).items.filter((i) => 'str' in i) as {
        str: string;
        width: number;
        transform: number[];
      }[];
      const lines = items.filter((i) => i.str !== '' && i.transform[0] === 18); // the title's size
      assert.ok(lines.length >= 2, `${title}: wrapped`);
      for (const l of lines) {
        const x0 = l.transform[4]!;
        assert.ok(x0 >= A4.left - 0.5 && x0 + l.width <= A4.right + 0.5, `${l.str}: ${x0}–${x0 + l.width}`);
      }
      assert.equal(lines.map((l) => l.str).join(''), title);
    }
  });
});

describe('wrapCjkText', () => {
  const measure = (s: string) => [...s].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 5 : 10), 0);

  it('never breaks inside a number and never breaks next to a space a reader would lose', () => {
    const lines = wrapCjkText('明确政策文件 3 个工作日、工作动态 24 小时内公开', 100, measure);
    assert.deepEqual(lines, ['明确政策文件 3 个工', '作日、工作动态 24 小', '时内公开']);
    assert.ok(lines.every((l) => l === l.trim()));
  });

  it('keeps closing marks off the start of a line and opening marks off its end (避头尾)', () => {
    for (const line of wrapCjkText('加强“三审三校”制度，（二）依申请公开。本年共收到申请。', 60, measure)) {
      assert.ok(!/^[，。、）”]/.test(line) && !/[（“]$/.test(line), line);
    }
  });

  it('cuts a run wider than the line between characters rather than letting it overflow', () => {
    const lines = wrapCjkText('报告https://example.gov.cn/a/very/long/path', 100, measure);
    assert.ok(lines.length > 1 && lines.every((l) => measure(l) <= 100), lines.join(' | '));
    assert.equal(lines.join(''), '报告https://example.gov.cn/a/very/long/path');
  });

  it('balances short headers (结果/维持) and keeps the first-line indent', () => {
    assert.deepEqual(wrapCjkText('结果维持', 30, measure, { balanced: true }), ['结果', '维持']);
    assert.deepEqual(wrapCjkText('一二三四五六七八', 60, measure, { firstIndent: 20 }), ['一二三四', '五六七八']);
  });
});

describe('findCjkFont', () => {
  it('says in Chinese to install fonts-noto-cjk when no Chinese font exists', () => {
    assert.throws(() => findCjkFont({}, () => false), /找不到可嵌入 PDF 的中文字体.*fonts-noto-cjk.*GONGKAI_CJK_FONT/);
  });

  it('takes the font from GONGKAI_CJK_FONT, and needs the face name for a collection', () => {
    const exists = (p: string) => p === '/opt/f.ttc' || p === '/opt/f.otf';
    assert.deepEqual(findCjkFont({ [CJK_FONT_ENV]: '/opt/f.otf' }, exists).regular, { path: '/opt/f.otf' });
    assert.deepEqual(findCjkFont({ [CJK_FONT_ENV]: '/opt/f.ttc#Face-Regular' }, exists).bold, {
      path: '/opt/f.ttc',
      postscriptName: 'Face-Regular',
    });
    assert.throws(() => findCjkFont({ [CJK_FONT_ENV]: '/opt/f.ttc' }, exists), /#字体PostScript名/);
    assert.throws(() => findCjkFont({ [CJK_FONT_ENV]: '/opt/none.otf' }, exists), /不存在/);
  });
});
