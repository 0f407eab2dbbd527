/**
 * Title, 落款 date, publication deadline and template version.
 * 条例第四十九条: 县级以上人民政府部门 publish by 1月31日, 县级以上地方人民政府 by 3月31日; townships and 街道
 * follow local rules — so the deadline is a parameter (default 1月31日 of the following year).
 */
import type { Report } from '../report/report-schema.ts';
import type { Finding, SourceLocation } from './finding.ts';

export interface Deadline {
  month: number;
  day: number;
}
export const DEFAULT_DEADLINE: Deadline = { month: 1, day: 31 };

export interface FrontMatterSources {
  title?: SourceLocation;
  dated?: SourceLocation;
  published?: SourceLocation;
  /** The printed 落款 date that could not be read; DATE_MISSING is then reported by the reader. */
  unreadableDate?: string | null;
}

export function checkFrontMatter(report: Report, deadline: Deadline, sources: FrontMatterSources = {}): Finding[] {
  const findings: Finding[] = [];
  if (report.format === '2019' && report.year !== null && report.year >= 2021) {
    findings.push({
      code: 'OLD_FORMAT',
      level: 'error',
      message: `${report.year}年度报告仍使用2019年试行格式（国办公开办函〔2019〕60号），应使用国办公开办函〔2021〕30号规定的格式`,
    });
  }
  const title = report.title ?? '';
  const lacks: string[] = [];
  if (!/\d{4}\s*年/.test(title)) lacks.push('年度');
  // The words 政府信息公开 themselves contain 政府; only what precedes them can name the agency.
  const beforeYear = (title.split(/\d{4}\s*年/)[0] ?? '').replace(/政府信息公开.*$/, '');
  if (!/(办事处|政府|办公室|局|委员会|委|街道|镇|乡|中心|厅|署|院|处)/.test(beforeYear)) lacks.push('机关名称');
  if (report.title === null) {
    findings.push({ code: 'TITLE_INCOMPLETE', level: 'warning', message: '未找到报告标题' });
  } else if (lacks.length > 0) {
    findings.push({
      code: 'TITLE_INCOMPLETE',
      level: 'warning',
      message: `标题“${title}”缺少${lacks.join('和')}，应为“××${report.agency ? `（${report.agency}）` : ''}${report.year ?? '××××'}年政府信息公开工作年度报告”`,
      source: sources.title,
    });
  }
  if (report.dated === null && !sources.unreadableDate) {
    findings.push({ code: 'DATE_MISSING', level: 'warning', message: '报告没有落款日期' });
  }
  if (report.year !== null) {
    const due = `${report.year + 1}-${String(deadline.month).padStart(2, '0')}-${String(deadline.day).padStart(2, '0')}`;
    const published = report.publishedAt?.slice(0, 10) ?? null;
    const late: string[] = [];
    if (report.dated !== null && report.dated > due) late.push(`落款日期${report.dated}`);
    if (published !== null && published > due) late.push(`网页发布时间${published}`);
    if (late.length > 0) {
      findings.push({
        code: 'LATE_PUBLICATION',
        level: 'warning',
        message: `${late.join('、')}晚于公布期限${due}（条例第四十九条；本机关期限为每年${deadline.month}月${deadline.day}日）`,
        source: sources.published ?? sources.dated,
      });
    }
  }
  return findings;
}
