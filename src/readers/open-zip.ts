/**
 * Opens the ZIP container of a DOCX/XLSX with jszip, turning every way it can fail into a ReadError a person
 * understands. Checks the sizes the central directory declares first, so a zip bomb is refused before inflating —
 * and, since a hostile file can declare small sizes and still inflate to gigabytes, also counts the bytes actually
 * inflated while reading each part, stopping at a budget per document (issue 6, item 10).
 */
import JSZip from 'jszip';
import { ReadError } from '../core/read/read-error.ts';
import { readZipDirectory } from './zip-directory.ts';

/** Largest total a document may unpack to. A 300-page report with images is far below this. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** Largest total of the XML parts actually inflated for reading (the text of a report is a few MB at most). */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Largest number of entries: a Word or Excel file has tens, a report with many images a few hundred. */
export const MAX_ZIP_ENTRIES = 5000;

/** Bytes inflated so far per opened document. */
const inflated = new WeakMap<JSZip, { bytes: number }>();

function tooLarge(label: string, what: string): ReadError {
  return new ReadError('TOO_LARGE', `${label} 文件${what}，不像是一份年度报告，已拒绝读取`);
}

/** `label` names the format for messages: 'Word' or 'Excel'. */
export function damagedError(label: string, cause?: unknown): ReadError {
  const error = new ReadError('CORRUPT', `${label} 文件不完整或已损坏，无法读取（可能是下载或复制时被截断）`);
  if (cause !== undefined) error.cause = cause;
  return error;
}

export async function openZip(bytes: Uint8Array, label: string): Promise<JSZip> {
  const entries = readZipDirectory(bytes);
  if (!entries) throw damagedError(label);
  if (entries.length > MAX_ZIP_ENTRIES) throw tooLarge(label, `含有 ${entries.length} 个条目`);
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw new ReadError(
      'TOO_LARGE',
      `${label} 文件解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB，不像是一份年度报告，已拒绝读取`,
    );
  }
  try {
    const zip = await JSZip.loadAsync(bytes);
    inflated.set(zip, { bytes: 0 });
    return zip;
  } catch (error) {
    throw damagedError(label, error);
  }
}

/** The text of one part of the package, or a ReadError saying the document is damaged. */
export async function readZipText(zip: JSZip, path: string, label: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw damagedError(label);
  const budget = inflated.get(zip) ?? { bytes: 0 };
  inflated.set(zip, budget);
  const chunks: Uint8Array[] = [];
  await new Promise<void>((resolve, reject) => {
    // jszip's streaming reader (its typings leave it out): chunks as they are inflated.
    const stream = (
      file as unknown as { internalStream(type: 'uint8array'): JSZip.JSZipStreamHelper<Uint8Array> }
    ).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        budget.bytes += chunk.length;
        if (budget.bytes > MAX_INFLATED_BYTES) {
          stream.pause(); // inflation stops here: the rest of the bomb is never expanded
          reject(tooLarge(label, `解压后超过 ${MAX_INFLATED_BYTES / 1024 / 1024} MB（压缩包声明的大小不实）`));
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (error: Error) => reject(damagedError(label, error)))
      .on('end', () => resolve())
      .resume();
  });
  const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.length;
  }
  return utf8.decode(whole);
}

const utf8 = new TextDecoder('utf-8');
