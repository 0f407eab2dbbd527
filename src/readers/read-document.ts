/**
 * The one entry point for reading an uploaded or named file: check the size, detect the kind from the bytes,
 * dispatch to the reader. Whatever the input, the result is a ReportDocument or a ReadError with a Chinese
 * message — never another exception — so the CLI and the server can always answer.
 *
 * Every reader but plain text is imported only when its kind of file arrives: PDF and XLSX load large libraries
 * (pdfjs, exceljs), and even htmlparser2 and jszip cost more than a whole check of a text report (~80 ms each at a
 * cold start of the CLI; docs/benchmarks.md).
 */
import { ReadError } from '../core/read/read-error.ts';
import type { InputKind, ReportDocument } from '../core/read/report-document.ts';
import { sniffInput } from './detect-kind.ts';
import { readText } from './read-text.ts';

/** Largest input accepted (50 MB). Annual reports are a few hundred KB; a scanned PDF rarely passes 20 MB. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

const KIND_LABEL: Record<InputKind, string> = {
  text: '文本',
  html: '网页',
  docx: 'Word ',
  xlsx: 'Excel ',
  pdf: 'PDF ',
};

type BinaryReader = (bytes: Uint8Array) => Promise<ReportDocument>;

export interface ReadDocumentOptions {
  /**
   * Recognise the pages of a scanned PDF with OCR when tesseract is installed (default true; read-pdf.ts). The
   * search index turns it off: its reads must stay in-process and quick.
   */
  ocr?: boolean;
}

async function binaryReader(kind: 'docx' | 'xlsx' | 'pdf', options: ReadDocumentOptions): Promise<BinaryReader> {
  switch (kind) {
    case 'docx':
      return (await import('./read-docx.ts')).readDocx;
    case 'xlsx':
      return (await import('./read-xlsx.ts')).readXlsx;
    case 'pdf': {
      const { readPdf } = await import('./read-pdf.ts');
      return (bytes) => readPdf(bytes, { ocr: options.ocr !== false });
    }
  }
}

export async function readDocument(bytes: Uint8Array, options: ReadDocumentOptions = {}): Promise<ReportDocument> {
  if (bytes.length === 0) throw new ReadError('EMPTY', '文件为空');
  if (bytes.length > MAX_INPUT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new ReadError('TOO_LARGE', `文件过大（${mb} MB），超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB 的上限，未读取`);
  }
  const sniffed = sniffInput(bytes);
  const kind = sniffed.kind;
  // Loaded outside the try block: a missing module is a deployment fault, not a damaged file.
  const reader = kind === 'text' || kind === 'html' ? undefined : await binaryReader(kind, options);
  const readHtml = kind === 'html' ? (await import('./read-html.ts')).readHtml : undefined;
  try {
    if (reader) return await reader(bytes);
    return readHtml ? readHtml(sniffed.text ?? '') : readText(sniffed.text ?? '');
  } catch (error) {
    if (error instanceof ReadError) throw error;
    // A library choked on damaged content (a broken deflate stream, malformed XML inside a PDF…).
    const wrapped = new ReadError('CORRUPT', `${KIND_LABEL[kind]}文件不完整或已损坏，或含有无法解析的内容，无法读取`);
    wrapped.cause = error;
    throw wrapped;
  }
}
