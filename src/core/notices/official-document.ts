/**
 * The printable shape shared by notices of 依申请公开 and the review memos of a supervising office: what a 公文
 * carries (GB/T 9704 — 标题, 发文字号, 主送机关, 正文, 附件说明, 落款). The DOCX and PDF writers in
 * src/writers/notices print this shape and nothing else.
 */

export interface DocumentParagraph {
  text: string;
  /**
   * `body`: a paragraph with a two-character first-line indent; `heading1`: 一级标题 (一、…, 黑体);
   * `heading2`: 二级标题 (（一）…, 楷体). GB/T 9704 sets all three at 三号 with the same indent.
   */
  style: 'body' | 'heading1' | 'heading2';
}

export interface OfficialDocument {
  title: string;
  /** 文号, printed under the title; null when the document has none (a 受理回执 often has none). */
  docNumber: string | null;
  /** 称谓 / 主送, printed flush left with its colon; null for none. */
  addressee: string | null;
  paragraphs: DocumentParagraph[];
  /** 附件 names in order; printed as 附件：1.… under the body. */
  attachments: string[];
  /** 落款: the issuing agency and the date (already in its printed form), right-aligned. */
  signature: { agency: string; date: string; iso: string };
  /** What kind of document this is (PDF Subject, DOCX description), e.g. 政府信息公开申请答复告知书. */
  subject: string;
}

export type DateStyle = 'arabic' | 'chinese';

const DIGITS = '〇一二三四五六七八九';

/** 1–99 in Chinese numerals as headings and dates write them: 一, 十, 十二, 二十, 三十一. */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${ones === 0 ? '' : (DIGITS[ones] ?? '')}`;
}

/**
 * An ISO date as a 公文 prints it. GB/T 9704-2012 §7.3.5.1: Arabic numerals, the year in full, month and day
 * without a leading zero (2025年10月29日) — the default. `chinese` gives the older form some agencies still use
 * (GB/T 9704-1999): 二〇二五年十月二十九日. Returns null for anything that is not a real calendar date.
 */
export function formatDocumentDate(iso: string, style: DateStyle = 'arabic'): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (style === 'arabic') return `${year}年${month}月${day}日`;
  const y = [...String(year)].map((d) => DIGITS[Number(d)] ?? '').join('');
  return `${y}年${chineseNumeral(month)}月${chineseNumeral(day)}日`;
}
