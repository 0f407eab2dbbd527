/**
 * Opens the ZIP container of a DOCX/XLSX with jszip, turning every way it can fail into a ReadError a person
 * understands. Checks the sizes the central directory declares first, so a zip bomb is refused before inflating.
 */
import JSZip from 'jszip';
import { ReadError } from '../core/read/read-error.ts';
import { readZipDirectory } from './zip-directory.ts';

/** Largest total a document may unpack to. A 300-page report with images is far below this. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

/** `label` names the format for messages: 'Word' or 'Excel'. */
export function damagedError(label: string, cause?: unknown): ReadError {
  const error = new ReadError('CORRUPT', `${label} 文件不完整或已损坏，无法读取（可能是下载或复制时被截断）`);
  if (cause !== undefined) error.cause = cause;
  return error;
}

export async function openZip(bytes: Uint8Array, label: string): Promise<JSZip> {
  const entries = readZipDirectory(bytes);
  if (!entries) throw damagedError(label);
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw new ReadError(
      'TOO_LARGE',
      `${label} 文件解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB，不像是一份年度报告，已拒绝读取`,
    );
  }
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw damagedError(label, error);
  }
}

/** The text of one part of the package, or a ReadError saying the document is damaged. */
export async function readZipText(zip: JSZip, path: string, label: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw damagedError(label);
  try {
    return await file.async('string');
  } catch (error) {
    throw damagedError(label, error);
  }
}
