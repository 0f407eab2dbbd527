import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../../core/platform/app-error.ts';
import { DatabaseBlobStore } from '../../../db/repositories/files/database-blob-store.ts';
import type { AppEnv } from '../../app-env.ts';
import type { ReceivedUpload } from '../../http/uploads/receive-upload.ts';
import type { UploadPolicy } from '../../http/uploads/upload-policy.ts';

/** Application attachments: identity papers and supporting documents (issue 7 item 11: typed from the bytes). */
export const caseUploadPolicy: UploadPolicy = {
  files: {
    files: {
      label: '附件',
      maxFiles: 5,
      maxFileBytes: 10 * 1024 * 1024,
      kinds: ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'webp', 'tiff', 'text'],
    },
  },
  maxTotalFileBytes: 30 * 1024 * 1024,
  maxFields: 40,
  maxFieldBytes: 8 * 1024,
};

/** The public forms of cases (apply, track, correct, download) count against the per-address public limit. */
export function publicCaseLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { config } = c.get('deps');
    if (!(await c.get('limiter').hit(`public:${c.get('ip')}`, config.rateLimitPublicPerMinute)))
      throw new AppError('RATE_LIMITED');
    await next();
  };
}

/** Tracking attempts: a much tighter limit per address, so that codes and secrets cannot be guessed. */
export async function trackingLimit(c: Context<AppEnv>): Promise<void> {
  const { config } = c.get('deps');
  const perMinute = Math.max(1, Math.min(10, config.rateLimitPublicPerMinute));
  if (!(await c.get('limiter').hit(`case-track:${c.get('ip')}`, perMinute))) throw new AppError('RATE_LIMITED');
}

/** Text fields of an upload as a plain object (first value of each). */
export function uploadFields(u: ReceivedUpload): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(u.fields)) if (k !== '_csrf') out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

export const uploadedFiles = (u: ReceivedUpload) =>
  u.files.map((f) => ({ sha256: f.blob.sha256, filename: f.filename }));

/** A stored file as a download, streamed from the blob store. */
export async function blobDownload(c: Context<AppEnv>, sha256: string, filename: string): Promise<Response> {
  const { database, clock } = c.get('deps');
  const store = new DatabaseBlobStore(database.db, clock);
  const info = await store.stat(sha256);
  if (!info) throw new AppError('NOT_FOUND', '未找到该文件');
  const chunks = store.read(sha256)[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': info.mediaType,
      'Content-Length': String(info.size),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
