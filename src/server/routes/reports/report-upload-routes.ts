import { AppError } from '../../../core/platform/app-error.ts';
import { readBlobBytes } from '../../../db/repositories/files/blob-store.ts';
import { DatabaseBlobStore } from '../../../db/repositories/files/database-blob-store.ts';
import { importBusinessCounts } from '../../../use-cases/reports/save-business-counts.ts';
import { importInput, startReportImport } from '../../../use-cases/reports/start-report-import.ts';
import { z } from 'zod';
import type { UploadRoute } from '../../http/uploads/upload-route.ts';
import { formFailure } from '../../http/form-failure.ts';
import { parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { requireStaff } from '../../middleware/require-staff.ts';
import { errorSummary } from '../../views/form-parts.ts';
import { html } from 'hono/html';
import type { MiddlewareHandler } from 'hono';
import { scopeOf, type Action } from '../../../core/platform/policy.ts';
import type { AppEnv } from '../../app-env.ts';
import { actorOf } from '../../http/use-case-context.ts';

/** Refuses before a byte of the upload is read when the actor's roles never allow `action`. */
const mayEver =
  (action: Action): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const actor = actorOf(c);
    if (!actor || scopeOf(actor, action) === null) throw new AppError('FORBIDDEN');
    await next();
  };

const MB = 1024 * 1024;
const agencyYearQuery = z.object({ agency: z.string().min(1).max(64), year: z.number().int().min(2021).max(2100) });

const single = (fields: Record<string, string | string[]>, name: string): string | undefined => {
  const v = fields[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The annual reports' upload routes (registered in routes/upload-routes.ts). */
export function reportUploadRoutes(): UploadRoute[] {
  return [
    {
      // Table 2's business counts from a filled-in template: one small CSV or XLSX.
      method: 'POST',
      path: '/staff/reports/business/import',
      before: [requireStaff('html'), mayEver('report.edit')],
      policy: {
        files: { file: { label: '业务数据文件', maxFiles: 1, maxFileBytes: 2 * MB, kinds: ['text', 'xlsx'] } },
        maxTotalFileBytes: 2 * MB,
        maxFields: 4,
        maxFieldBytes: 200,
      },
      async handle(c, upload) {
        const ctx = useCaseContext(c);
        const q = parseInput(agencyYearQuery, c.req.query());
        const file = upload.files[0];
        if (!file) throw new AppError('VALIDATION', '请选择文件', { file: '请选择文件' });
        const bytes = await readBlobBytes(new DatabaseBlobStore(ctx.db, ctx.clock), file.blob.sha256, 2 * MB);
        try {
          await importBusinessCounts(ctx, q.agency, q.year, bytes);
        } catch (e) {
          const { state, status } = formFailure(e, {});
          const body = html`<h1>导入业务数据</h1>
            ${errorSummary(state)}
            <p><a href="/staff/reports/business?agency=${q.agency}&amp;year=${q.year}">返回业务数据</a></p>`;
          return renderPage(c, chromeFor(c, '导入业务数据', 'staff', 'reports'), body, status);
        }
        return c.redirect(
          `/staff/reports/business?agency=${encodeURIComponent(q.agency)}&year=${q.year}&done=business`,
          303,
        );
      },
    },
    {
      // Published reports for the supervising office to check (issue 9 item 6): many files or ZIPs at once.
      method: 'POST',
      path: '/staff/supervision/imports',
      before: [requireStaff('html'), mayEver('report.import')],
      policy: {
        files: {
          files: {
            label: '年度报告文件',
            maxFiles: 1000,
            maxFileBytes: 50 * MB,
            kinds: ['pdf', 'docx', 'xlsx', 'html', 'text', 'zip'],
          },
        },
        maxTotalFileBytes: 500 * MB,
        maxFields: 4,
        maxFieldBytes: 200,
      },
      async handle(c, upload) {
        const ctx = useCaseContext(c);
        const input = parseInput(importInput, {
          agencyId: single(upload.fields, 'agencyId') ?? '',
          year: single(upload.fields, 'year') ?? '',
        });
        const taskId = await startReportImport(
          ctx,
          input,
          upload.files.map((f) => ({ name: f.filename, sha256: f.blob.sha256 })),
        );
        return c.redirect(`/staff/supervision/imports/${taskId}`, 303);
      },
    },
  ];
}
