/**
 * What an uploaded file is, judged from its bytes and never from its name: people rename files (a PDF saved as
 * .txt, a web page saved as .doc) and browsers send whatever name they like.
 *
 * Text is decoded here too, because deciding "HTML or plain text" needs the text, and Chinese government pages
 * are still often GBK/GB2312: bytes that are not valid UTF-8 are decoded as GB18030 (a superset of both).
 */
import { ReadError } from '../core/read/read-error.ts';
import type { InputKind } from '../core/read/report-document.ts';
import { looksLikeMhtml, mhtmlHtmlPart } from './mhtml-html-part.ts';
import { isZip, readZipDirectory, scanLocalNames } from './zip-directory.ts';

export interface SniffedInput {
  kind: InputKind;
  /** The decoded text, for 'text' and 'html'. */
  text?: string;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** The PDF specification lets a header sit anywhere in the first 1024 bytes (some generators prepend junk). */
const PDF_HEADER_WINDOW = 1024;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** How much of a file the HTML and binary heuristics look at. */
const SNIFF_CHARS = 64 * 1024;
/** Share of control/replacement characters above which decoded "text" is really binary data. */
const BINARY_RATIO = 0.02;

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((byte, i) => bytes[at + i] === byte);
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let i = bytes.indexOf(0x25); i !== -1 && i <= end; i = bytes.indexOf(0x25, i + 1)) {
    if (startsWith(bytes, PDF_MAGIC, i)) return true;
  }
  return false;
}

const ZIP_DAMAGED = '文件不完整或已损坏';

function zipKind(bytes: Uint8Array): 'docx' | 'xlsx' {
  const entries = readZipDirectory(bytes);
  const names = entries ? entries.map((entry) => entry.name) : scanLocalNames(bytes);
  if (names.some((name) => /^word\/document\d*\.xml$/.test(name))) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  if (names.includes('xl/workbook.bin')) {
    throw new ReadError('UNSUPPORTED_FORMAT', '暂不支持 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后再读取');
  }
  // A truncated file keeps only its first local headers: any word/ or xl/ part is enough to say what it was,
  // so the DOCX/XLSX reader reports it as damaged rather than as "not a document".
  if (!entries) {
    if (names.some((name) => name.startsWith('word/'))) return 'docx';
    if (names.some((name) => name.startsWith('xl/'))) return 'xlsx';
  }
  if (names.includes('mimetype') && new TextDecoder().decode(bytes.subarray(30, 120)).includes('opendocument')) {
    throw new ReadError(
      'UNSUPPORTED_FORMAT',
      '暂不支持 OpenDocument（.odt/.ods）格式，请在 WPS 或 LibreOffice 中另存为 .docx 或 .xlsx 后再读取',
    );
  }
  throw new ReadError(
    entries ? 'UNSUPPORTED_FORMAT' : 'CORRUPT',
    entries
      ? '这是一个压缩包，但其中没有 Word（.docx）或 Excel（.xlsx）文档，无法读取'
      : `压缩文件${ZIP_DAMAGED}，其中找不到 Word 或 Excel 文档的内容`,
  );
}

/** The kind of document the bytes hold. Throws ReadError for empty, binary or unsupported input. */
export function detectKind(bytes: Uint8Array): InputKind {
  return sniffInput(bytes).kind;
}

/** detectKind plus the decoded text for text and HTML, so callers do not decode twice. */
export function sniffInput(bytes: Uint8Array): SniffedInput {
  if (bytes.length === 0) throw new ReadError('EMPTY', '文件为空');
  if (hasPdfHeader(bytes)) return { kind: 'pdf' };
  if (isZip(bytes)) return { kind: zipKind(bytes) };
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new ReadError(
      'UNSUPPORTED_FORMAT',
      '这是旧版 Word/Excel（.doc/.xls）或 WPS 文件，暂不支持，请另存为 .docx 或 .xlsx 后再读取',
    );
  }
  if (looksLikeMhtml(bytes)) return { kind: 'html', text: mhtmlText(bytes) };
  const text = decodeText(bytes);
  if (text.trim() === '') throw new ReadError('EMPTY', '文件为空');
  if (text.startsWith('{\\rtf')) {
    throw new ReadError('UNSUPPORTED_FORMAT', '暂不支持 RTF 格式，请另存为 .docx 后再读取');
  }
  if (looksBinary(text)) {
    throw new ReadError('BINARY', '文件不是可识别的文档（不是 PDF、Word、Excel、网页或文本文件），无法读取');
  }
  return { kind: looksLikeHtml(text) ? 'html' : 'text', text };
}

/** The page inside a web archive (.mht), decoded with the charset its MIME part declares. */
function mhtmlText(bytes: Uint8Array): string {
  const part = mhtmlHtmlPart(bytes);
  if (!part) throw new ReadError('CORRUPT', '网页存档（.mht）中找不到网页内容，文件可能不完整或已损坏');
  if (part.charset && !/^(?:us-)?ascii$/.test(part.charset)) {
    const label = /^(?:gb2312|gbk|x-gbk|cp936|euc-cn)$/.test(part.charset) ? 'gb18030' : part.charset;
    try {
      return new TextDecoder(label).decode(part.bytes);
    } catch {
      // an unknown label: fall back to detection
    }
  }
  return decodeText(part.bytes);
}

function looksBinary(text: string): boolean {
  const end = Math.min(text.length, SNIFF_CHARS);
  let bad = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) {
      bad++;
    }
  }
  return bad > Math.max(2, end * BINARY_RATIO);
}

const HTML_START =
  /^<(?:html|head|body|table|tbody|tr|td|p|div|span|meta|title|link|style|script|h[1-6]|center|font|form|section|article|header|main|br|base|!doctype\s+html)[\s>/]/i;
const HTML_TAG = /<\/?(?:html|body|table|tr|td|p|div|br|span)\b[^>]*>/gi;

/**
 * HTML when, after a BOM, blanks, an XML declaration, a doctype and comments, the file opens with an HTML tag;
 * or when a fragment that starts with text (a copied page body) has several HTML tags near the start.
 */
export function looksLikeHtml(text: string): boolean {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const limit = Math.min(text.length, SNIFF_CHARS);
  while (at < limit) {
    while (at < limit && /\s/.test(text[at] as string)) at++;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end === -1) return false;
      at = end + 3;
    } else if (
      text.startsWith('<?', at) ||
      (text.startsWith('<!', at) && !/^<!doctype\s+html/i.test(text.slice(at, at + 15)))
    ) {
      const end = text.indexOf('>', at);
      if (end === -1) return false;
      at = end + 1;
    } else {
      break;
    }
  }
  if (HTML_START.test(text.slice(at, at + 20))) return true;
  const head = text.slice(0, 8 * 1024);
  return (head.match(HTML_TAG)?.length ?? 0) >= 3;
}

const CHARSET = /charset\s*=\s*["']?\s*([\w-]+)/i;

/** The charset an HTML page declares in its first bytes, lower-cased, if any. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return CHARSET.exec(head)?.[1]?.toLowerCase();
}

/** UTF-16 without a BOM: every other byte of ASCII-heavy text is zero. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const end = Math.min(bytes.length, 1024) & ~1;
  if (end < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = end / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

function countNonAscii(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) n++;
  return n;
}

/**
 * Bytes → string: BOM (UTF-8, UTF-16LE/BE) first, then UTF-8, then GB18030 when UTF-8 fails badly.
 * A UTF-8 file with a few damaged bytes stays UTF-8 (a handful of U+FFFD) instead of turning into GBK mojibake:
 * GB18030 accepts almost any byte pair, so it is only chosen when UTF-8 is clearly wrong.
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not valid UTF-8: decide below
  }
  const asUtf8 = new TextDecoder('utf-8').decode(bytes);
  const charset = declaredCharset(bytes);
  const declaredGb = charset !== undefined && /^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(charset);
  if (!declaredGb) {
    const bad = countReplacement(asUtf8);
    const good = countNonAscii(asUtf8) - bad;
    // Mostly good sequences: damaged UTF-8, not another encoding. GBK read as UTF-8 is nearly all bad sequences
    // (its byte pairs rarely form valid UTF-8), so a fifth is a wide margin either way.
    if (bad <= (good + bad) * 0.2 || charset === 'utf-8') return asUtf8;
    const asGb = new TextDecoder('gb18030').decode(bytes);
    return countReplacement(asGb) < bad ? asGb : asUtf8;
  }
  return new TextDecoder('gb18030').decode(bytes);
}
