import type { MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { AppError } from '../../core/platform/app-error.ts';
import type { AppEnv } from '../app-env.ts';

/**
 * Forms and JSON: 64 KiB. The longest form today (a 2 000-character 留言, percent-encoded at 9 bytes per
 * Chinese character) is about 18 KiB.
 */
export const defaultBodyLimitBytes = 64 * 1024;

/** A route that takes more than the default: an upload, with its own limits (src/server/http/uploads). */
export interface LargeBodyRoute {
  method: string;
  /** Hono path pattern, as registered (`/applications/:id/attachments`). */
  path: string;
  /** The whole request body at most; the upload mechanism enforces its finer limits while streaming. */
  maxBytes: number;
}

/**
 * The one body limit, in front of every route (before the session, the CSRF check and routing, so a path that
 * does not exist gets the same treatment). One anonymous 400 MB POST once took the server from 216 MB to
 * 1.4 GB; now:
 *
 * - a declared Content-Length over the limit is refused with 413 before a byte of the body is read;
 * - a body without one (chunked) is read only up to the limit: the byte that passes it ends the reading with
 *   413 — at most the limit is ever held in memory;
 * - routes listed as large-body routes (uploads) are not read here at all: the Content-Length check applies
 *   with their own limit and the upload mechanism streams the body with its per-file and total limits.
 *
 * The rest of a refused body is discarded by @hono/node-server after the answer (it drains at most 64 MB or
 * 500 ms, then closes the connection), so the client reliably gets its 413 and memory stays flat.
 */
export function bodyLimit(
  options: { defaultBytes?: number; largeBodyRoutes?: readonly LargeBodyRoute[] } = {},
): MiddlewareHandler<AppEnv> {
  const defaultBytes = options.defaultBytes ?? defaultBodyLimitBytes;
  const large = new TrieRouter<number>();
  for (const r of options.largeBodyRoutes ?? []) large.add(r.method, r.path, r.maxBytes);
  const hasLarge = (options.largeBodyRoutes ?? []).length > 0;

  return async (c, next) => {
    const streamedLimit = hasLarge ? large.match(c.req.method, c.req.path)[0][0]?.[0] : undefined;
    const limit = streamedLimit ?? defaultBytes;
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
    if (streamedLimit !== undefined) {
      c.set('largeBody', { maxBytes: streamedLimit });
      return next();
    }
    const body = c.req.raw.body;
    if (!body || declared === '0') return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Not cancelled: cancelling would destroy the socket before the 413 is written.
        reader.releaseLock();
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: concat(chunks, size) });
    return next();
  };
}

export function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `提交的内容过大（不能超过 ${formatBytes(limit)}）`);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    out.set(ch, at);
    at += ch.byteLength;
  }
  return out;
}
