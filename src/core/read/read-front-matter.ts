/**
 * Title, publication time (the page's 发布时间) and the 落款 (signing agency and date) of a report.
 */
import type { SourceLocation } from '../check/finding.ts';
import type { DocBlock } from './report-document.ts';
import { isoDate, parseChineseDate } from './chinese-date.ts';
import { normalizeLabel, normalizeText } from './normalize-label.ts';

/** Page furniture of government web sites that is not part of the report. */
const CHROME = [
  /^(打印|关闭|纠错|分享|分享到|收藏|返回顶部|返回|打印本页|关闭窗口)+$/,
  /^扫一扫/,
  /^【?字[号体]:?[大中小\s]*】?$/,
  /^\[?大中小\]?$/,
  /^(来源|浏览次数|访问量|阅读量)/,
  /^发布(时间|日期)/,
];

export function isChromeLine(text: string): boolean {
  const norm = normalizeLabel(text);
  return norm === '' || CHROME.some((re) => re.test(norm));
}

const PUBLISHED =
  /发布(?:时间|日期)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?/;

/** `2026-01-20T14:26:00+08:00` from a line such as `发布时间:2026-01-20 14:26`; pages show Beijing time. */
export function parsePublishedAt(text: string): string | null {
  const m = PUBLISHED.exec(text.normalize('NFKC'));
  if (!m) return null;
  const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return null;
  const hh = m[4] !== undefined ? Number(m[4]) : 0;
  const mm = m[5] !== undefined ? Number(m[5]) : 0;
  const ss = m[6] !== undefined ? Number(m[6]) : 0;
  if (hh > 23 || mm > 59 || ss > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hh)}:${pad(mm)}:${pad(ss)}+08:00`;
}

const AGENCY_SUFFIX = /(办事处|人民政府|政府|办公室|办公厅|局|委员会|委|街道|镇|乡|中心|厅|署|院|处|所|站|管委会)$/;

export function looksLikeAgency(text: string): boolean {
  const norm = normalizeLabel(text);
  return norm.length >= 2 && norm.length <= 40 && AGENCY_SUFFIX.test(norm) && !/[。，,；;:]/.test(norm);
}

export interface Signature {
  agency: string | null;
  dated: string | null;
  /** The printed date text when it could not be read, e.g. `2026119`. */
  unreadableDate: string | null;
  /** Index of the first block of the 落款 (section 6 ends before it). */
  startIndex: number;
  source?: SourceLocation;
}

const DATE_LIKE = /^[\d〇零一二三四五六七八九十Oo年月日.\-/\s]{4,20}$/;

/** Reads the 落款 from the end of the document, skipping page furniture after it. */
export function readSignature(blocks: DocBlock[], from: number): Signature {
  let i = blocks.length - 1;
  while (i >= from) {
    const block = blocks[i];
    if (block && block.kind === 'line' && isChromeLine(block.text)) i--;
    else break;
  }
  const result: Signature = { agency: null, dated: null, unreadableDate: null, startIndex: i + 1 };
  const last = blocks[i];
  if (!last || last.kind !== 'line' || i < from) return result;
  const lastNorm = normalizeText(last.text);
  if (DATE_LIKE.test(lastNorm) && /\d|[〇零一二三四五六七八九]/.test(lastNorm)) {
    const date = parseChineseDate(lastNorm);
    if (date) result.dated = date;
    else result.unreadableDate = lastNorm;
    result.startIndex = i;
    result.source = last.source;
    const before = blocks[i - 1];
    if (before && i - 1 >= from && before.kind === 'line' && looksLikeAgency(before.text)) {
      result.agency = normalizeText(before.text);
      result.startIndex = i - 1;
    }
    return result;
  }
  // Agency and date on one line: `江源街道办事处 2024年1月19日`.
  const combined = /^(.{2,40}?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$/.exec(lastNorm);
  if (combined && looksLikeAgency(combined[1] ?? '')) {
    result.agency = (combined[1] ?? '').trim();
    result.dated = parseChineseDate(combined[2] ?? '');
    result.startIndex = i;
    result.source = last.source;
    return result;
  }
  if (looksLikeAgency(lastNorm)) {
    result.agency = lastNorm;
    result.startIndex = i;
    result.source = last.source;
  }
  return result;
}

export interface TitleInfo {
  title: string | null;
  year: number | null;
  agency: string | null;
  source?: SourceLocation;
}

/** The title is the first line before the body that names a report; agency and year come from it when present. */
export function readTitle(blocks: DocBlock[], bodyStart: number): TitleInfo {
  let titleBlock: DocBlock | undefined;
  for (let i = 0; i < bodyStart; i++) {
    const block = blocks[i];
    if (block?.kind !== 'line' || isChromeLine(block.text)) continue;
    if (/报告/.test(block.text) && normalizeLabel(block.text).length <= 60) {
      titleBlock = block;
      break;
    }
  }
  if (!titleBlock || titleBlock.kind !== 'line') return { title: null, year: null, agency: null };
  const title = normalizeText(titleBlock.text).replace(/\s*(?=\d{4}\s*年)|(?<=\d{4})\s*(?=年)|(?<=年)\s+/g, '');
  const yearMatch = /(\d{4})\s*年/.exec(title);
  const year = yearMatch ? Number(yearMatch[1]) : null;
  const before = yearMatch ? title.slice(0, yearMatch.index).trim() : '';
  const agency = before && looksLikeAgency(before) ? before : null;
  return { title, year, agency, source: titleBlock.source };
}
