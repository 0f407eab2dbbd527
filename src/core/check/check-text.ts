/**
 * X3: numbers and claims in the narrative must agree with the tables — applications received, 行政复议/诉讼
 * "未发生", 行政事业性收费 "未收取" — and an enumeration whose parts must add up to the total it states.
 * Also the fee statement section 六 must carry (国办函〔2020〕109号: fees collected are reported there).
 */
import type { Report } from '../report/report-schema.ts';
import type { Finding, SourceLocation } from './finding.ts';

type Locate = (path: string) => SourceLocation | undefined;

const NUM = '(\\d+)';
const UNIT = '(?:件|份|个|条|宗|次)';

function narrative(report: Report): string {
  return ['1', '3', '4', '6']
    .map((s) => report.sections[s as '1'])
    .join('\n')
    .normalize('NFKC');
}

/** "共收到政府信息公开申请8件" / "共接到8份依申请公开信息的申请" / "收到依申请公开0件". */
export function claimedApplications(text: string): { count: number; natural: boolean; quote: string }[] {
  const claims: { count: number; natural: boolean; quote: string }[] = [];
  const patterns = [
    new RegExp(`(?:收到|接到|受理|新收)[^。；;，,\\d]{0,20}?申请[^。；;，,\\d]{0,8}?${NUM}\\s*${UNIT}`, 'g'),
    new RegExp(`(?:收到|接到|受理|新收)\\s*${NUM}\\s*${UNIT}[^。；;，,\\d]{0,12}?申请`, 'g'),
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      if (/余|多/.test(m[0])) continue;
      const before = text.slice(Math.max(0, (m.index ?? 0) - 6), m.index);
      if (/结转|上年/.test(before + m[0])) continue;
      claims.push({ count: Number(m[1]), natural: /公民|个人|自然人/.test(m[0]), quote: m[0] });
    }
  }
  for (const m of text.matchAll(/(?:尚未|未|没有)(?:收到|接到|受理)[^。；;，,]{0,30}?申请[^。；;，,]{0,6}/g)) {
    claims.push({ count: 0, natural: /公民|个人|自然人/.test(m[0]), quote: m[0] });
  }
  return claims;
}

function checkApplications(report: Report, text: string, locate: Locate): Finding[] {
  const findings: Finding[] = [];
  const t3 = report.t3.new;
  for (const claim of claimedApplications(text)) {
    const path = claim.natural ? 't3.new.natural' : 't3.new.total';
    const table = claim.natural ? t3.natural : t3.total;
    if (table === null || table === claim.count) continue;
    findings.push({
      code: 'TEXT_TABLE_MISMATCH',
      level: 'warning',
      message: `正文称“${claim.quote}”（${claim.count}件），但表三${claim.natural ? '“自然人”列' : ''}本年新收申请为${table}件`,
      cells: [path],
      source: locate(path),
    });
  }
  return findings;
}

function checkReviewClaims(report: Report, text: string, locate: Locate): Finding[] {
  const findings: Finding[] = [];
  const t4 = report.t4;
  for (const m of text.matchAll(
    /(?:未|没有|无)(?:发生|出现|产生|收到)?[^。；;，,]{0,12}?(行政复议|行政诉讼)(?:[、和及与]?(行政复议|行政诉讼))?/g,
  )) {
    const kinds = new Set([m[1], m[2]].filter(Boolean));
    const checks: { path: string; value: number | null; label: string }[] = [];
    if (kinds.has('行政复议')) checks.push({ path: 't4.review.total', value: t4.review.total, label: '行政复议总计' });
    if (kinds.has('行政诉讼')) {
      checks.push({ path: 't4.suitDirect.total', value: t4.suitDirect.total, label: '未经复议直接起诉总计' });
      checks.push({ path: 't4.suitAfterReview.total', value: t4.suitAfterReview.total, label: '复议后起诉总计' });
    }
    const contradicted = checks.filter((c) => c.value !== null && c.value > 0);
    if (contradicted.length === 0) continue;
    findings.push({
      code: 'TEXT_TABLE_MISMATCH',
      level: 'warning',
      message: `正文称“${m[0]}”，但表四${contradicted.map((c) => `${c.label}为${c.value}`).join('、')}`,
      cells: contradicted.map((c) => c.path),
      source: locate(contradicted[0]!.path),
    });
  }
  return findings;
}

function checkFeeClaims(report: Report, text: string, locate: Locate): Finding[] {
  if (report.format !== '2021') return [];
  const fee = report.t2.fees10kYuan;
  if (fee === null || fee === 0) return [];
  const m = /(?:未|没有|无)(?:收取|产生)[^。；;，,]{0,8}行政事业性收费/.exec(text);
  if (!m) return [];
  return [
    {
      code: 'TEXT_TABLE_MISMATCH',
      level: 'warning',
      message: `正文称“${m[0]}”，但表二行政事业性收费本年收费金额为${fee}万元`,
      cells: ['t2.fees10kYuan'],
      source: locate('t2.fees10kYuan'),
    },
  ];
}

/**
 * "共计99条,包括:工作动态33条,公示公告12条,…" — the parts must add up to the total. With 其中 the parts are a
 * subset, so only a sum above the total is wrong. Approximate figures (110余条) are not checked.
 */
export function checkEnumerations(text: string): (Finding & { quote?: string })[] {
  const findings: (Finding & { quote?: string })[] = [];
  const head =
    /(?:共计|合计|总计|累计|共)\s*(\d+)\s*(条|篇|件|个|份|次|项|场|期|人次)(?!余|多)\s*[,，:：]?\s*(包括|其中|分别为|分别是|具体为)\s*[:：]?/g;
  for (const m of text.matchAll(head)) {
    const total = Number(m[1]);
    const unit = m[2]!;
    const keyword = m[3]!;
    const start = (m.index ?? 0) + m[0].length;
    const rest = text.slice(start);
    const end = rest.search(/[。；;\n]/);
    const list = end < 0 ? rest : rest.slice(0, end);
    const partRe = new RegExp(`([^、，,；;：:\\d]{1,20}?)\\s*(\\d+)\\s*(余|多)?\\s*${unit}`, 'g');
    const parts = [...list.matchAll(partRe)];
    if (parts.length < 2 || parts.some((p) => p[3])) continue;
    const partSum = parts.reduce((s, p) => s + Number(p[2]), 0);
    const mustEqual = keyword !== '其中';
    if (mustEqual ? partSum === total : partSum <= total) continue;
    findings.push({
      code: 'ENUMERATION_SUM',
      level: 'warning',
      message: `正文列举的分项之和与所称总数不符：称共${total}${unit}，${keyword}${parts.length}项之和为${partSum}${unit}（${parts
        .map((p) => `${p[1]!.trim()}${p[2]}`)
        .join('+')}=${partSum}），相差${total - partSum}${unit}`,
      quote: m[0],
    });
  }
  return findings;
}

/** Section 六 must say what 信息处理费 was collected (国办函〔2020〕109号), even if none. */
function checkFeeStatement(report: Report, source: SourceLocation | undefined): Finding[] {
  if (/信息处理费|处理费|收费|收取.{0,6}费/.test(report.sections['6'])) return [];
  const quoted = report.sections['6'].trim();
  return [
    {
      code: 'FEE_STATEMENT_MISSING',
      level: 'warning',
      message: `“六、其他需要报告的事项”未说明信息处理费的收取情况（国办函〔2020〕109号要求在年度报告中报告）${quoted ? `，该部分仅有“${quoted.slice(0, 30)}”` : '，该部分为空'}`,
      source,
    },
  ];
}

/**
 * Section 五 reports the main problems AND how last year's problems were rectified (annual-report.md §1);
 * plans for next year alone (下一步, 改进措施) do not say what was done.
 */
function checkImprovementReport(report: Report, source: SourceLocation | undefined): Finding[] {
  const text = report.sections['5'];
  if (text.trim() === '') return [];
  if (/上年|上一年|去年|前一年|改进情况|整改情况|已整改|整改落实|已完成整改/.test(text)) return [];
  return [
    {
      code: 'IMPROVEMENT_MISSING',
      level: 'warning',
      message: '“五、存在的主要问题及改进情况”只写了问题和下一步打算，未报告上一年度问题的整改情况',
      source,
    },
  ];
}

/** Where a quoted piece of narrative stands in the input, when the reader knows. */
export type LocateText = (quote: string) => SourceLocation | undefined;

export function checkText(
  report: Report,
  locate: Locate,
  locateText: LocateText = () => undefined,
  sectionSix?: SourceLocation,
  sectionFive?: SourceLocation,
): Finding[] {
  const text = narrative(report);
  const enumerations = ['1', '2', '3', '4', '5', '6'].flatMap((s) =>
    checkEnumerations(report.sections[s as '1'].normalize('NFKC')).map((f) => ({
      ...f,
      source: f.source ?? locateText(f.quote ?? ''),
    })),
  );
  return [
    ...checkApplications(report, text, locate),
    ...checkReviewClaims(report, text, locate),
    ...checkFeeClaims(report, text, locate),
    ...enumerations.map(({ quote: _quote, ...finding }) => finding),
    ...checkFeeStatement(report, sectionSix),
    ...checkImprovementReport(report, sectionFive),
  ];
}
