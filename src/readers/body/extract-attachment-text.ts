/**
 * The text of an attachment for the search index, bounded in time, memory and size: the document is read by the
 * existing report readers (PDF, DOCX, XLSX) in a worker thread that is terminated when it runs past `timeoutMs`
 * or its heap limit — a hostile or pathological PDF cannot hold the server. Images have no text (no OCR).
 */
import { Worker } from 'node:worker_threads';
import { ReadError } from '../../core/read/read-error.ts';
import { detectAttachmentType, isImageAttachment, type AttachmentType } from './attachment-type.ts';
import type { ExtractJob, ExtractReply } from './extract-text-worker.ts';

export interface ExtractOptions {
  /** Default 30 s. */
  timeoutMs?: number;
  /** Characters kept for the index; default 1,000,000. */
  maxChars?: number;
  /** Heap limit of the worker; default 512 MB. */
  maxHeapMb?: number;
}

export interface ExtractedText {
  type: AttachmentType;
  text: string;
  truncated: boolean;
}

const DEFAULTS = { timeoutMs: 30_000, maxChars: 1_000_000, maxHeapMb: 512 };

export async function extractAttachmentText(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedText> {
  const { timeoutMs, maxChars, maxHeapMb } = { ...DEFAULTS, ...options };
  const detected = await detectAttachmentType(bytes);
  if (!detected.ok) throw new ReadError('UNSUPPORTED_FORMAT', detected.message);
  if (isImageAttachment(detected.type)) return { type: detected.type, text: '', truncated: false };

  // The compiled build (scripts/build.mjs) points this URL at dist/extract-text-worker.js, which runs by itself;
  // the TypeScript source needs worker-boot.mjs to register tsx in the worker first.
  const entry = new URL('./extract-text-worker.ts', import.meta.url);
  const job: ExtractJob = { entry: entry.href, bytes, maxChars };
  const reply = await new Promise<ExtractReply>((resolve, reject) => {
    const worker = new Worker(entry.pathname.endsWith('.ts') ? new URL('./worker-boot.mjs', import.meta.url) : entry, {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ReadError(
              'TIMEOUT',
              `附件文字提取超过 ${Math.round(timeoutMs / 1000)} 秒，已停止；该附件不进入全文检索`,
            ),
          ),
        ),
      timeoutMs,
    );
    worker.once('message', (m: ExtractReply) => finish(() => resolve(m)));
    worker.once('error', (error) =>
      finish(() => {
        const code = (error as { code?: string }).code;
        const wrapped =
          code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ReadError('TOO_LARGE', '附件内容过于庞大，提取文字时超出内存上限，已停止')
            : new ReadError('CORRUPT', '附件无法读取，未能提取文字');
        wrapped.cause = error;
        reject(wrapped);
      }),
    );
    worker.once('exit', () => finish(() => reject(new ReadError('CORRUPT', '附件无法读取，未能提取文字'))));
  });
  if (!reply.ok) throw new ReadError(reply.code, reply.message);
  return { type: detected.type, text: reply.text, truncated: reply.truncated };
}
