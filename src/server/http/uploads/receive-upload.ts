import { timingSafeEqual } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { AppError } from '../../../core/platform/app-error.ts';
import type { BlobStore, BlobWriter, StoredBlob } from '../../../db/repositories/files/blob-store.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatBytes, tooLarge } from '../../middleware/body-limit.ts';
import { sniffBytes, sniffFileKind } from './sniff-file-kind.ts';
import {
  fileKindLabels,
  fileKindMediaTypes,
  maxRequestBytes,
  type FileFieldRule,
  type FileKind,
  type UploadPolicy,
} from './upload-policy.ts';

export interface ReceivedFile {
  field: string;
  /** The name the browser gave, reduced to a plain file name (for display; never a path). */
  filename: string;
  blob: StoredBlob;
}

export interface ReceivedUpload {
  fields: Record<string, string | string[]>;
  files: ReceivedFile[];
}

/**
 * Receives a multipart/form-data upload as a stream (busboy) under `policy`:
 *
 * - every limit is checked on the bytes as they arrive — the whole body, each file, the files together, the
 *   number of files and fields — and the first byte past one ends the request with 413 (a wrong field or type
 *   with 422), without reading the rest;
 * - each file's kind is sniffed from its first bytes and must be on the field's allow-list (a PNG named
 *   `.pdf`, an executable named `.txt` are refused, naming the field);
 * - the bytes go straight into the blob store chunk by chunk; the blobs are committed only when the whole
 *   request was read without fault, otherwise every chunk written is removed;
 * - a form without the CSRF header must carry `_csrf` before its first file (the CSRF middleware leaves that
 *   check to this function so as not to read the upload twice).
 */
export async function receiveUpload(
  c: Context<AppEnv>,
  policy: UploadPolicy,
  store: BlobStore,
): Promise<ReceivedUpload> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new AppError('VALIDATION', '请以表单文件上传方式提交（multipart/form-data）');
  }
  const body = c.req.raw.body;
  if (!body) throw new AppError('VALIDATION', '没有收到上传的内容');
  return new UploadReceiver(policy, store, c.get('csrfPending')).run(type, body);
}

interface Pending {
  field: string;
  filename: string;
  writer: BlobWriter;
  kind: FileKind;
}

class UploadReceiver {
  private readonly fields: Record<string, string | string[]> = {};
  /** Files read completely, in the order they came. */
  private readonly done: (Pending | undefined)[] = [];
  private fileCount = 0;
  private readonly writers: BlobWriter[] = [];
  private readonly tasks: Promise<void>[] = [];
  private readonly streams: Readable[] = [];
  private readonly perField = new Map<string, number>();
  private fileBytes = 0;
  private csrfOk: boolean;
  private failure: unknown;
  private reject: (e: unknown) => void = () => {};

  constructor(
    private readonly policy: UploadPolicy,
    private readonly store: BlobStore,
    private readonly csrfExpected: string | undefined,
  ) {
    this.csrfOk = csrfExpected === undefined;
  }

  async run(type: string, body: ReadableStream<Uint8Array>): Promise<ReceivedUpload> {
    const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
    const bodyLimit = maxRequestBytes(this.policy);
    let seen = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, next) => {
        seen += chunk.byteLength;
        if (seen > bodyLimit) return next(tooLarge(bodyLimit));
        next(null, chunk);
      },
    });
    const maxFiles = Object.values(this.policy.files).reduce((n, r) => n + r.maxFiles, 0);
    const largest = Math.max(0, ...Object.values(this.policy.files).map((r) => r.maxFileBytes));
    const bb = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8',
      limits: {
        fields: this.policy.maxFields,
        fieldSize: this.policy.maxFieldBytes,
        fieldNameSize: 100,
        files: maxFiles,
        // One byte more than any rule allows, so our own per-field check (with its message) fires first.
        fileSize: largest + 1,
        parts: this.policy.maxFields + maxFiles + 1,
        headerPairs: 20,
      },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        this.reject = reject;
        counter.on('error', (e) => this.fail(e));
        source.on('error', (e) => this.fail(e));
        bb.on('field', (name, value, info) => this.onField(name, value, info.valueTruncated));
        bb.on('file', (name, stream, info) => this.onFile(name, stream, info.filename));
        bb.on('filesLimit', () =>
          this.fail(new AppError('PAYLOAD_TOO_LARGE', `上传的文件过多（最多 ${maxFiles} 个）`)),
        );
        bb.on('fieldsLimit', () => this.fail(new AppError('PAYLOAD_TOO_LARGE', '表单字段过多')));
        bb.on('partsLimit', () => this.fail(new AppError('PAYLOAD_TOO_LARGE', '表单内容过多')));
        bb.on('error', () => this.fail(new AppError('VALIDATION', '上传内容格式错误，请重新选择文件后提交')));
        bb.on('close', () => {
          void Promise.all(this.tasks).then(() => (this.failure === undefined ? resolve() : undefined), reject);
        });
        source.pipe(counter).pipe(bb);
      });
      if (!this.csrfOk) throw new AppError('CSRF');
      const files: ReceivedFile[] = [];
      for (const p of this.done) {
        if (!p) continue;
        const blob = await p.writer.commit({ kind: p.kind, mediaType: fileKindMediaTypes[p.kind] });
        files.push({ field: p.field, filename: p.filename, blob });
      }
      return { fields: this.fields, files };
    } catch (e) {
      // Stop reading (the rest of the body is drained by the server after the answer), stop every file
      // stream, wait for their tasks, then remove every chunk written.
      source.unpipe(counter);
      counter.unpipe(bb);
      source.pause();
      for (const s of this.streams) s.destroy();
      bb.destroy();
      await Promise.allSettled(this.tasks);
      await Promise.allSettled(this.writers.map((w) => w.abort()));
      throw this.failure ?? e;
    }
  }

  private fail(e: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    this.reject(e);
  }

  private onField(name: string, value: string, truncated: boolean): void {
    if (truncated)
      return this.fail(
        new AppError('PAYLOAD_TOO_LARGE', `字段 ${name} 过长（不能超过 ${formatBytes(this.policy.maxFieldBytes)}）`),
      );
    if (name === '_csrf') {
      if (this.csrfExpected !== undefined) this.csrfOk = equal(this.csrfExpected, value);
      return;
    }
    const prev = this.fields[name];
    this.fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }

  private onFile(field: string, stream: Readable, rawName: string | undefined): void {
    this.streams.push(stream);
    if (this.failure !== undefined) return void stream.resume();
    if (!this.csrfOk) return this.fail(new AppError('CSRF'));
    const rule = this.policy.files[field];
    if (!rule) return this.fail(new AppError('VALIDATION', undefined, { [field]: '此处不接受上传文件' }));
    const n = (this.perField.get(field) ?? 0) + 1;
    this.perField.set(field, n);
    if (n > rule.maxFiles) {
      return this.fail(new AppError('PAYLOAD_TOO_LARGE', `${rule.label}最多上传 ${rule.maxFiles} 个文件`));
    }
    const index = this.fileCount++;
    const task = this.receiveFile(index, field, rule, stream, plainFileName(rawName)).catch((e: unknown) =>
      this.fail(e),
    );
    this.tasks.push(task);
  }

  private async receiveFile(
    index: number,
    field: string,
    rule: FileFieldRule,
    stream: Readable,
    filename: string,
  ): Promise<void> {
    const writer = this.store.begin();
    this.writers.push(writer);
    const head: Buffer[] = [];
    let headBytes = 0;
    let kind: FileKind | undefined;
    let size = 0;
    const accept = async () => {
      const bytes = Buffer.concat(head, headBytes);
      kind = await this.checkKind(field, rule, bytes, filename);
      await writer.write(bytes);
    };
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      this.fileBytes += chunk.byteLength;
      if (size > rule.maxFileBytes) {
        throw new AppError('PAYLOAD_TOO_LARGE', `${rule.label}的每个文件不能超过 ${formatBytes(rule.maxFileBytes)}`);
      }
      if (this.fileBytes > this.policy.maxTotalFileBytes) {
        throw new AppError('PAYLOAD_TOO_LARGE', `上传的文件合计不能超过 ${formatBytes(this.policy.maxTotalFileBytes)}`);
      }
      if (kind !== undefined) await writer.write(chunk);
      else {
        head.push(chunk);
        headBytes += chunk.byteLength;
        if (headBytes >= sniffBytes) await accept();
      }
    }
    if (kind === undefined) {
      if (size === 0)
        throw new AppError('VALIDATION', undefined, { [field]: `${rule.label}：文件“${filename}”是空文件` });
      await accept();
    }
    this.done[index] = { field, filename, writer, kind: kind! };
  }

  private async checkKind(field: string, rule: FileFieldRule, head: Buffer, filename: string): Promise<FileKind> {
    const kind = await sniffFileKind(head);
    if (kind !== undefined && rule.kinds.includes(kind)) return kind;
    const allowed = rule.kinds.map((k) => fileKindLabels[k]).join('、');
    const seen = kind ? `这是${fileKindLabels[kind]}` : '无法识别文件类型';
    throw new AppError('VALIDATION', undefined, {
      [field]: `${rule.label}：文件“${filename}”的内容不符合要求（${seen}），只接受${allowed}`,
    });
  }
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f]/g;

/** A browser may send a path (`C:\fakepath\x.pdf`) or control characters: keep a plain, short file name. */
function plainFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop()!.replace(controlCharacters, '').trim();
  return (base || '未命名文件').slice(0, 200);
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length > 0 && x.length === y.length && timingSafeEqual(x, y);
}
