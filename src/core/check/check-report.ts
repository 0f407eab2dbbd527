/**
 * Every check on a report: identities I1–I5, front matter, text↔table (X3), and — given last year's
 * report — the cross-year identities X1/X2. Works on the JSON alone; a ReadContext from the reader adds
 * source locations.
 */
import type { Report } from '../report/report-schema.ts';
import type { ReadContext } from '../read/interpret-document.ts';
import { SECTION_TITLES } from '../report/layout.ts';
import { checkFrontMatter, DEFAULT_DEADLINE, type Deadline } from './check-front-matter.ts';
import { checkIdentities } from './check-identities.ts';
import { checkText } from './check-text.ts';
import { crossYearFindings } from './compare-reports.ts';
import type { Finding } from './finding.ts';

export interface CheckOptions {
  previous?: Report;
  deadline?: Deadline;
  context?: ReadContext;
}

export function checkReport(report: Report, options: CheckOptions = {}): Finding[] {
  const context = options.context;
  const locate = (path: string) => context?.sources.get(path);
  const locateText = (quote: string) => context?.locateText(quote);
  const findings: Finding[] = [
    ...checkIdentities(report, locate),
    ...checkFrontMatter(report, options.deadline ?? DEFAULT_DEADLINE, {
      title: context?.title.source,
      dated: context?.signature.source,
      published: context?.publishedSource,
      unreadableDate: context?.signature.unreadableDate,
    }),
    ...checkText(
      report,
      locate,
      locateText,
      context?.sections.headings['6']?.source,
      context?.sections.headings['5']?.source,
    ),
  ];
  if (!context) {
    const empty = (['1', '5', '6'] as const).filter((s) => report.sections[s].trim() === '');
    if (empty.length > 0) {
      findings.push({
        code: 'SECTION_MISSING',
        level: 'error',
        message: `缺少法定内容（条例第五十条）：${empty.map((s) => `“${SECTION_TITLES[s]}”`).join('、')}为空`,
      });
    }
  }
  if (options.previous) findings.push(...crossYearFindings(options.previous, report, locate));
  return findings;
}
