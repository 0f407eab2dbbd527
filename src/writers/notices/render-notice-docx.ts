/**
 * A notice of 依申请公开 or a review memo (any OfficialDocument) as a Word document in the 公文 layout of GB/T 9704:
 * A4 with the standard margins, title in 小标宋 二号 centred, 文号 centred under it, 称谓 flush left, body in
 * 仿宋_GB2312 三号 with 28 磅 exact line spacing and a two-character first-line indent, 一级标题 in 黑体 and 二级标题
 * in 楷体, 附件说明 one line below the body, 落款 with room for the seal: the date four characters in from the right
 * and the agency centred over it. Page numbers `— 1 —`. Fonts, page and footer come from docx-official-style.ts,
 * shared with the annual report writer.
 *
 * Paragraph styles tell the parts apart for a reader: Title, DocNumber, Addressee, Normal (body), Heading1, Heading2,
 * Attachment, Signature. Output is deterministic (deterministic-docx.ts).
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, type IParagraphStyleOptions } from 'docx';
import type { OfficialDocument } from '../../core/notices/official-document.ts';
import {
  BODY_LINE,
  DOCX_LANGUAGE,
  DOCX_MARGIN,
  DOCX_PAGE,
  FONT_BODY,
  FONT_HEADING,
  FONT_SUBHEADING,
  FONT_TITLE,
  PT,
  TWO_CHARS,
  pageNumberFooter,
  run,
} from '../docx-official-style.ts';
import { xmlSafe } from '../xml-safe.ts';
import { deterministicDocx } from './deterministic-docx.ts';
import { attachmentLines, signatureInsets } from './notice-layout.ts';

const CHAR = TWO_CHARS / 2; // one 三号 character, in twips

const STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Title',
    name: '标题',
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: FONT_TITLE, size: PT(22) },
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      spacing: { line: 700, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
      keepNext: true,
    },
  },
  {
    id: 'DocNumber',
    name: '发文字号',
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, keepNext: true },
  },
  {
    id: 'Addressee',
    name: '主送',
    basedOn: 'Normal',
    next: 'Normal',
    // One empty line's distance below the title block (GB/T 9704: 标题下空一行).
    paragraph: { indent: { firstLine: 0 }, spacing: { before: BODY_LINE } },
  },
  {
    id: 'Heading1',
    name: 'heading 1',
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: FONT_HEADING },
    paragraph: { keepNext: true },
  },
  {
    id: 'Heading2',
    name: 'heading 2',
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: FONT_SUBHEADING },
    paragraph: { keepNext: true },
  },
  {
    id: 'Attachment',
    name: '附件说明',
    basedOn: 'Normal',
    paragraph: { alignment: AlignmentType.LEFT },
  },
  {
    id: 'Signature',
    name: '落款',
    basedOn: 'Normal',
    paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0 }, keepLines: true, keepNext: true },
  },
];

export async function renderNoticeDocx(notice: OfficialDocument): Promise<Uint8Array> {
  const body: Paragraph[] = [new Paragraph({ style: 'Title', children: [run(notice.title)] })];
  if (notice.docNumber !== null) body.push(new Paragraph({ style: 'DocNumber', children: [run(notice.docNumber)] }));
  // Without a 称谓 the first body paragraph keeps the title block's distance.
  if (notice.addressee !== null) body.push(new Paragraph({ style: 'Addressee', children: [run(notice.addressee)] }));
  notice.paragraphs.forEach((p, i) => {
    const style = p.style === 'heading1' ? 'Heading1' : p.style === 'heading2' ? 'Heading2' : undefined;
    const spacing = i === 0 && notice.addressee === null ? { before: BODY_LINE } : undefined;
    body.push(new Paragraph({ style, spacing, children: [run(p.text)] }));
  });
  attachmentLines(notice.attachments).forEach((line, i) => {
    // 附件：1.… two characters in; later names aligned under the first (GB/T 9704 §7.3.4).
    body.push(
      new Paragraph({
        style: 'Attachment',
        indent: line.lead === '' ? { left: 5 * CHAR, firstLine: 0 } : { left: 5 * CHAR, hanging: 3 * CHAR },
        spacing: i === 0 ? { before: BODY_LINE } : undefined,
        children: [run(`${line.lead}${line.text}`)],
      }),
    );
  });
  const insets = signatureInsets(notice.signature, CHAR);
  // Two empty lines above the 落款 leave room for the seal.
  body.push(
    new Paragraph({
      style: 'Signature',
      indent: { right: Math.round(insets.agency), firstLine: 0 },
      spacing: { before: 2 * BODY_LINE },
      children: [run(notice.signature.agency)],
    }),
    new Paragraph({
      style: 'Signature',
      indent: { right: Math.round(insets.date), firstLine: 0 },
      children: [run(notice.signature.date)],
    }),
  );

  const doc = new Document({
    title: xmlSafe(notice.title),
    subject: xmlSafe(notice.subject),
    creator: 'Gongkai',
    description: xmlSafe(notice.subject),
    styles: {
      default: {
        document: {
          run: { font: FONT_BODY, size: PT(16), language: DOCX_LANGUAGE },
          paragraph: {
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: TWO_CHARS },
            spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, // 28 磅固定行距
          },
        },
      },
      paragraphStyles: STYLES,
    },
    sections: [
      {
        properties: { page: { size: DOCX_PAGE, margin: { ...DOCX_MARGIN, header: 851, footer: 992 } } },
        footers: { default: pageNumberFooter() },
        children: body,
      },
    ],
  });
  return deterministicDocx(new Uint8Array(await Packer.toBuffer(doc)), notice.signature.iso);
}
