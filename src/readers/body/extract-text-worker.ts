/**
 * Runs in a worker thread (started by extract-attachment-text.ts): reads the document with the report readers
 * and posts back its plain text, or the ReadError's code and Chinese message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReadError } from '../../core/read/read-error.ts';
import { readDocument } from '../read-document.ts';
import { documentText } from './document-text.ts';

export interface ExtractJob {
  entry: string;
  bytes: Uint8Array;
  maxChars: number;
}

export type ExtractReply =
  { ok: true; text: string; truncated: boolean } | { ok: false; code: string; message: string };

const job = workerData as ExtractJob;
let reply: ExtractReply;
try {
  // No OCR here: this worker is stopped on a timeout, which the OCR's child processes would outlive.
  const doc = await readDocument(job.bytes, { ocr: false });
  reply = { ok: true, ...documentText(doc, job.maxChars) };
} catch (error) {
  reply =
    error instanceof ReadError
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: 'CORRUPT', message: '附件无法读取，未能提取文字' };
}
parentPort?.postMessage(reply);
