import type { Context } from 'hono';
import { AppError, isAppError } from '../../core/platform/app-error.ts';
import { appErrorFromDbError } from '../../db/db-error.ts';
import type { AppEnv } from '../app-env.ts';
import { errorStatus } from '../error-status.ts';
import { errorPage } from '../views/portal/portal-pages.ts';
import { chromeFor, renderPage } from './render.ts';

/** Any thrown value as the AppError it stands for: ours, a database error caused by the input, or INTERNAL. */
export function toAppError(err: unknown): { error: AppError; unexpected: boolean } {
  if (isAppError(err)) return { error: err, unexpected: false };
  const fromDb = appErrorFromDbError(err);
  if (fromDb) return { error: fromDb, unexpected: false };
  return { error: new AppError('INTERNAL'), unexpected: true };
}

/**
 * The error as the client sees it: JSON under /api/ (a stable code, a Chinese message that names the fields
 * at fault, and the per-field messages), otherwise an HTML error page.
 */
export async function errorResponse(c: Context<AppEnv>, e: AppError): Promise<Response> {
  const status = errorStatus[e.code];
  if (c.req.path.startsWith('/api/')) {
    const named = e.fields
      ? `${e.message}：${Object.entries(e.fields)
          .map(([k, m]) => `${k} ${m}`)
          .join('；')}`
      : e.message;
    return c.json({ error: { code: e.code, message: named, ...(e.fields ? { fields: e.fields } : {}) } }, status);
  }
  // A page that does not re-render its form (formFailure) still says which field was wrong and why.
  const message = e.fields ? `${e.message}：${Object.values(e.fields).join('；')}` : e.message;
  const area = c.req.path.startsWith('/staff') ? 'staff' : 'portal';
  const back = e.code === 'CONFLICT' ? { href: c.req.path, label: '刷新，载入最新内容' } : undefined;
  return renderPage(c, chromeFor(c, '出错了', area), errorPage(status, message, back), status);
}
