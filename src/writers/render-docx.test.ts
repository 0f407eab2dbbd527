import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { setCell } from '../core/report/cell-path.ts';
import { SECTION_NUMBERS, SECTION_TITLES, type FormatVersion } from '../core/report/layout.ts';
import { randomReport } from '../core/report/random-report.ts';
import type { Report } from '../core/report/report-schema.ts';
import { renderReportDocx } from './render-docx.ts';
import { cpuNow } from '../../test/cpu-clock.ts';

interface Unpacked {
  files: string[];
  document: ReturnType<typeof parseDocument>;
  styles: string;
  custom: string;
}

function unpack(report: Report): Promise<Unpacked> {
  let done = unpacked.get(report);
  if (!done) unpacked.set(report, (done = unpackNow(report)));
  return done;
}

async function unpackNow(report: Report): Promise<Unpacked> {
  const zip = await JSZip.loadAsync(await renderReportDocx(report));
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  return {
    files: Object.keys(zip.files),
    document: parseDocument(await read('word/document.xml'), { xmlMode: true }),
    styles: await read('word/styles.xml'),
    custom: await read('docProps/custom.xml'),
  };
}

const all = (root: Parameters<typeof DomUtils.getElementsByTagName>[1], tag: string) =>
  DomUtils.getElementsByTagName(tag, root, true);
/** Direct children only, so a cell's rows are not mixed with a nested table's. */
const children = (el: Element, tag: string) =>
  el.children.filter((c): c is Element => c.type === 'tag' && c.name === tag);
const attr = (el: Element | undefined, name: string) => (el ? (DomUtils.getAttributeValue(el, name) ?? null) : null);
const textOf = (el: Element) =>
  all(el, 'w:t')
    .map((t) => DomUtils.textContent(t))
    .join('');
const props = (tc: Element) => ({
  span: Number(attr(all(tc, 'w:gridSpan')[0], 'w:val') ?? 1),
  vMerge: all(tc, 'w:vMerge')[0] === undefined ? null : (attr(all(tc, 'w:vMerge')[0], 'w:val') ?? 'continue'),
});
const body = (u: Unpacked) => all(u.document, 'w:body')[0]!;
const paragraphStyle = (p: Element) => attr(all(p, 'w:pStyle')[0], 'w:val');

/** One report with every front-matter field set, rendered once and shared by the tests that only read it. */
let signed: Report | undefined;
const unpacked = new Map<Report, Promise<Unpacked>>();
function signedReport(): Report {
  if (signed) return signed;
  signed = {
    ...randomReport(2, { format: '2021' }),
    agency: '荣巷街道办事处',
    dated: '2026-01-15',
    publishedAt: '2026-01-20T14:26:00+08:00',
  };
  signed.sections['6'] = '无。\n\n另有说明';
  return signed;
}

describe('renderReportDocx', () => {
  it('is a Word package with the zh-CN East-Asian language and Chinese fonts', async () => {
    const u = await unpack(signedReport());
    for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml'])
      assert.ok(u.files.includes(part), part);
    assert.match(u.styles, /<w:rPrDefault><w:rPr>.*<w:lang [^>]*w:eastAsia="zh-CN"/);
    assert.match(u.styles, /<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/);
    assert.match(u.styles, /w:styleId="Heading1".*?w:eastAsia="方正小标宋简体"/);
    assert.match(u.styles, /w:styleId="Heading2".*?w:eastAsia="黑体"/);
  });

  it('puts title, 发布时间, headings, narrative lines and 落款 in paragraphs a reader can tell apart', async () => {
    const report = signedReport();
    const u = await unpack(report);
    const paragraphs = children(body(u), 'w:p').map((p) => ({ style: paragraphStyle(p), text: textOf(p) }));
    assert.deepEqual(paragraphs.slice(0, 2), [
      { style: 'Heading1', text: report.title },
      { style: 'PublishedAt', text: '发布时间：2026-01-20 14:26' },
    ]);
    assert.deepEqual(
      paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text),
      SECTION_NUMBERS.map((n) => SECTION_TITLES[n]),
    );
    assert.deepEqual(paragraphs.slice(-6), [
      { style: 'Heading2', text: '六、其他需要报告的事项' },
      { style: null, text: '无。' },
      { style: null, text: '' },
      { style: null, text: '另有说明' },
      { style: 'Signature', text: '荣巷街道办事处' },
      { style: 'Signature', text: '2026年1月15日' },
    ]);
    // Exact values for readers: publishedAt with seconds and zone.
    assert.match(u.custom, /name="gongkai.publishedAt"[^>]*><vt:lpwstr>2026-01-20T14:26:00\+08:00</);
  });

  for (const format of ['2021', '2019'] as FormatVersion[]) {
    it(`${format}: tables carry the template's merges as w:gridSpan and w:vMerge on a full grid`, async () => {
      const u = await unpack(randomReport(3, { format }));
      const tables = children(body(u), 'w:tbl');
      assert.equal(tables.length, 3);
      const widths = [4, 10, 15];
      tables.forEach((table, i) => {
        assert.equal(all(table, 'w:gridCol').length, widths[i], `table ${i + 2} grid`);
        for (const tr of children(table, 'w:tr')) {
          const covered = children(tr, 'w:tc').reduce((sum, tc) => sum + props(tc).span, 0);
          assert.equal(covered, widths[i], `table ${i + 2}: a row covers the whole grid`);
        }
      });
      const [, t3, t4] = tables as [Element, Element, Element];
      const rows = children(t3, 'w:tr');
      assert.equal(rows.length, format === '2021' ? 28 : 26);
      const cells = (row: Element) => children(row, 'w:tc').map((tc) => ({ text: textOf(tc), ...props(tc) }));
      assert.deepEqual(
        cells(rows[0]!).map((c) => [c.span, c.vMerge]),
        [
          [3, 'restart'],
          [7, null],
        ],
      );
      assert.deepEqual(
        cells(rows[1]!).map((c) => [c.text, c.span, c.vMerge]),
        [
          ['', 3, 'continue'],
          ['自然人', 1, 'restart'],
          ['法人或其他组织', 5, null],
          ['总计', 1, 'restart'],
        ],
      );
      // 三、本年度办理结果 starts a vertical merge that the next 21 (2021) or 19 (2019) rows continue.
      const firstColumn = rows.slice(5).map((r) => cells(r)[0]!);
      const results = format === '2021' ? 22 : 20;
      assert.equal(firstColumn[0]!.text, '三、本年度办理结果');
      assert.equal(firstColumn[0]!.vMerge, 'restart');
      assert.equal(firstColumn.slice(1, results).filter((c) => c.vMerge === 'continue').length, results - 1);
      assert.equal(firstColumn[results]!.vMerge, null); // 四、结转下年度继续办理
      const restarts = rows.flatMap((r) => cells(r)).filter((c) => c.vMerge === 'restart').length;
      assert.equal(restarts, format === '2021' ? 8 : 7); // note, 自然人, 总计, 三, （三）（四）（五）, and （六） in 2021
      // Table 4: 行政复议 over 5 columns, 行政诉讼 over 10, and the 15 values on the last row.
      const t4Rows = children(t4, 'w:tr');
      assert.deepEqual(
        cells(t4Rows[0]!).map((c) => [c.text, c.span]),
        [
          ['行政复议', 5],
          ['行政诉讼', 10],
        ],
      );
      assert.equal(cells(t4Rows[3]!).length, 15);
    });
  }

  it('writes a blank cell as an empty cell and numbers as printed, and drops characters XML cannot hold', async () => {
    const report = randomReport(4, { format: '2021' });
    report.sections['1'] = 'a\u0001b\u000bc'; // Word refuses a file with these; they are dropped
    setCell(report, 't3.new.natural', null);
    setCell(report, 't3.new.commercial', 0);
    setCell(report, 't2.fees10kYuan', 3.25);
    const u = await unpack(report);
    const [t2, t3] = children(body(u), 'w:tbl') as [Element, Element];
    const newRow = children(t3, 'w:tr')[3]!;
    const texts = children(newRow, 'w:tc').map(textOf);
    assert.equal(texts[0], '一、本年新收政府信息公开申请数量');
    assert.deepEqual(texts.slice(1, 3), ['', '0']);
    assert.equal(all(children(newRow, 'w:tc')[1]!, 'w:r').length, 0); // no run at all, not a run with ''
    const fees = children(t2, 'w:tr').at(-1)!;
    assert.deepEqual(children(fees, 'w:tc').map(textOf), ['行政事业性收费', '3.25']);
    assert.ok(children(body(u), 'w:p').some((p) => textOf(p) === 'abc'));
  });

  it('renders in well under a second', async () => {
    const report = randomReport(6, { format: '2021' });
    await renderReportDocx(report); // warm up the docx module
    const start = cpuNow();
    for (let i = 0; i < 3; i++) await renderReportDocx(randomReport(10 + i));
    assert.ok((cpuNow() - start) / 3 < 500, 'average DOCX render time');
  });
});
