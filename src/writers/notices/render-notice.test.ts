import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import JSZip from 'jszip';
import { EXPECTED_CITATIONS, RIGHTS_PARTS } from '../../../test/notices/expected-citations.ts';
import { DEFAULT_NOTICE_TEMPLATES, defaultNoticeTemplate } from '../../core/notices/default-notice-templates.ts';
import { SAMPLE_NOTICE_VALUES } from '../../core/notices/notice-sample-values.ts';
import type { OfficialDocument } from '../../core/notices/official-document.ts';
import { renderNotice, type Notice } from '../../core/notices/render-notice.ts';
import type { ReportDocument } from '../../core/read/report-document.ts';
import { readPdf } from '../../readers/read-pdf.ts';
import { renderNoticeDocx } from './render-notice-docx.ts';
import { renderNoticePdf } from './render-notice-pdf.ts';

/** All text a reader found, in order, without the spaces a PDF text layer adds or drops at line ends. */
function pdfText(doc: ReportDocument): string {
  return doc.blocks
    .flatMap((b) => (b.kind === 'row' ? b.cells.map((c) => c.text) : [b.text]))
    .join('')
    .replace(/\s+/g, '');
}

interface DocxParts {
  document: string;
  styles: string;
  /** Paragraph style id → the paragraphs' texts, in order. */
  paragraphs: { style: string | null; text: string }[];
}

async function unpackDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  const paragraphs = [...document.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const xml = m[1] ?? m[2] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? null;
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    return { style, text: text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') };
  });
  return { document, styles, paragraphs };
}

const noticeOf = (id: string, options = {}): Notice => {
  const t = defaultNoticeTemplate(id);
  assert.ok(t);
  return renderNotice(t, SAMPLE_NOTICE_VALUES, options);
};

describe('notice writers: every default template', () => {
  for (const template of DEFAULT_NOTICE_TEMPLATES) {
    it(`${template.id}: PDF and DOCX carry the articles${template.kind === 'answer' ? ' and the rights' : ''}`, async () => {
      const notice = renderNotice(template, SAMPLE_NOTICE_VALUES, { attachments: ['招标文件（公开部分）'] });
      const expected = [
        notice.title,
        notice.addressee ?? '',
        ...(EXPECTED_CITATIONS[template.id] ?? []),
        ...(template.kind === 'answer' ? RIGHTS_PARTS : []),
        '附件：招标文件（公开部分）',
        '无锡市滨湖区荣巷街道办事处',
        '2025年10月29日',
      ].map((s) => s.replace(/\s+/g, ''));
      assert.ok((EXPECTED_CITATIONS[template.id] ?? []).length > 0);

      const pdf = await renderNoticePdf(notice);
      const text = pdfText(await readPdf(pdf));
      for (const part of expected) assert.ok(text.includes(part), `PDF of ${template.id} lacks ${part}`);
      for (const p of notice.paragraphs) assert.ok(text.includes(p.text.replace(/\s+/g, '')), p.text);

      const docx = await unpackDocx(await renderNoticeDocx(notice));
      const all = docx.paragraphs
        .map((p) => p.text)
        .join('')
        .replace(/\s+/g, '');
      for (const part of expected) assert.ok(all.includes(part), `DOCX of ${template.id} lacks ${part}`);
    });
  }
});

describe('renderNoticeDocx', () => {
  it('marks each part of the 公文 with its own paragraph style, in GB/T 9704 order', async () => {
    const notice = noticeOf('partial', { attachments: ['招标文件', '中标结果公告'] });
    const { paragraphs, styles, document } = await unpackDocx(await renderNoticeDocx(notice));
    const body = paragraphs.filter((p) => p.text !== '' || p.style !== null);
    assert.deepEqual(
      body.map((p) => p.style),
      [
        'Title',
        'DocNumber',
        'Addressee',
        ...notice.paragraphs.map(() => null),
        'Attachment',
        'Attachment',
        'Signature',
        'Signature',
      ],
    );
    assert.deepEqual(
      body.slice(-4).map((p) => p.text),
      ['附件：1.招标文件', '2.中标结果公告', '无锡市滨湖区荣巷街道办事处', '2025年10月29日'],
    );
    // Fonts and sizes of GB/T 9704: title 小标宋 二号 (44 half-points), body 仿宋 三号 (32), 28 pt exact spacing.
    assert.match(styles, /w:styleId="Title"[\s\S]*?方正小标宋简体[\s\S]*?<w:sz w:val="44"\/>/);
    assert.match(
      styles,
      /<w:docDefaults>[\s\S]*?仿宋_GB2312[\s\S]*?<w:sz w:val="32"\/>[\s\S]*?w:line="560" w:lineRule="exact"/,
    );
    assert.match(styles, /w:eastAsia="zh-CN"/);
    assert.match(document, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/);
  });

  it('prints a review memo’s headings in 黑体 and 楷体 styles', async () => {
    const memo: OfficialDocument = {
      ...noticeOf('granted'),
      paragraphs: [
        { text: '一、表三', style: 'heading1' },
        { text: '（一）勾稽关系', style: 'heading2' },
        { text: '1.正文', style: 'body' },
      ],
    };
    const { paragraphs, styles } = await unpackDocx(await renderNoticeDocx(memo));
    assert.deepEqual(
      paragraphs.filter((p) => p.text.startsWith('一、') || p.text.startsWith('（一）')).map((p) => p.style),
      ['Heading1', 'Heading2'],
    );
    assert.match(styles, /w:styleId="Heading1"[\s\S]*?黑体/);
    assert.match(styles, /w:styleId="Heading2"[\s\S]*?楷体_GB2312/);
  });

  it('gives the same bytes for the same notice, whatever the clock says', async () => {
    const notice = noticeOf('unable1');
    mock.timers.enable({ apis: ['Date'], now: new Date('2030-05-06T07:08:09Z') });
    let first: Uint8Array;
    try {
      first = await renderNoticeDocx(notice);
    } finally {
      mock.timers.reset();
    }
    const second = await renderNoticeDocx(notice);
    assert.deepEqual(Buffer.from(first), Buffer.from(second));
    const core = await (await JSZip.loadAsync(second)).file('docProps/core.xml')?.async('string');
    assert.match(core ?? '', /<dcterms:created[^>]*>2025-10-29T00:00:00Z<\/dcterms:created>/);
  });

  it('drops characters XML cannot hold instead of writing a file Word refuses', async () => {
    const notice = { ...noticeOf('granted'), addressee: '张\u0001三：' };
    const { paragraphs } = await unpackDocx(await renderNoticeDocx(notice));
    assert.ok(paragraphs.some((p) => p.text === '张三：'));
  });
});

describe('renderNoticePdf', () => {
  it('gives the same bytes for the same notice and embeds the title, body and heading faces', async () => {
    const notice = noticeOf('feeNotice');
    const bytes = await renderNoticePdf(notice);
    assert.deepEqual(Buffer.from(await renderNoticePdf(notice)), Buffer.from(bytes));
    const pdf = Buffer.from(bytes).toString('latin1');
    const faces = [...pdf.matchAll(/\/FontName \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]).sort();
    assert.deepEqual(faces, ['NotoSerifCJKsc-Bold', 'NotoSerifCJKsc-Regular']);
  });

  it('prints the parts in order: title, 文号, 称谓, body, 附件, 落款', async () => {
    const notice = noticeOf('granted', { attachments: ['甲', '乙'] });
    const doc = await readPdf(await renderNoticePdf(notice));
    const lines = doc.blocks.flatMap((b) => (b.kind === 'line' ? [b.text.replace(/\s+/g, '')] : []));
    assert.deepEqual(lines.slice(0, 3), [notice.title, notice.docNumber, notice.addressee]);
    assert.deepEqual(lines.slice(-4), ['附件：1.甲', '2.乙', '无锡市滨湖区荣巷街道办事处', '2025年10月29日']);
  });

  it('flows a long notice across pages without losing a line', async () => {
    const long = '经审查，'.repeat(30);
    const notice = {
      ...noticeOf('granted'),
      paragraphs: Array.from({ length: 12 }, () => ({ text: long, style: 'body' as const })),
    };
    const bytes = await renderNoticePdf(notice);
    const pages =
      Buffer.from(bytes)
        .toString('latin1')
        .match(/\/Type \/Page\b/g)?.length ?? 0;
    assert.ok(pages >= 2, `${pages} pages`);
    const text = pdfText(await readPdf(bytes));
    assert.equal(text.split('经审查，').length - 1, 12 * 30);
  });
});
