import type { Report } from '../report/report-schema.ts';
import { interpretDocument } from '../read/interpret-document.ts';
import type { ReportDocument } from '../read/report-document.ts';
import { checkReport, type CheckOptions } from './check-report.ts';
import type { Finding } from './finding.ts';

export interface CheckedReport {
  report: Report;
  findings: Finding[];
}

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Reads a document into a report and checks it; findings sorted by level, then by position. */
export function checkDocument(doc: ReportDocument, options: Omit<CheckOptions, 'context'> = {}): CheckedReport {
  const { report, findings, context } = interpretDocument(doc);
  const all = [...findings, ...checkReport(report, { ...options, context })];
  return { report, findings: sortFindings(all) };
}

export function sortFindings(findings: Finding[]): Finding[] {
  const position = (f: Finding) => f.source?.line ?? (f.source?.page ?? 0) * 10000 + (f.source?.row ?? 0);
  return [...findings].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || position(a) - position(b));
}
