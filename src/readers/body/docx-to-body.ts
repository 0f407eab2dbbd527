/**
 * A DOCX as staff write it in Word or WPS → the item's body: `mammoth` converts paragraphs, headings, lists,
 * tables (with row and column spans) and footnotes to HTML; images are extracted as attachments (never data:
 * URLs); the result goes through sanitizeBody like any other body.
 *
 * 公文 documents rarely use Word's heading styles. Besides the built-in and Chinese style names (标题 1, 公文标题,
 * 一级标题 …), a short paragraph that opens with the 公文 level markers of GB/T 9704 — “一、”, “（一）” — and has
 * no sentence punctuation is taken as a level-1/2 heading; direct centre/right alignment becomes a class.
 */
import { fileTypeFromBuffer } from 'file-type';
import mammoth from 'mammoth';
import { ReadError } from '../../core/read/read-error.ts';
import { detectKind } from '../detect-kind.ts';
import { MAX_UNZIPPED_BYTES } from '../open-zip.ts';
import { readZipDirectory } from '../zip-directory.ts';
import { DEFAULT_IMAGE_PATH_PREFIX, sanitizeBody } from './sanitize-body.ts';

export interface DocxImage {
  /** 1-based, in document order. */
  index: number;
  contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  bytes: Uint8Array;
  /** The src written into the body; the integration stores the bytes so that this path serves them. */
  src: string;
  alt?: string;
}

export interface DocxBody {
  html: string;
  images: DocxImage[];
  /** Chinese notes for the person uploading: what could not be carried over. */
  warnings: string[];
}

export interface DocxBodyOptions {
  /** The src for an extracted image. Default: `${imagePathPrefix}pending/<index>.<ext>`. */
  imageSrc?: (image: { index: number; contentType: DocxImage['contentType'] }) => string;
  imagePathPrefix?: string;
  maxImages?: number;
  maxImageBytes?: number;
}

/** Largest DOCX accepted for a body (a long regulation with figures is a few MB). */
export const MAX_DOCX_BYTES = 20 * 1024 * 1024;
const MAX_IMAGES = 50;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const EXTENSION: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const STYLE_MAP = [
  "p[style-name='Title'] => h2.text-center:fresh",
  "p[style-name='标题'] => h2.text-center:fresh",
  "p[style-name='公文标题'] => h2.text-center:fresh",
  "p[style-name='Subtitle'] => p.text-center:fresh",
  "p[style-name='副标题'] => p.text-center:fresh",
  "p[style-name='标题 1'] => h3:fresh",
  "p[style-name='标题 2'] => h4:fresh",
  "p[style-name='标题 3'] => h5:fresh",
  "p[style-name='标题 4'] => h6:fresh",
  "p[style-name='Heading 1'] => h3:fresh",
  "p[style-name='Heading 2'] => h4:fresh",
  "p[style-name='Heading 3'] => h5:fresh",
  "p[style-name='Heading 4'] => h6:fresh",
  "p[style-name='一级标题'] => h3:fresh",
  "p[style-name='二级标题'] => h4:fresh",
  "p[style-name='三级标题'] => h5:fresh",
  "p[style-name='四级标题'] => h6:fresh",
  "p[style-name='gk-level-1'] => h3:fresh",
  "p[style-name='gk-level-2'] => h4:fresh",
  "p[style-name='发文机关署名'] => p.text-right:fresh",
  "p[style-name='成文日期'] => p.text-right:fresh",
  "p[style-name='落款'] => p.text-right:fresh",
  "p[style-name='Signature'] => p.text-right:fresh",
  "p[style-name='gk-center'] => p.text-center:fresh",
  "p[style-name='gk-right'] => p.text-right:fresh",
  "p[style-name='gk-justify'] => p:fresh",
];

interface MammothNode {
  type: string;
  value?: string;
  styleName?: string | null;
  alignment?: string | null;
  children?: MammothNode[];
}

function textOf(node: MammothNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

const LEVEL_1 = /^[一二三四五六七八九十]{1,3}、/;
const LEVEL_2 = /^[（(][一二三四五六七八九十]{1,3}[）)]/;
const SENTENCE = /[。；;：:！？!?]/;
const PLAIN_STYLES = new Set(['normal', '正文', 'body text', '正文文本']);

/** Gives unstyled paragraphs a style name from their 公文 numbering or their direct alignment. */
function classifyParagraph(paragraph: MammothNode): MammothNode {
  if (paragraph.styleName && !PLAIN_STYLES.has(paragraph.styleName.toLowerCase())) return paragraph;
  const text = textOf(paragraph).trim();
  if (text.length > 0 && text.length <= 40 && !SENTENCE.test(text)) {
    if (LEVEL_1.test(text)) return { ...paragraph, styleName: 'gk-level-1' };
    if (LEVEL_2.test(text)) return { ...paragraph, styleName: 'gk-level-2' };
  }
  if (paragraph.alignment === 'center') return { ...paragraph, styleName: 'gk-center' };
  if (paragraph.alignment === 'right' || paragraph.alignment === 'end') return { ...paragraph, styleName: 'gk-right' };
  return paragraph;
}

interface MammothImage {
  contentType: string;
  altText?: string;
  readAsBuffer(): Promise<Buffer>;
}

type MammothWithTransforms = typeof mammoth & {
  transforms: { paragraph(f: (p: MammothNode) => MammothNode): (document: unknown) => unknown };
};

export async function docxToBody(bytes: Uint8Array, options: DocxBodyOptions = {}): Promise<DocxBody> {
  if (bytes.length > MAX_DOCX_BYTES) {
    throw new ReadError('TOO_LARGE', `Word 文件过大（超过 ${MAX_DOCX_BYTES / 1024 / 1024} MB），请压缩图片后再上传`);
  }
  if (detectKind(bytes) !== 'docx') {
    throw new ReadError('UNSUPPORTED_FORMAT', '只能从 Word 文档（.docx）导入正文，请在 WPS 或 Word 中另存为 .docx');
  }
  // The same zip-bomb guard as the report readers: refuse before inflating anything.
  const entries = readZipDirectory(bytes);
  if (!entries) throw new ReadError('CORRUPT', 'Word 文件不完整或已损坏，无法读取');
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_UNZIPPED_BYTES) {
    throw new ReadError('TOO_LARGE', `Word 文件解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB，已拒绝读取`);
  }

  const prefix = options.imagePathPrefix ?? DEFAULT_IMAGE_PATH_PREFIX;
  const maxImages = options.maxImages ?? MAX_IMAGES;
  const maxImageBytes = options.maxImageBytes ?? MAX_IMAGE_BYTES;
  const images: DocxImage[] = [];
  const warnings: string[] = [];
  let seen = 0;

  const convertImage = mammoth.images.imgElement(async (image) => {
    const img = image as unknown as MammothImage;
    seen++;
    const data = new Uint8Array(await img.readAsBuffer());
    const type = (await fileTypeFromBuffer(data))?.mime;
    if (!type || !IMAGE_TYPES.has(type)) {
      warnings.push(
        `第 ${seen} 张图片的格式（${type ?? img.contentType}）无法在网页中显示，已略去，请另存为 PNG 或 JPEG 后作为附件上传`,
      );
      return { src: '' };
    }
    if (data.length > maxImageBytes) {
      warnings.push(`第 ${seen} 张图片超过 ${Math.round(maxImageBytes / 1024 / 1024)} MB，已略去`);
      return { src: '' };
    }
    if (images.length >= maxImages) {
      warnings.push(`图片超过 ${maxImages} 张，第 ${seen} 张及以后的图片已略去`);
      return { src: '' };
    }
    const contentType = type as DocxImage['contentType'];
    const index = images.length + 1;
    const src = options.imageSrc?.({ index, contentType }) ?? `${prefix}pending/${index}.${EXTENSION[contentType]}`;
    const entry: DocxImage = { index, contentType, bytes: data, src };
    if (img.altText) entry.alt = img.altText;
    images.push(entry);
    return { src };
  });

  let converted: { value: string; messages: { type: string; message: string }[] };
  try {
    converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        convertImage,
        externalFileAccess: false, // a DOCX may link to local files: never read them
        transformDocument: (mammoth as MammothWithTransforms).transforms.paragraph(classifyParagraph),
      },
    );
  } catch (error) {
    const wrapped = new ReadError('CORRUPT', 'Word 文件不完整或已损坏，无法读取正文');
    wrapped.cause = error;
    throw wrapped;
  }
  if (converted.messages.some((m) => m.type === 'error')) {
    warnings.push('文档中有部分内容无法转换，请核对导入的正文');
  }
  return { html: sanitizeBody(converted.value, { imagePathPrefix: prefix }), images, warnings };
}
