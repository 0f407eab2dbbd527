import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { DocBlock, DocCell } from '../core/read/report-document.ts';
import { decodeText } from './detect-kind.ts';
import { readHtml } from './read-html.ts';
import { cpuNow } from '../../test/cpu-clock.ts';

const fixtureText = (name: string): string =>
  decodeText(new Uint8Array(readFileSync(new URL(`../../test/fixtures/html/${name}`, import.meta.url))));

type Row = Extract<DocBlock, { kind: 'row' }>;
const rows = (blocks: DocBlock[], table?: number): Row[] =>
  blocks.filter((b): b is Row => b.kind === 'row' && (table === undefined || b.source.table === table));
const lines = (blocks: DocBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'line' ? [b.text] : []));
const texts = (row: Row | undefined): string[] => row?.cells.map((c: DocCell) => c.text) ?? [];
const cols = (row: Row | undefined): number[] => row?.cells.map((c: DocCell) => c.source.col ?? 0) ?? [];
/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('readHtml: a government article page (荣巷街道, seed 000)', () => {
  const html = fixtureText('rongxiang-2025.html');
  const doc = readHtml(html);

  it('starts with the article title and keeps the 发布时间 line without the widgets beside it', () => {
    assert.equal(doc.kind, 'html');
    const [first, second] = lines(doc.blocks);
    assert.equal(first, '荣巷街道2025年政府信息公开工作年度报告');
    assert.equal(second, '发布时间：2026-01-20 14:26');
  });

  it('drops site chrome: header, navigation, breadcrumb, tools, share, QR code, previous/next, footer', () => {
    const all = lines(doc.blocks).join('\n');
    for (const chrome of [
      '无锡市滨湖区人民政府',
      '政务服务',
      '当前位置',
      '字体',
      '浏览次数',
      '打印',
      '关闭',
      '分享到',
      '扫一扫',
      '上一篇',
      '雪浪街道',
      'ICP备',
      '网站标识码',
      'document.write',
      'hm.js',
    ]) {
      assert.ok(!all.includes(chrome), `chrome left in: ${chrome}`);
    }
    assert.ok(all.includes('无锡市滨湖区荣巷街道办事处'), 'the 落款 is content, not chrome');
  });

  it('reads three data tables with the template row counts', () => {
    assert.deepEqual(
      [1, 2, 3].map((t) => rows(doc.blocks, t).length),
      [14, 28, 4],
    );
    assert.equal(rows(doc.blocks).length, 46);
  });

  it('omits cells covered by a rowspan and places the rest on grid columns', () => {
    const t3 = rows(doc.blocks, 2);
    // Row 6 opens the rowspan of 三、本年度办理结果; row 7 starts after it, at grid column 2.
    assert.deepEqual(texts(t3[5]), ['三、本年度办理结果', '（一）予以公开', '2', '0', '0', '0', '0', '0', '2']);
    assert.deepEqual(cols(t3[5]), [1, 2, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(texts(t3[6]).slice(0, 2), ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '0']);
    assert.equal(t3[6]?.cells[0]?.source.col, 2);
    // Under （三）不予公开 (rowspan 8) the second row holds only its item label and seven numbers.
    assert.deepEqual(texts(t3[8]), ['2.其他法律行政法规禁止公开', '0', '0', '0', '0', '0', '0', '0']);
    assert.equal(t3[8]?.cells[0]?.source.col, 3);
    assert.deepEqual(texts(t3[10]), ['4.保护第三方合法权益', '1', '0', '0', '0', '0', '0', '1']);
  });

  it('keeps a colspan cell once and a <br> inside a cell as a line break', () => {
    const t3 = rows(doc.blocks, 2);
    assert.deepEqual(texts(t3[0]), [
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '申请人情况',
    ]);
    assert.deepEqual(cols(t3[0]), [1, 4]);
    assert.deepEqual(texts(t3[2]), ['商业\n企业', '科研\n机构', '社会公益组织', '法律服务机构', '其他']);
    assert.equal(texts(t3[2])[0]?.replace(/\s/g, ''), '商业企业');
    const t4 = rows(doc.blocks, 3);
    assert.equal(t4[3]?.cells.length, 15);
    assert.deepEqual(texts(t4[0]), ['行政复议', '行政诉讼']);
  });

  it('gives every block the HTML line where it starts', () => {
    const heading = doc.blocks.find((b) => b.kind === 'line' && b.text === '五、存在的主要问题及改进情况');
    assert.equal(heading?.source.line, lineOf(html, '五、存在的主要问题及改进情况'));
    const total = rows(doc.blocks, 2).find((r) => r.cells[0]?.text === '（七）总计');
    assert.equal(total?.cells[0]?.source.line, lineOf(html, '（七）总计'));
    assert.deepEqual({ ...total?.source, line: undefined }, { table: 2, row: 27, line: undefined });
    const published = doc.blocks.find((b) => b.kind === 'line' && b.text.startsWith('发布时间'));
    assert.equal(published?.source.line, lineOf(html, '发布时间：'));
  });
});

describe('readHtml: old table-layout site in GBK (朝天门街道, seed 002)', () => {
  const doc = readHtml(fixtureText('chaotianmen-2025-gbk.html'));

  it('flattens layout tables: page parts become lines, only the report tables stay rows', () => {
    assert.deepEqual([...new Set(rows(doc.blocks).map((r) => r.source.table))], [1, 2, 3]);
    const all = lines(doc.blocks);
    assert.equal(all[0], '重庆市渝中区人民政府朝天门街道办事处2025年政府信息公开工作年度报告');
    assert.equal(all[1], '来源:朝天门街道办事处 发布时间:2026-01-20 17:01');
    for (const chrome of ['首页', '您现在的位置', '打印', '纠错', '分享到', '扫一扫', 'ICP', '主办']) {
      assert.ok(!all.some((line) => line.includes(chrome)), `chrome left in: ${chrome}`);
    }
  });

  it('keeps the published header row as it is: 自然人 is missing, nothing is invented', () => {
    const t3 = rows(doc.blocks, 2);
    assert.deepEqual(texts(t3[1]), ['法人或其他组织', '总计']);
    assert.deepEqual(texts(t3[3]).length, 8);
  });
});

describe('readHtml: damaged pages', () => {
  it('a missing column shows as shorter data rows (东兴街道, seed 004)', () => {
    const t3 = rows(readHtml(fixtureText('dongxing-2025-missing-column.html')).blocks, 2);
    assert.equal(t3.length, 28);
    assert.deepEqual(texts(t3[3]), ['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0']);
  });

  it('&nbsp; cells are blank, and a missing header cell stays missing (江源街道, seed 001)', () => {
    const t3 = rows(readHtml(fixtureText('jiangyuan-2023-damaged-header.html')).blocks, 2);
    assert.deepEqual(texts(t3[2]), ['商业\n企业', '社会公益组织', '法律服务机构', '其他']);
    assert.deepEqual(texts(t3[9]), ['3.危及“三安全一稳定”', '', '', '', '', '', '', '']);
    assert.deepEqual(texts(t3[25]), ['3.其他', '0', '', '', '', '', '', '0']);
  });

  it('a page without a table is still a document, of lines only', () => {
    const doc = readHtml(fixtureText('notice-no-table.html'));
    assert.equal(rows(doc.blocks).length, 0);
    assert.deepEqual(lines(doc.blocks), [
      '关于调整政务服务大厅工作时间的通知',
      '发布时间：2026-03-02 10:00',
      '各位办事群众：',
      '根据工作安排，自2026年3月9日起，区政务服务大厅工作时间调整为：周一至周五上午9:00—12:00，下午13:30—17:30。',
      '法定节假日按国家规定执行。',
      '特此通知。',
      '某某区政务服务管理办公室',
      '2026年3月2日',
    ]);
  });
});

describe('readHtml: markup details', () => {
  it('&nbsp;-only and blank cells are kept as empty cells; &nbsp; around a value is trimmed', () => {
    const doc = readHtml(
      '<table><tr><td>规章</td><td>&nbsp;</td><td> 0&nbsp;</td><td><p>&nbsp;</p></td><td></td></tr></table>',
    );
    assert.deepEqual(texts(rows(doc.blocks)[0]), ['规章', '', '0', '', '']);
  });

  it('<br> splits running text into lines; inline tags do not', () => {
    const doc = readHtml('<p>无锡市滨湖区<span>荣巷街道</span>办事处<br>2026年1月15日</p>');
    assert.deepEqual(lines(doc.blocks), ['无锡市滨湖区荣巷街道办事处', '2026年1月15日']);
  });

  it('skips scripts, styles, hidden elements and form controls', () => {
    const doc = readHtml(
      '<div style="DISPLAY: none">隐藏的旧版本</div><script>var s = "<td>1</td>";</script><style>p{}</style>' +
        '<p hidden>也隐藏</p><select><option>国务院</option></select><p>正文</p>',
    );
    assert.deepEqual(lines(doc.blocks), ['正文']);
  });

  it('keeps a <header> that holds the article title and 发布时间, drops a site header', () => {
    const doc = readHtml(
      '<header><div>某某区人民政府门户网站</div></header>' +
        '<article><header><h1>某某局2025年政府信息公开工作年度报告</h1><p>发布时间：2026-01-30</p></header><p>一、总体情况</p></article>',
    );
    assert.deepEqual(lines(doc.blocks), [
      '某某局2025年政府信息公开工作年度报告',
      '发布时间：2026-01-30',
      '一、总体情况',
    ]);
  });

  it('unclosed cells and rows are closed the way browsers do', () => {
    const doc = readHtml('<table><tr><td>1<td>2<tr><td>3<td>4</table><p>之后');
    assert.deepEqual(rows(doc.blocks).map(texts), [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(lines(doc.blocks), ['之后']);
  });

  it('truncated markup still yields what was read', () => {
    const doc = readHtml('<p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr><tr><td>行政规范');
    assert.deepEqual(rows(doc.blocks).map(texts), [['规章', '0'], ['行政规范']]);
  });

  it('absurd spans are clamped instead of allocating or looping', () => {
    const doc = readHtml(
      '<table><tr><td colspan="99999999" rowspan="99999999">a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>',
    );
    const [first, second] = rows(doc.blocks);
    assert.deepEqual(cols(first), [1, 1001]);
    assert.deepEqual(cols(second), [1001, 1002]);
  });

  it('rowspans shift later cells to the right grid column (template table 4 header)', () => {
    const doc = readHtml(
      '<table><tr><td rowspan="2">结果维持</td><td colspan="2">未经复议直接起诉</td><td rowspan="2">总计</td></tr>' +
        '<tr><td>维持</td><td>纠正</td></tr><tr><td>0</td><td>1</td><td>2</td><td>3</td></tr></table>',
    );
    assert.deepEqual(rows(doc.blocks).map(cols), [
      [1, 2, 4],
      [2, 3],
      [1, 2, 3, 4],
    ]);
  });

  it('reads a seed-sized page in a few milliseconds', () => {
    const html = fixtureText('rongxiang-2025.html');
    for (let i = 0; i < 30; i++) readHtml(html);
    const start = cpuNow();
    const runs = 50;
    for (let i = 0; i < runs; i++) readHtml(html);
    const perRead = (cpuNow() - start) / runs;
    // About 1 ms on an idle 2-core machine (docs/readers.md); the bound leaves room for a busy CI runner.
    assert.ok(perRead < 15, `${perRead.toFixed(2)} ms per read`);
  });
});
