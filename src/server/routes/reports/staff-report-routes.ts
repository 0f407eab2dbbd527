import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError } from '../../../core/platform/app-error.ts';
import { can } from '../../../core/platform/policy.ts';
import { listAgencies } from '../../../db/repositories/platform/agency-repository.ts';
import { listBusinessCounts } from '../../../db/repositories/reports/business-count-repository.ts';
import { listReminders } from '../../../db/repositories/reports/report-repository.ts';
import { acknowledgeInput, acknowledgeWarning } from '../../../use-cases/reports/acknowledge-warning.ts';
import { templateCsv, templateXlsx } from '../../../use-cases/reports/business-count-sheet.ts';
import { draftAnnualReport, draftReportInput } from '../../../use-cases/reports/draft-annual-report.ts';
import { agencyFor, reportFor, scopedOf } from '../../../use-cases/reports/report-access.ts';
import { REPORT_FILE_FORMATS, reportFile, reviewMemoFile } from '../../../use-cases/reports/report-files.ts';
import {
  publishReport,
  reviewInput,
  reviewReport,
  saveReportText,
  saveTextInput,
  stepInput,
  submitReport,
} from '../../../use-cases/reports/report-workflow.ts';
import { monthsFromForm, saveBusinessCounts } from '../../../use-cases/reports/save-business-counts.ts';
import { tableTwoCellQuery, tableTwoItems } from '../../../use-cases/reports/table-two-items.ts';
import { listVisibleReports, viewReport } from '../../../use-cases/reports/view-report.ts';
import type { AppEnv } from '../../app-env.ts';
import { formFailure } from '../../http/form-failure.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { actorOf, useCaseContext } from '../../http/use-case-context.ts';
import type { FormState } from '../../views/form-parts.ts';
import { businessCountsPage, reportListPage, reportPage, tableTwoItemsPage } from '../../views/reports/report-pages.ts';
import { portalCacheScope } from '../portal/portal-routes.ts';
import { fileResponse } from './file-response.ts';

const yearQuery = z.object({ year: z.number().int().min(2021).max(2100).optional() });
const agencyYearQuery = z.object({ agency: z.string().min(1).max(64), year: z.number().int().min(2021).max(2100) });

/** The year whose report is due now: last year (reports are written in January for the year before). */
export function currentReportYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear() - 1;
}

const flashes: Record<string, string> = {
  drafted: '已起草。表格数据来自记录，正文可修改。',
  saved: '已保存并重新核对。',
  ack: '已记录理由。',
  submitted: '已报送上级审核。',
  returned: '已退回修改。',
  cleared: '已审核通过。',
  published: '已发布到政府信息公开年报栏目。',
  business: '业务数据已保存。',
};

/** Staff pages of the annual report (issue 9 items 1–3), mounted at /staff/reports. */
export function staffReportRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const ctx = useCaseContext(c);
    const q = parseInput(yearQuery, c.req.query());
    const year = q.year ?? currentReportYear(ctx.clock());
    const rows = await listVisibleReports(ctx);
    const own = (await listAgencies(ctx.db, { kind: 'agency', agencyId: ctx.actor!.agencyId }))[0];
    const editable = own && can(ctx.actor, 'report.edit', scopedOf(own)) ? [own] : [];
    const reminders = await listReminders(ctx.db, [ctx.actor!.agencyId]);
    const page = reportListPage(rows, {
      year,
      editableAgencies: editable,
      reminders,
      flash: flashes[c.req.query('done') ?? ''],
      csrf: chromeFor(c, '', 'staff').csrfToken,
      state: { values: {}, errors: {} },
    });
    return renderPage(c, chromeFor(c, '年度报告', 'staff', 'reports'), page);
  });

  app.post('/draft', async (c) => {
    const ctx = useCaseContext(c);
    const input = parseInput(draftReportInput, formObject(await c.req.parseBody()));
    const { row } = await draftAnnualReport(ctx, input);
    return c.redirect(`/staff/reports/${row.id}?done=drafted`, 303);
  });

  app.get('/business/template.csv', (c) =>
    fileResponse(c, {
      bytes: new TextEncoder().encode(templateCsv()),
      mediaType: 'text/csv; charset=utf-8',
      filename: '年报表二业务数据模板.csv',
    }),
  );
  app.get('/business/template.xlsx', async (c) =>
    fileResponse(c, {
      bytes: await templateXlsx(),
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: '年报表二业务数据模板.xlsx',
    }),
  );

  app.get('/business', async (c) => {
    const ctx = useCaseContext(c);
    const q = parseInput(agencyYearQuery, c.req.query());
    const agency = await agencyFor(ctx.db, ctx.actor, q.agency, 'report.edit');
    return renderBusiness(c, agency.id, q.year, { values: {}, errors: {} }, flashes[c.req.query('done') ?? '']);
  });

  app.post('/business', async (c) => {
    const ctx = useCaseContext(c);
    const q = parseInput(agencyYearQuery, c.req.query());
    const values = formObject(await c.req.parseBody()) as Record<string, string>;
    try {
      await saveBusinessCounts(ctx, q.agency, q.year, monthsFromForm(values), 'form');
      return c.redirect(
        `/staff/reports/business?agency=${encodeURIComponent(q.agency)}&year=${q.year}&done=business`,
        303,
      );
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return renderBusiness(c, q.agency, q.year, state, undefined, status);
    }
  });

  app.get('/:id', async (c) => renderReport(c, c.req.param('id'), { values: {}, errors: {} }));

  app.post('/:id/text', async (c) => {
    const ctx = useCaseContext(c);
    const values = formObject(await c.req.parseBody());
    try {
      await saveReportText(ctx, c.req.param('id'), parseInput(saveTextInput, values));
      return c.redirect(`/staff/reports/${c.req.param('id')}?done=saved`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return renderReport(c, c.req.param('id'), state, status);
    }
  });

  const step =
    (
      run: (ctx: ReturnType<typeof useCaseContext>, id: string, values: Record<string, unknown>) => Promise<unknown>,
      done: (values: Record<string, unknown>) => string,
    ) =>
    async (c: Context<AppEnv>) => {
      const ctx = useCaseContext(c);
      const id = c.req.param('id')!;
      const values = formObject(await c.req.parseBody());
      try {
        await run(ctx, id, values);
        await c.get('pageCache').invalidate(portalCacheScope);
        return c.redirect(`/staff/reports/${id}?done=${done(values)}`, 303);
      } catch (e) {
        const { state, status } = formFailure(e, values);
        return renderReport(c, id, state, status);
      }
    };

  app.post(
    '/:id/acknowledge',
    step(
      (ctx, id, v) => acknowledgeWarning(ctx, id, parseInput(acknowledgeInput, v)),
      () => 'ack',
    ),
  );
  app.post(
    '/:id/submit',
    step(
      (ctx, id, v) => submitReport(ctx, id, parseInput(stepInput, v)),
      () => 'submitted',
    ),
  );
  app.post(
    '/:id/review',
    step(
      (ctx, id, v) => reviewReport(ctx, id, parseInput(reviewInput, v)),
      (v) => (v['verdict'] === 'returned' ? 'returned' : 'cleared'),
    ),
  );
  app.post(
    '/:id/publish',
    step(
      (ctx, id, v) => publishReport(ctx, id, parseInput(stepInput, v)),
      () => 'published',
    ),
  );

  app.get('/:id/table2', async (c) => {
    const ctx = useCaseContext(c);
    const q = parseInput(tableTwoCellQuery, c.req.query());
    const x = await tableTwoItems(ctx, c.req.param('id'), q.cell);
    return renderPage(c, chromeFor(c, `表二：${x.label}`, 'staff', 'reports'), tableTwoItemsPage(x));
  });

  app.get('/:id/download/:format', async (c) => {
    const format = c.req.param('format') as (typeof REPORT_FILE_FORMATS)[number];
    if (!REPORT_FILE_FORMATS.includes(format)) throw new AppError('NOT_FOUND');
    const v = await viewReport(useCaseContext(c), c.req.param('id'));
    return fileResponse(c, await reportFile(v.report, format));
  });

  app.get('/:id/memo/:format', async (c) => {
    const format = c.req.param('format');
    if (format !== 'docx' && format !== 'pdf') throw new AppError('NOT_FOUND');
    const ctx = useCaseContext(c);
    const { row } = await reportFor(ctx.db, ctx.actor, c.req.param('id'), 'report.read');
    return fileResponse(c, await reviewMemoFile(ctx.db, row, format, ctx.clock()));
  });

  async function renderReport(c: Context<AppEnv>, id: string, state: FormState, status: ContentfulStatusCode = 200) {
    const ctx = useCaseContext(c);
    const v = await viewReport(ctx, id);
    const actor = actorOf(c);
    const s = scopedOf(v.agency);
    const page = reportPage(v, {
      csrf: chromeFor(c, '', 'staff').csrfToken,
      canEdit: can(actor, 'report.edit', s),
      canSubmit: can(actor, 'report.submit', s),
      canReview: can(actor, 'report.review', s),
      canPublish: can(actor, 'report.publish', s),
      state,
      flash: flashes[c.req.query('done') ?? ''],
      notes: [],
    });
    return renderPage(c, chromeFor(c, `${v.agency.name}${v.row.year}年度报告`, 'staff', 'reports'), page, status);
  }

  async function renderBusiness(
    c: Context<AppEnv>,
    agencyId: string,
    year: number,
    state: FormState,
    flash?: string,
    status: ContentfulStatusCode = 200,
  ) {
    const ctx = useCaseContext(c);
    const agency = await agencyFor(ctx.db, ctx.actor, agencyId, 'report.edit');
    const rows = await listBusinessCounts(ctx.db, agency.id, year);
    const page = businessCountsPage(agency, year, rows, { csrf: chromeFor(c, '', 'staff').csrfToken, state, flash });
    return renderPage(c, chromeFor(c, '业务数据', 'staff', 'reports'), page, status);
  }

  return app;
}
