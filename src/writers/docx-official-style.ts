/**
 * The 公文 page and fonts of GB/T 9704 as the `docx` package takes them, shared by every Word writer (the annual
 * report, notices of 依申请公开, review memos), so all Gongkai documents look the same.
 */
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from 'docx';
import { xmlSafe } from './xml-safe.ts';

// A4 and the 公文 margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips.
const MM = 56.7;
export const DOCX_PAGE = { width: 11906, height: 16838 };
export const DOCX_MARGIN = {
  top: Math.round(37 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  right: Math.round(26 * MM),
};
export const DOCX_TEXT_WIDTH = DOCX_PAGE.width - DOCX_MARGIN.left - DOCX_MARGIN.right;

// Word takes one font name per script; a machine without 仿宋_GB2312 or 小标宋 falls back by the font table's charset
// (GB2312), and LibreOffice by the zh-CN language below — without it LibreOffice picks a Japanese CJK font.
export const FONT_BODY = {
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  cs: 'Times New Roman',
  eastAsia: '仿宋_GB2312',
};
export const FONT_TITLE = { ...FONT_BODY, eastAsia: '方正小标宋简体' };
export const FONT_HEADING = { ...FONT_BODY, eastAsia: '黑体' };
/** 二级标题 of GB/T 9704 (（一）…) is set in 楷体. */
export const FONT_SUBHEADING = { ...FONT_BODY, eastAsia: '楷体_GB2312' };
export const FONT_TABLE = { ...FONT_BODY, eastAsia: '宋体' };
export const DOCX_LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' };

export const PT = (pt: number) => pt * 2; // docx sizes are half-points
export const TWO_CHARS = 640; // first-line indent of two 三号 characters, in twips
/** 28 磅 exact line spacing, as 公文 are set (22 lines of 28 characters on the page), in twips. */
export const BODY_LINE = 560;

/** Page numbers `— 1 —` centred at the foot, 四号 宋体, as GB/T 9704 prints them. */
export function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        indent: { firstLine: 0 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT_TABLE, size: PT(14) })],
      }),
    ],
  });
}

/** A run of text with the characters XML cannot hold removed. */
export function run(text: string, options: { size?: number } = {}): TextRun {
  return new TextRun({ text: xmlSafe(text), ...options });
}
