/** The report and its review memo as files: what the staff pages and the portal hand out. */
import { composeReviewMemo } from '../../core/supervision/review-memo.ts';
import type { Finding } from '../../core/check/finding.ts';
import type { Report } from '../../core/report/report-schema.ts';
import { REPORT_OUTPUT_TYPES, renderReport } from '../../writers/render-report.ts';
import { renderReviewMemo } from '../../writers/notices/render-review-memo.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import type { AnnualReportRow, Executor } from '../../db/schema.ts';
import { beijingDate } from './report-figures.ts';

export const REPORT_FILE_FORMATS = ['html', 'docx', 'pdf', 'xlsx', 'json'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

export interface ReportFile {
  bytes: Uint8Array;
  mediaType: string;
  filename: string;
}

export async function reportFile(report: Report, format: ReportFileFormat): Promise<ReportFile> {
  const base = `${report.agency ?? '报告'}${report.year ?? ''}年政府信息公开工作年度报告`;
  if (format === 'json')
    return {
      bytes: new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`),
      mediaType: 'application/json; charset=utf-8',
      filename: `${base}.json`,
    };
  const t = REPORT_OUTPUT_TYPES[format];
  return {
    bytes: await renderReport(report, format),
    mediaType: format === 'html' ? 'text/html; charset=utf-8' : t.mediaType,
    filename: `${base}${t.extension}`,
  };
}

/** The 审核意见 of a stored report, signed by the supervising office (the agency's parent). */
export async function reviewMemoFile(
  ex: Executor,
  row: AnnualReportRow,
  format: 'docx' | 'pdf',
  now: Date,
): Promise<ReportFile> {
  const agency = await findAgency(ex, row.agency_id);
  const parent = agency?.parent_id ? await findAgency(ex, agency.parent_id) : undefined;
  const report = JSON.parse(row.report_json) as Report;
  const today = beijingDate(now);
  const due = new Date(now.getTime() + 10 * 86400_000);
  const memo = composeReviewMemo({
    report,
    findings: JSON.parse(row.findings_json) as Finding[],
    reviewer: parent?.name ?? agency?.name ?? '上级机关',
    date: today,
    deadline: beijingDate(due),
    sourceName: row.source_name ?? undefined,
  });
  return {
    bytes: await renderReviewMemo(memo, format),
    mediaType:
      format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    filename: `${memo.title}.${format}`,
  };
}
