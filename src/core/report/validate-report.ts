import { reportSchema, type Report } from './report-schema.ts';

export type ValidationResult = { ok: true; report: Report } | { ok: false; errors: string[] };

/** Validates unknown JSON against `gongkai.report/1`; errors are Chinese and name the JSON path. */
export function validateReport(value: unknown): ValidationResult {
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) return { ok: true, report: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '（根）';
    return `${path}：${describeIssue(issue)}`;
  });
  return { ok: false, errors };
}

function describeIssue(issue: { code: string; message: string; expected?: unknown; keys?: string[] }): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? '应为数字或 null' : `类型不符（应为 ${String(issue.expected)}）`;
    case 'unrecognized_keys':
      return `含有格式之外的键：${(issue.keys ?? []).join('、')}`;
    case 'invalid_value':
    case 'invalid_union':
      return '取值不在允许范围内（format 须为 "2021" 或 "2019"，schema 须为 "gongkai.report/1"）';
    default:
      return issue.message;
  }
}
