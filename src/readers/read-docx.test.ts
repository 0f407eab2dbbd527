import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { ReadError } from '../core/read/read-error.ts';
import type { DocBlock, DocCell } from '../core/read/report-document.ts';
import { readDocx, readWordXml } from './read-docx.ts';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/docx/${name}`, import.meta.url)));

type Row = Extract<DocBlock, { kind: 'row' }>;
const rows = (blocks: DocBlock[], table?: number): Row[] =>
  blocks.filter((b): b is Row => b.kind === 'row' && (table === undefined || b.source.table === table));
const lines = (blocks: DocBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'line' ? [b.text] : []));
const texts = (row: Row | undefined): string[] => row?.cells.map((c: DocCell) => c.text) ?? [];
const cols = (row: Row | undefined): number[] => row?.cells.map((c: DocCell) => c.source.col ?? 0) ?? [];

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const body = (xml: string): string => `<?xml version="1.0"?><w:document ${W}><w:body>${xml}</w:body></w:document>`;
const p = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (text: string, props = ''): string => `<w:tc><w:tcPr>${props}</w:tcPr>${p(text)}</w:tc>`;

function isDamaged(error: unknown): boolean {
  return error instanceof ReadError && error.code === 'CORRUPT' && /Word 文件不完整或已损坏/.test(error.message);
}

describe('readDocx: the report converted by LibreOffice (荣巷街道)', async () => {
  const doc = await readDocx(fixture('rongxiang-2025.docx'));

  it('reads paragraphs as lines, in order, numbered by paragraph', () => {
    assert.equal(doc.kind, 'docx');
    const all = lines(doc.blocks);
    assert.equal(all[0], '荣巷街道2025年政府信息公开工作年度报告');
    assert.equal(all[1], '一、总体情况');
    assert.deepEqual(all.slice(-2), ['无锡市滨湖区荣巷街道办事处', '2026年1月15日']);
    const numbers = doc.blocks.map((b) => b.source.line ?? 0);
    assert.ok(
      numbers.every((n, i) => i === 0 || n >= (numbers[i - 1] ?? 0)),
      'sources follow document order',
    );
  });

  it('reads the three tables with the template row counts', () => {
    assert.deepEqual(
      [1, 2, 3].map((t) => rows(doc.blocks, t).length),
      [14, 28, 4],
    );
  });

  it('omits vMerge continuation cells and keeps gridSpan cells once, on grid columns', () => {
    const t3 = rows(doc.blocks, 2);
    assert.deepEqual(texts(t3[0]), [
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '申请人情况',
    ]);
    assert.deepEqual(cols(t3[0]), [1, 4]);
    assert.deepEqual(texts(t3[1]), ['自然人', '法人或其他组织', '总计']);
    assert.deepEqual(cols(t3[1]), [4, 5, 10]);
    assert.deepEqual(texts(t3[2]), ['商业\n企业', '科研\n机构', '社会公益组织', '法律服务机构', '其他']);
    assert.deepEqual(texts(t3[6]).slice(0, 2), ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '0']);
    assert.equal(t3[6]?.cells[0]?.source.col, 2);
    assert.deepEqual(texts(t3[15]), [
      '（四）无法提供',
      '1.本机关不掌握相关政府信息',
      '5',
      '0',
      '0',
      '0',
      '0',
      '0',
      '5',
    ]);
    assert.deepEqual(texts(t3[16]), ['2.没有现成信息需要另行制作', '0', '0', '0', '0', '0', '0', '0']);
  });
});

describe('readDocx: damaged and unrelated documents', () => {
  it('a missing header cell and truncated labels are kept as published (江源街道)', async () => {
    const doc = await readDocx(fixture('jiangyuan-2023-damaged-header.docx'));
    const t3 = rows(doc.blocks, 2);
    // Word tables are rectangular: LibreOffice pads the short header row with an empty cell at its end.
    assert.deepEqual(texts(t3[2]), ['商业\n企业', '社会公益组织', '法律服务机构', '其他', '']);
    assert.deepEqual(texts(t3[9]), ['3.危及“三安全一稳定”', '', '', '', '', '', '', '']);
    assert.deepEqual(texts(rows(doc.blocks, 3)[1]).slice(0, 5), ['结果维持', '结果', '其他', '尚未', '总计']);
  });

  it('a missing column shows as shorter data rows (东兴街道)', async () => {
    const t3 = rows((await readDocx(fixture('dongxing-2025-missing-column.docx'))).blocks, 2);
    // Six values, then the empty cell that pads the row to the table's grid.
    assert.deepEqual(texts(t3[3]), ['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '']);
  });

  it('a Word file that is not a report is still a document', async () => {
    const doc = await readDocx(fixture('notice-no-table.docx'));
    assert.equal(rows(doc.blocks).length, 0);
    assert.ok(lines(doc.blocks).includes('特此通知。'));
  });

  it('a DOCX cut in half is refused as 文件不完整或已损坏', async () => {
    await assert.rejects(readDocx(fixture('rongxiang-2025-truncated.docx')), isDamaged);
  });

  it('a zip whose word/document.xml is not WordprocessingML is damaged', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '\u0000\u0001 not xml at all');
    await assert.rejects(readDocx(await zip.generateAsync({ type: 'uint8array' })), isDamaged);
  });

  it('a zip without word/document.xml is damaged', async () => {
    const zip = new JSZip();
    zip.file('word/styles.xml', '<w:styles/>');
    await assert.rejects(readDocx(await zip.generateAsync({ type: 'uint8array' })), isDamaged);
  });

  it('finds the main part through _rels/.rels when it is not word/document.xml', async () => {
    const zip = new JSZip();
    zip.file(
      '_rels/.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/>' +
        '</Relationships>',
    );
    zip.file('word/document2.xml', body(p('荣巷街道2025年政府信息公开工作年度报告')));
    const doc = await readDocx(await zip.generateAsync({ type: 'uint8array' }));
    assert.deepEqual(lines(doc.blocks), ['荣巷街道2025年政府信息公开工作年度报告']);
  });

  it('a zip bomb is refused before inflating, from the sizes its directory declares', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', body(p('x')));
    zip.file('word/media/image1.png', 'x');
    const data = await zip.generateAsync({ type: 'uint8array' });
    // Claim 300 MB for the second entry, as a real bomb's directory does.
    const view = new DataView(data.buffer);
    let entry = -1;
    for (let at = data.length - 22, seen = 0; at >= 0 && entry === -1; at--) {
      if (view.getUint32(at, true) === 0x02014b50 && ++seen === 1) entry = at;
    }
    view.setUint32(entry + 24, 300 * 1024 * 1024, true);
    await assert.rejects(readDocx(data), (e: unknown) => e instanceof ReadError && e.code === 'TOO_LARGE');
  });
});

describe('readWordXml: WordprocessingML details', () => {
  it('vMerge restart opens a merge, continuation cells are omitted; gridSpan and gridBefore move columns', () => {
    const doc = readWordXml(
      body(
        '<w:tbl>' +
          `<w:tr>${tc('三、本年度办理结果', '<w:vMerge w:val="restart"/>')}${tc('（一）予以公开', '<w:gridSpan w:val="2"/>')}${tc('2')}</w:tr>` +
          `<w:tr>${tc('', '<w:vMerge/>')}${tc('（三）不予公开')}${tc('1.属于国家秘密')}${tc('0')}</w:tr>` +
          `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('（七）总计', '<w:gridSpan w:val="2"/>')}${tc('8')}</w:tr>` +
          '</w:tbl>',
      ),
    );
    const [r1, r2, r3] = rows(doc.blocks);
    assert.deepEqual(texts(r1), ['三、本年度办理结果', '（一）予以公开', '2']);
    assert.deepEqual(cols(r1), [1, 2, 4]);
    assert.deepEqual(texts(r2), ['（三）不予公开', '1.属于国家秘密', '0']);
    assert.deepEqual(cols(r2), [2, 3, 4]);
    assert.deepEqual(texts(r3), ['（七）总计', '8']);
    assert.deepEqual(cols(r3), [2, 4]);
    assert.deepEqual(r2?.source, { table: 1, row: 2, line: 4 });
  });

  it('runs join, w:br breaks lines (\\n in a cell), w:tab is a blank', () => {
    const doc = readWordXml(
      body(
        '<w:p><w:r><w:t>无锡市滨湖区</w:t></w:r><w:r><w:t>荣巷街道办事处</w:t><w:br/><w:t>2026年1月15日</w:t></w:r></w:p>' +
          '<w:p><w:r><w:t>发布时间：</w:t><w:tab/><w:t>2026-01-20</w:t></w:r></w:p>' +
          `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p></w:tc>${tc('科研机构')}</w:tr></w:tbl>`,
      ),
    );
    assert.deepEqual(lines(doc.blocks), ['无锡市滨湖区荣巷街道办事处', '2026年1月15日', '发布时间： 2026-01-20']);
    assert.deepEqual(texts(rows(doc.blocks)[0]), ['商业\n企业', '科研机构']);
  });

  it('skips deleted text, field codes and the fallback copy of alternate content', () => {
    const doc = readWordXml(
      body(
        '<w:p><w:del><w:r><w:delText>旧标题</w:delText></w:r></w:del><w:ins><w:r><w:t>新标题</w:t></w:r></w:ins></w:p>' +
          '<w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>第1页</w:t></w:r></w:p>' +
          '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
          '<mc:Choice Requires="wps"><w:t>文本框</w:t></mc:Choice><mc:Fallback><w:t>文本框</w:t></mc:Fallback>' +
          '</mc:AlternateContent></w:r></w:p>',
      ),
    );
    assert.deepEqual(lines(doc.blocks), ['新标题', '第1页', '文本框']);
  });

  it('keeps empty cells as empty text', () => {
    const doc = readWordXml(body(`<w:tbl><w:tr>${tc('规章')}<w:tc><w:p/></w:tc>${tc(' 0 ')}</w:tr></w:tbl>`));
    assert.deepEqual(texts(rows(doc.blocks)[0]), ['规章', '', '0']);
  });
});
