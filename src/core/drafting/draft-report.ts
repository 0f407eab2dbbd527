/**
 * Drafts an agency's annual report (issue 9 item 1) from figures computed elsewhere — tables 2, 3 and 4, the
 * counts of items published per catalogue, the 信息处理费 collected — as a complete `gongkai.report/1` Report in the
 * 2021 format (国办公开办函〔2021〕30号). Sections 一 to 六 are prefilled with text that STATES the figures, in the
 * sentences the core checker reads (check-text.ts), so a draft agrees with its own tables by construction: the
 * applications received, 复议/诉讼 "未发生" or their numbers, enumerations whose parts add up, the fee statement
 * of section 六 (国办函〔2020〕109号) and the rectification paragraph of section 五. Staff edit the text afterwards;
 * `notes` says which paragraphs are general wording to adapt.
 *
 * Pure: the 落款 date is passed in, nothing is read from a clock.
 */
import { crossYearFindings } from '../check/compare-reports.ts';
import { AppError } from '../platform/app-error.ts';
import { T3_COLUMNS, t2Cells } from '../report/layout.ts';
import { emptyReport } from '../report/empty-report.ts';
import { getCell } from '../report/cell-path.ts';
import type { Report, Report2021, T3Row, T4Row } from '../report/report-schema.ts';
import { describeCell } from '../supervision/describe-cell.ts';

export interface PublishedCount {
  /** The catalogue (栏目) of the 公开目录, e.g. 工作动态, 政策文件. */
  catalogue: string;
  count: number;
}

export interface DraftInput {
  agency: string;
  year: number;
  /** 落款 date (ISO YYYY-MM-DD). */
  dated: string;
  t2: Report2021['t2'];
  t3: Report2021['t3'];
  t4: Report['t4'];
  /** Items published proactively this year, per catalogue. */
  published?: readonly PublishedCount[];
  /** 信息处理费 collected this year (元) and how many applications paid it. */
  fees?: { yuan: number; applications: number };
  /** Last year's report, for the cross-year checks and the wording of section 五. */
  previous?: Report | null;
  /** 各级人民政府 also report 工作考核、社会评议和责任追究结果情况 in section 一 (annual-report.md §1). */
  isGovernment?: boolean;
  /** 人大代表建议 and 政协委员提案 handled this year, reported in section 六 when given. */
  proposals?: { npc: number; cppcc: number };
}

export interface Draft {
  report: Report2021;
  /** What staff should look at before submitting, in Chinese. */
  notes: string[];
}

const PENDING = '【待填】';

const num = (v: number | null): string => (v === null ? PENDING : String(v));

function sumOf(values: (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

function check(input: DraftInput): void {
  const fields: Record<string, string> = {};
  if (!Number.isInteger(input.year) || input.year < 2021 || input.year > 2100) {
    fields['year'] =
      '年度须为2021年及以后：2021年以前的报告使用2019年试行格式（国办公开办函〔2019〕60号），系统不起草该格式的报告';
  }
  if (input.agency.trim() === '') fields['agency'] = '机关名称不能为空';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dated) || Number.isNaN(Date.parse(`${input.dated}T00:00:00Z`))) {
    fields['dated'] = `落款日期须为 YYYY-MM-DD：${input.dated}`;
  }
  for (const p of input.published ?? []) {
    if (!Number.isInteger(p.count) || p.count < 0) fields['published'] = `栏目“${p.catalogue}”的条数须为非负整数`;
  }
  if (
    input.fees &&
    (!(input.fees.yuan >= 0) || !Number.isInteger(input.fees.applications) || input.fees.applications < 0)
  ) {
    fields['fees'] = '信息处理费金额须为非负数，件数须为非负整数';
  }
  const entries = Object.entries(fields);
  if (entries.length > 0) {
    throw new AppError('VALIDATION', `不能起草年度报告：${entries.map(([, m]) => m).join('；')}`, fields);
  }
}

/** A catalogue name inside an enumeration: the separators of the sentence cannot be part of it. */
function catalogueName(name: string): string {
  return (
    name
      .replace(/[、，,；;：:。\s]/g, '')
      .replace(/\d+$/, '')
      .slice(0, 20) || '其他'
  );
}

function sectionOne(input: DraftInput): string {
  const { year, agency, t3 } = input;
  const lines = [
    `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求，坚持以公开为常态、不公开为例外，依法保障人民群众的知情权、参与权、表达权和监督权。现将本年度政府信息公开工作情况报告如下。`,
  ];
  const published = (input.published ?? []).filter((p) => p.count > 0);
  const total = published.reduce((s, p) => s + p.count, 0);
  if (published.length > 1) {
    lines.push(
      `（一）主动公开。本年度在政府信息公开平台主动公开政府信息共计${total}条，其中：${published
        .map((p) => `${catalogueName(p.catalogue)}${p.count}条`)
        .join('、')}。`,
    );
  } else if (published.length === 1) {
    lines.push(
      `（一）主动公开。本年度在政府信息公开平台主动公开政府信息${total}条（${catalogueName(published[0]!.catalogue)}）。`,
    );
  } else {
    lines.push('（一）主动公开。本年度按照条例第十九条、第二十条的规定做好主动公开工作，具体情况见本报告第二部分。');
  }
  lines.push(
    `（二）依申请公开。本年度共收到政府信息公开申请${num(t3.new.total)}件，上年结转${num(t3.carriedOver.total)}件；办结${num(t3.total.total)}件，结转下年度继续办理${num(t3.carryForward.total)}件。`,
    '（三）政府信息管理。严格落实政府信息公开保密审查制度，坚持“先审查、后公开”，做好政府信息的动态调整，及时清理和更新政策文件。',
    '（四）政府信息公开平台建设。依托政府门户网站政府信息公开专栏，及时更新政府信息公开指南和公开目录，加强政务新媒体的内容管理。',
    '（五）监督保障。明确分管领导和工作人员，将政府信息公开工作纳入年度工作安排，组织开展业务培训，主动接受社会监督。',
  );
  if (input.isGovernment) {
    lines.push(
      '（六）工作考核、社会评议和责任追究结果情况。本年度将政务公开工作纳入对所属部门的绩效考核，通过政府网站接受社会评议。',
    );
  }
  return lines.join('\n');
}

function sectionTwo(t2: Report2021['t2']): string {
  const { regulations: r, normativeDocs: d } = t2;
  const fee = t2.fees10kYuan === 0 ? '本年度未收取行政事业性收费' : `行政事业性收费金额为${num(t2.fees10kYuan)}万元`;
  return (
    `本年度制发规章${num(r.issued)}件、废止${num(r.repealed)}件，现行有效${num(r.inForce)}件；` +
    `制发行政规范性文件${num(d.issued)}件、废止${num(d.repealed)}件，现行有效${num(d.inForce)}件；` +
    `作出行政许可决定${num(t2.licensing)}件、行政处罚决定${num(t2.punishment)}件、行政强制决定${num(t2.enforcement)}件；${fee}。`
  );
}

function sectionThree(t3: Report2021['t3']): string {
  const column = (row: T3Row, cols: readonly (keyof T3Row)[]) => sumOf(cols.map((c) => row[c]));
  const organisations = column(t3.new, ['commercial', 'research', 'social', 'legal', 'other']);
  const outcome = (keys: (keyof Report2021['t3'])[]) => sumOf(keys.map((k) => t3[k].total));
  const parts: [string, number | null][] = [
    ['予以公开', t3.granted.total],
    ['部分公开', t3.partial.total],
    ['不予公开', outcome(['denied1', 'denied2', 'denied3', 'denied4', 'denied5', 'denied6', 'denied7', 'denied8'])],
    ['无法提供', outcome(['unable1', 'unable2', 'unable3'])],
    ['不予处理', outcome(['notProcessed1', 'notProcessed2', 'notProcessed3', 'notProcessed4', 'notProcessed5'])],
    ['其他处理', outcome(['other1', 'other2', 'other3'])],
  ];
  return [
    `本年度新收政府信息公开申请${num(t3.new.total)}件（其中自然人${num(t3.new.natural)}件，法人或其他组织${num(organisations)}件），上年结转${num(t3.carriedOver.total)}件。`,
    `本年度办理结果共计${num(t3.total.total)}件，其中：${parts.map(([label, v]) => `${label}${num(v)}件`).join('，')}；结转下年度继续办理${num(t3.carryForward.total)}件。`,
  ].join('\n');
}

function sectionFour(t4: Report['t4']): string {
  const suits = sumOf([t4.suitDirect.total, t4.suitAfterReview.total]);
  const review = t4.review;
  const groupText = (g: T4Row) =>
    `结果维持${num(g.upheld)}件、结果纠正${num(g.corrected)}件、其他结果${num(g.other)}件、尚未审结${num(g.pending)}件`;
  if (review.total === 0 && suits === 0) return '本年度未发生政府信息公开行政复议、行政诉讼案件。';
  const reviewText =
    review.total === 0
      ? '本年度未发生政府信息公开行政复议案件'
      : `本年度因政府信息公开被申请行政复议共${num(review.total)}件，其中：${groupText(review)}`;
  const suitText =
    suits === 0
      ? '本年度未发生政府信息公开行政诉讼案件'
      : `被提起行政诉讼${num(suits)}件（未经复议直接起诉${num(t4.suitDirect.total)}件，其中${groupText(t4.suitDirect)}；复议后起诉${num(t4.suitAfterReview.total)}件，其中${groupText(t4.suitAfterReview)}）`;
  return `${reviewText}；${suitText}。`;
}

function sectionFive(year: number, previous: Report | null | undefined): string {
  const last = previous?.year ?? year - 1;
  return [
    '（一）存在的主要问题',
    '一是主动公开的深度和广度还需拓展，政策解读的形式还不够丰富；二是依申请公开办理的规范化水平有待进一步提高；三是工作人员的业务能力有待进一步提升。',
    `（二）上年度问题整改情况`,
    `针对${last}年度报告中提出的问题，本机关逐项制定整改措施：健全信息发布审核机制，严格落实保密审查和“三审三校”制度；规范依申请公开答复文书；组织开展业务培训。相关整改措施已落实。`,
    '（三）下一步工作打算',
    '围绕群众关切加大政策解读和回应力度，严格执行依申请公开的法定程序和期限，加强工作人员培训，持续提升政府信息公开工作质量。',
  ].join('\n');
}

function sectionSix(input: DraftInput): string {
  const lines: string[] = [];
  const fees = input.fees;
  if (fees === undefined || fees.yuan === 0) {
    lines.push('本年度未收取信息处理费。');
  } else {
    lines.push(
      `本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费${fees.yuan}元，涉及政府信息公开申请${fees.applications}件。`,
    );
  }
  if (input.proposals) {
    lines.push(
      `本年度办理人大代表建议${input.proposals.npc}件、政协委员提案${input.proposals.cppcc}件，办理结果已按规定公开。`,
    );
  }
  lines.push('无其他需要报告的事项。');
  return lines.join('\n');
}

export function draftReport(input: DraftInput): Draft {
  check(input);
  const report = emptyReport('2021') as Report2021;
  report.year = input.year;
  report.agency = input.agency.trim();
  report.title = `${report.agency}${input.year}年政府信息公开工作年度报告`;
  report.dated = input.dated;
  report.publishedAt = null;
  // Deep copies: the draft is edited later and must not alias the figures it was made from.
  report.t2 = structuredClone(input.t2);
  report.t3 = structuredClone(input.t3);
  report.t4 = structuredClone(input.t4);
  report.sections = {
    '1': sectionOne({ ...input, agency: report.agency }),
    '2': sectionTwo(report.t2),
    '3': sectionThree(report.t3),
    '4': sectionFour(report.t4),
    '5': sectionFive(input.year, input.previous),
    '6': sectionSix(input),
  };
  return { report, notes: notesFor(report, input) };
}

function notesFor(report: Report2021, input: DraftInput): string[] {
  const notes = [
    '“一、总体情况”第（三）至（五）项和“五、存在的主要问题及改进情况”为通用表述，请按本机关实际情况修改。',
  ];
  if (input.isGovernment) notes.push('请在“一、总体情况”中补充本年度责任追究结果情况。');
  const blanks = [
    ...t2Cells('2021').map((c) => c.path),
    ...Object.keys(report.t3).flatMap((row) => T3_COLUMNS.map((c) => `t3.${row}.${c}`)),
    ...['review', 'suitDirect', 'suitAfterReview'].flatMap((g) =>
      ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `t4.${g}.${c}`),
    ),
  ].filter((path) => getCell(report, path) === null);
  if (blanks.length > 0) {
    notes.push(
      `以下${blanks.length}个单元格尚无数据，正文中相应位置为“${PENDING}”：${blanks
        .slice(0, 10)
        .map((p) => describeCell(p, '2021'))
        .join('、')}${blanks.length > 10 ? '等' : ''}`,
    );
  }
  if (input.previous) {
    for (const finding of crossYearFindings(input.previous, report)) notes.push(finding.message);
  } else {
    notes.push('未提供上一年度报告，无法核对“上年结转”和“现行有效件数”的跨年衔接。');
  }
  return notes;
}
