/**
 * Use-case: turn the bytes of one input — a published report in any format, or a report JSON — into a checked
 * report. The CLI, the server and the batch workers all call this.
 */
import { checkDocument, type CheckedReport } from '../../core/check/check-document.ts';
import type { CheckOptions } from '../../core/check/check-report.ts';
import { ReadError } from '../../core/read/read-error.ts';
import type { Report } from '../../core/report/report-schema.ts';
import { checkReport } from '../../core/check/check-report.ts';
import { sortFindings } from '../../core/check/check-document.ts';
import { readDocument } from '../../readers/read-document.ts';

function asReportJson(bytes: Uint8Array): unknown | undefined {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) i += 3;
  if (bytes[i] !== 0x7b) return undefined; // '{'
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === 'object' && (value as { schema?: unknown }).schema === 'gongkai.report/1'
      ? value
      : (value as { report?: { schema?: unknown } }).report?.schema === 'gongkai.report/1'
        ? (value as { report: unknown }).report
        : undefined;
  } catch {
    return undefined;
  }
}

/** A report JSON (or the `{report, findings}` that `check --json` prints) is checked as is; anything else is read. */
export async function checkInput(
  bytes: Uint8Array,
  options: Omit<CheckOptions, 'context'> = {},
): Promise<CheckedReport> {
  const json = asReportJson(bytes);
  if (json !== undefined) {
    // zod is loaded for report JSON only: a CLI check of a published report starts without it (~150 ms).
    const { validateReport } = await import('../../core/report/validate-report.ts');
    const valid = validateReport(json);
    if (!valid.ok)
      throw new ReadError('INVALID_JSON', `报告 JSON 不符合 gongkai.report/1：${valid.errors.slice(0, 5).join('；')}`);
    return { report: valid.report, findings: sortFindings(checkReport(valid.report, options)) };
  }
  return checkDocument(await readDocument(bytes), options);
}

export async function loadReport(bytes: Uint8Array): Promise<Report> {
  return (await checkInput(bytes)).report;
}
