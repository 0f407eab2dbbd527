/**
 * What an uploaded attachment is, from its bytes only (issue 8: "type from the bytes"): PDF, DOCX, XLSX or a web
 * image. The name a browser sends is never trusted — a renamed .exe stays an .exe. Documents are recognised by
 * the report readers' sniffer (detect-kind.ts), images by `file-type`.
 */
import { fileTypeFromBuffer } from 'file-type';
import { ReadError } from '../../core/read/read-error.ts';
import { sniffInput } from '../detect-kind.ts';

export type AttachmentType = 'pdf' | 'docx' | 'xlsx' | 'png' | 'jpeg' | 'gif' | 'webp';

export const attachmentMime: Readonly<Record<AttachmentType, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

export const attachmentExtension: Readonly<Record<AttachmentType, string>> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  png: 'png',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
};

/** Size limits per type: documents up to 50 MB (as the report readers), images up to 10 MB. */
export const MAX_DOCUMENT_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_IMAGE_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export function isImageAttachment(type: AttachmentType): boolean {
  return type === 'png' || type === 'jpeg' || type === 'gif' || type === 'webp';
}

const IMAGE_BY_MIME: Record<string, AttachmentType> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const ALLOWED = '附件只能是 PDF、Word（.docx）、Excel（.xlsx）或图片（PNG、JPEG、GIF、WebP）';

export type AttachmentTypeResult = { ok: true; type: AttachmentType } | { ok: false; message: string };

export async function detectAttachmentType(bytes: Uint8Array): Promise<AttachmentTypeResult> {
  if (bytes.length === 0) return { ok: false, message: '附件为空文件' };
  const sniffed = await fileTypeFromBuffer(bytes);
  const image = sniffed ? IMAGE_BY_MIME[sniffed.mime] : undefined;
  let type: AttachmentType | undefined = image;
  if (!type) {
    try {
      const kind = sniffInput(bytes).kind;
      if (kind === 'pdf' || kind === 'docx' || kind === 'xlsx') type = kind;
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      // An old .doc/.xls, an .odt, a damaged archive: the reader's message says what to do.
      if (error.code === 'UNSUPPORTED_FORMAT' || error.code === 'CORRUPT') return { ok: false, message: error.message };
    }
  }
  if (!type) {
    const what = sniffed ? `（检测到的实际类型：${sniffed.ext}）` : '';
    return { ok: false, message: `${ALLOWED}${what}` };
  }
  const limit = isImageAttachment(type) ? MAX_IMAGE_ATTACHMENT_BYTES : MAX_DOCUMENT_ATTACHMENT_BYTES;
  if (bytes.length > limit) {
    return {
      ok: false,
      message: `附件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），此类文件不能超过 ${limit / 1024 / 1024} MB`,
    };
  }
  return { ok: true, type };
}
