import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import { ReadError } from '../../core/read/read-error.ts';
import { docxToBody } from './docx-to-body.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4IScHRww4OQD1xwwxB+utmQAAAABJRU5ErkJggg==',
  'base64',
);

const cell = (text: string, extra: Record<string, unknown> = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...extra });

/** A 公文-like notice made with the docx package, the way Word saves one. */
async function notice(): Promise<Uint8Array> {
  const doc = new Document({
    styles: {
      paragraphStyles: [{ id: 'GongwenTitle', name: '公文标题', basedOn: 'Normal', run: { size: 44 } }],
    },
    numbering: {
      config: [
        {
          reference: 'decimal',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ style: 'GongwenTitle', children: [new TextRun('关于做好2025年政府信息公开工作的通知')] }),
          new Paragraph('各街道办事处，区各部门：'),
          new Paragraph('一、总体要求'),
          new Paragraph('坚持以公开为常态、不公开为例外。'),
          new Paragraph('（一）明确责任'),
          new Paragraph('一、这一段是正文，虽然以编号开头，但有句号。'),
          new Paragraph({ text: '第二章 组织保障', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: '落实专人负责', numbering: { reference: 'decimal', level: 0 } }),
          new Paragraph({ text: '按时报送材料', numbering: { reference: 'decimal', level: 0 } }),
          new Paragraph({ text: '要点甲', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: [cell('项目', { columnSpan: 2 }), cell('备注')] }),
              new TableRow({
                children: [cell('预算', { verticalMerge: VerticalMergeType.RESTART }), cell('100'), cell('万元')],
              }),
              new TableRow({
                children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('200'), cell('万元')],
              }),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: PNG,
                transformation: { width: 40, height: 30 },
                altText: { name: '图', description: '示意图', title: '示意图' },
              }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('详见'),
              new ExternalHyperlink({ link: 'https://www.gov.cn/zhengce/', children: [new TextRun('中国政府网')] }),
              new TextRun('，'),
              new ExternalHyperlink({ link: 'javascript:alert(1)', children: [new TextRun('恶意链接')] }),
            ],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, text: '滨湖区人民政府办公室' }),
          new Paragraph({ alignment: AlignmentType.CENTER, text: '（此件公开发布）' }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

test('a 公文 DOCX made with the docx package: headings, lists, merged table, image as attachment, safe links', async () => {
  const body = await docxToBody(await notice());
  const html = body.html;
  assert.match(html, /^<h2 class="text-center">关于做好2025年政府信息公开工作的通知<\/h2>/);
  assert.match(html, /<h3>一、总体要求<\/h3>/);
  assert.match(html, /<h4>（一）明确责任<\/h4>/);
  assert.match(html, /<p>一、这一段是正文，虽然以编号开头，但有句号。<\/p>/);
  assert.match(html, /<h4>第二章 组织保障<\/h4>/);
  assert.match(html, /<ol><li>落实专人负责<\/li><li>按时报送材料<\/li><\/ol>/);
  assert.match(html, /<ul><li>要点甲<\/li><\/ul>/);
  assert.match(html, /<td colspan="2"><p>项目<\/p><\/td>/);
  assert.match(html, /<td rowspan="2"><p>预算<\/p><\/td>/);
  assert.match(html, /<img alt="示意图" src="\/attachments\/pending\/1.png" \/>/);
  assert.match(html, /<a href="https:\/\/www.gov.cn\/zhengce\/" rel="noopener noreferrer">中国政府网<\/a>/);
  assert.doesNotMatch(html, /javascript|data:/);
  assert.match(html, /<p class="text-right">滨湖区人民政府办公室<\/p>/);
  assert.match(html, /<p class="text-center">（此件公开发布）<\/p>/);
  assert.equal(body.images.length, 1);
  assert.equal(body.images[0]?.contentType, 'image/png');
  assert.deepEqual(Buffer.from(body.images[0]?.bytes ?? []), PNG);
  assert.deepEqual(body.warnings, []);
});

test('image paths come from the caller; limits drop images with a Chinese warning', async () => {
  const bytes = await notice();
  const named = await docxToBody(bytes, { imageSrc: ({ index }) => `/attachments/item-9/${index}.png` });
  assert.match(named.html, /src="\/attachments\/item-9\/1.png"/);
  const none = await docxToBody(bytes, { maxImages: 0 });
  assert.doesNotMatch(none.html, /<img/);
  assert.deepEqual(none.warnings, ['图片超过 0 张，第 1 张及以后的图片已略去']);
});

test('a DOCX saved by LibreOffice converts too (fixture made by test/fixtures/docx/make-body-fixture.sh)', async () => {
  const bytes = readFileSync(new URL('../../../test/fixtures/docx/body-libreoffice.docx', import.meta.url));
  const body = await docxToBody(new Uint8Array(bytes));
  assert.match(body.html, /<h2>关于开展政务公开专项检查的通知<\/h2>/);
  assert.match(body.html, /<h3>一、检查内容<\/h3>/);
  assert.match(body.html, /colspan="2"/);
  assert.match(body.html, /rowspan="2"/);
  assert.match(body.html, /<li>/);
  assert.equal(body.images.length, 1);
  assert.doesNotMatch(body.html, /onerror|javascript:|<script/i);
});

test('anything but a sound DOCX is refused with a Chinese ReadError', async () => {
  await assert.rejects(docxToBody(new TextEncoder().encode('<p>hello</p>')), (e: unknown) => {
    assert.ok(e instanceof ReadError);
    assert.match(e.message, /只能从 Word 文档/);
    return true;
  });
  const bytes = await notice();
  await assert.rejects(docxToBody(bytes.subarray(0, Math.floor(bytes.length / 2))), ReadError);
  await assert.rejects(docxToBody(new Uint8Array(21 * 1024 * 1024)), /过大/);
});
