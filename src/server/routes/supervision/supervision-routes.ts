import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../core/platform/app-error.ts';
import { REPORT_FILE_FORMATS, reportFile, type ReportFileFormat } from '../../../use-cases/reports/report-files.ts';
import { listImports, viewImport } from '../../../use-cases/reports/list-imports.ts';
import { consolidatedReport, supervisionDashboard } from '../../../use-cases/reports/supervision-dashboard.ts';
import type { AppEnv } from '../../app-env.ts';
import { parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { loadCharts } from '../../views/supervision/charts.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import {
  consolidatedPage,
  dashboardPage,
  importPage,
  importTaskPage,
  latePublicationsPage,
  overdueApplicationsPage,
} from '../../views/supervision/supervision-pages.ts';
import { latePublicationsOf, overdueApplicationsOf } from '../../../use-cases/reports/supervision-records.ts';
import { currentReportYear } from '../reports/staff-report-routes.ts';
import { fileResponse } from '../reports/file-response.ts';

const yearQuery = z.object({ year: z.number().int().min(2021).max(2100).optional() });
const agencyQuery = z.object({ agency: z.string().min(1).max(64) });

/** The supervising office's pages (issue 9 items 4–6), mounted at /staff/supervision. */
export function supervisionRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const ctx = useCaseContext(c);
    const current = currentReportYear(ctx.clock());
    const year = parseInput(yearQuery, c.req.query()).year ?? current;
    const d = await supervisionDashboard(ctx, year);
    const years = Array.from({ length: current - 2020 }, (_, i) => current - i);
    await loadCharts();
    return renderPage(c, chromeFor(c, '年报监督', 'staff', 'supervision'), dashboardPage(d, years));
  });

  // The lists behind the dashboard's overdue applications and late publications.
  app.get('/overdue-applications', async (c) => {
    const q = parseInput(agencyQuery, c.req.query());
    const x = await overdueApplicationsOf(useCaseContext(c), q.agency);
    return renderPage(c, chromeFor(c, '逾期未答复的申请', 'staff', 'supervision'), overdueApplicationsPage(x));
  });

  app.get('/late-publications', async (c) => {
    const ctx = useCaseContext(c);
    const q = parseInput(agencyQuery.extend(yearQuery.shape), c.req.query());
    const x = await latePublicationsOf(ctx, q.agency, q.year ?? currentReportYear(ctx.clock()));
    return renderPage(c, chromeFor(c, '逾期公开的信息', 'staff', 'supervision'), latePublicationsPage(x));
  });

  app.get('/consolidated', async (c) => {
    const ctx = useCaseContext(c);
    const year = parseInput(yearQuery, c.req.query()).year ?? currentReportYear(ctx.clock());
    const result = await consolidatedReport(ctx, year);
    return renderPage(c, chromeFor(c, '汇总报告', 'staff', 'supervision'), consolidatedPage(year, result));
  });

  app.get('/consolidated/download/:format', async (c) => {
    const format = c.req.param('format') as ReportFileFormat;
    if (!REPORT_FILE_FORMATS.includes(format)) throw new AppError('NOT_FOUND');
    const ctx = useCaseContext(c);
    const year = parseInput(yearQuery, c.req.query()).year ?? currentReportYear(ctx.clock());
    const result = await consolidatedReport(ctx, year);
    if (!result.ok) throw new AppError('CONFLICT', result.errors.join('；'));
    return fileResponse(c, await reportFile(result.report, format));
  });

  app.get('/imports', async (c) => {
    const ctx = useCaseContext(c);
    const tasks = await listImports(ctx);
    return renderPage(
      c,
      chromeFor(c, '导入年度报告', 'staff', 'supervision'),
      importPage(tasks, chromeFor(c, '', 'staff').csrfToken, { values: {}, errors: {} }),
    );
  });

  app.get('/imports/:id', async (c) => {
    const { task, files } = await viewImport(useCaseContext(c), c.req.param('id'));
    return renderPage(c, chromeFor(c, task.title, 'staff', 'supervision'), importTaskPage(task, files));
  });

  return app;
}
