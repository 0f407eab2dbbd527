import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { ReportFile } from '../../../use-cases/reports/report-files.ts';

/** A download with its Chinese name (RFC 6266 / 5987) and an ASCII fallback. */
export function fileResponse(c: Context<AppEnv>, file: ReportFile, inline = false): Response {
  const ext = /\.[a-z]+$/.exec(file.filename)?.[0] ?? '';
  c.header('Content-Type', file.mediaType);
  c.header(
    'Content-Disposition',
    `${inline ? 'inline' : 'attachment'}; filename="report${ext}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(file.bytes as Uint8Array<ArrayBuffer>);
}
