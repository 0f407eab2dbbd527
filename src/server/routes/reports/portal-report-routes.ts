import { Hono } from 'hono';
import { AppError } from '../../../core/platform/app-error.ts';
import { REPORT_FILE_FORMATS, reportFile, type ReportFileFormat } from '../../../use-cases/reports/report-files.ts';
import {
  listPublishedReports,
  publishedReport,
  publishedReportsOfYear,
} from '../../../use-cases/reports/view-report.ts';
import { REPORT_CSS } from '../../../writers/render-html.ts';
import type { AppEnv } from '../../app-env.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { publishedReportPage, reportColumnPage } from '../../views/reports/portal-report-pages.ts';
import { fileResponse } from './file-response.ts';

/**
 * The portal's 政府信息公开年报 column (issue 9 items 3 and 9): published reports in the official layout, their
 * DOCX/PDF/XLSX/JSON downloads and one JSON download per year. Public, no login, no JavaScript.
 */
export function portalReportRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/static/report.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(REPORT_CSS);
  });

  app.get('/reports', async (c) => {
    const rows = await listPublishedReports(c.get('deps').database.db);
    return renderPage(c, chromeFor(c, '政府信息公开年报', 'portal', 'reports'), reportColumnPage(rows));
  });

  app.get('/reports/bulk/:file', async (c) => {
    const m = /^(\d{4})\.json$/.exec(c.req.param('file'));
    if (!m) throw new AppError('NOT_FOUND');
    const year = Number(m[1]);
    const reports = await publishedReportsOfYear(c.get('deps').database.db, year);
    const body = JSON.stringify({ year, count: reports.length, reports });
    return fileResponse(c, {
      bytes: new TextEncoder().encode(body),
      mediaType: 'application/json; charset=utf-8',
      filename: `${year}年度政府信息公开工作年度报告.json`,
    });
  });

  app.get('/reports/:id', async (c) => {
    const { row, agency, report } = await publishedReport(c.get('deps').database.db, c.req.param('id'));
    const title = `${agency.name}${row.year}年政府信息公开工作年度报告`;
    return renderPage(c, chromeFor(c, title, 'portal', 'reports'), publishedReportPage(row.id, agency, report));
  });

  app.get('/reports/:id/download/:format', async (c) => {
    const format = c.req.param('format') as ReportFileFormat;
    if (!REPORT_FILE_FORMATS.includes(format)) throw new AppError('NOT_FOUND');
    const { report } = await publishedReport(c.get('deps').database.db, c.req.param('id'));
    return fileResponse(c, await reportFile(report, format));
  });

  return app;
}
