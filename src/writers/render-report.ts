/**
 * One entry point for every output format of a report. The DOCX, XLSX and PDF writers load their libraries
 * (docx, exceljs, the PDF engine) only when asked for, so a server that mostly serves HTML does not pay for them.
 */
import type { Report } from '../core/report/report-schema.ts';
import { renderReportHtml } from './render-html.ts';
import { renderReportText } from './render-text.ts';

export type ReportOutputFormat = 'html' | 'docx' | 'pdf' | 'xlsx' | 'txt';

/** Media type and file extension of each format, for HTTP responses and downloads. */
export const REPORT_OUTPUT_TYPES: Record<ReportOutputFormat, { mediaType: string; extension: string }> = {
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html' },
  txt: { mediaType: 'text/plain; charset=utf-8', extension: 'txt' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
};

export async function renderReport(report: Report, to: ReportOutputFormat): Promise<Uint8Array> {
  switch (to) {
    case 'html':
      return new TextEncoder().encode(renderReportHtml(report));
    case 'txt':
      return new TextEncoder().encode(renderReportText(report));
    case 'docx':
      return (await import('./render-docx.ts')).renderReportDocx(report);
    case 'xlsx':
      return (await import('./render-xlsx.ts')).renderReportXlsx(report);
    case 'pdf':
      return (await import('./render-pdf.ts')).renderReportPdf(report);
    default:
      // Reached only from untyped callers (a query string, a CLI flag).
      throw new RangeError(`不支持的输出格式：${String(to satisfies never)}`);
  }
}
