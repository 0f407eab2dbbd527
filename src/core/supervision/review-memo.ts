/**
 * 审核意见: what a supervising office (区政府办) sends back to an agency about its annual report, composed from the
 * report and the checker's findings. Problems are numbered and grouped by part of the report (format and 落款,
 * structure, 表二, 表三, 表四, cross-year, narrative); each names the cells with their printed values and says what to
 * correct. Uncertainties of reading are not problems of the agency: they are listed apart as 需人工核对.
 *
 * The result is an OfficialDocument, so the notice writers print it as DOCX and PDF in the 公文 layout.
 */
import { describeSource } from '../check/describe-source.ts';
import type { FindingCode, FindingLevel } from '../check/finding.ts';
import {
  chineseNumeral,
  formatDocumentDate,
  type DateStyle,
  type DocumentParagraph,
  type OfficialDocument,
} from '../notices/official-document.ts';
import { AppError } from '../platform/app-error.ts';
import { getCell } from '../report/cell-path.ts';
import type { Report } from '../report/report-schema.ts';
import { describeCell } from './describe-cell.ts';
import { findingCategory, type CategorisedFinding } from './finding-category.ts';

export interface ReviewMemoInput {
  report: Report;
  findings: readonly CategorisedFinding[];
  /** The supervising office that signs the memo, e.g. 无锡市滨湖区人民政府办公室. */
  reviewer: string;
  /** The memo's date (ISO YYYY-MM-DD), passed in: the core never reads a clock. */
  date: string;
  /** Date by which the agency corrects and resubmits (ISO); required when there are problems. */
  deadline?: string;
  docNumber?: string | null;
  contact?: { person?: string; phone?: string };
  /** The uploaded file the report was read from, named in the opening paragraph. */
  sourceName?: string;
  dateStyle?: DateStyle;
}

export interface MemoCell {
  path: string;
  label: string;
  value: number | string | null;
}

export interface MemoItem {
  code: FindingCode;
  level: FindingLevel;
  /** The finding's own sentence, with where it stands in the input when known. */
  problem: string;
  cells: MemoCell[];
  /** What the agency is to do. */
  correction: string;
}

export type MemoGroupKey = 'format' | 'structure' | 't2' | 't3' | 't4' | 'crossYear' | 'text' | 'other';

export interface MemoGroup {
  key: MemoGroupKey;
  heading: string;
  items: MemoItem[];
}

export interface ReviewMemo extends OfficialDocument {
  /** returned: there are problems to correct; cleared: none (uncertainties alone do not hold a report back). */
  verdict: 'returned' | 'cleared';
  groups: MemoGroup[];
  uncertain: MemoItem[];
}

const GROUP_HEADINGS: Record<MemoGroupKey, string> = {
  format: '报告格式、标题和落款',
  structure: '报告结构',
  t2: '表二“主动公开政府信息情况”',
  t3: '表三“收到和处理政府信息公开申请情况”',
  t4: '表四“政府信息公开行政复议、行政诉讼情况”',
  crossYear: '与上一年度报告的衔接',
  text: '正文内容',
  other: '其他问题',
};
const GROUP_ORDER: MemoGroupKey[] = ['format', 'structure', 't2', 't3', 't4', 'crossYear', 'text', 'other'];

const GROUP_OF_CODE: Partial<Record<FindingCode, MemoGroupKey>> = {
  OLD_FORMAT: 'format',
  TITLE_INCOMPLETE: 'format',
  DATE_MISSING: 'format',
  SIGNATURE_MISSING: 'format',
  LATE_PUBLICATION: 'format',
  SECTION_MISSING: 'structure',
  SECTION_ORDER: 'structure',
  CARRY_OVER_MISMATCH: 'crossYear',
  STOCK_FLOW_MISMATCH: 'crossYear',
  TEXT_TABLE_MISMATCH: 'text',
  ENUMERATION_SUM: 'text',
  FEE_STATEMENT_MISSING: 'text',
  IMPROVEMENT_MISSING: 'text',
};

/** What the agency is to do, per finding code. A code added later falls back to a general sentence. */
const CORRECTIONS: Partial<Record<FindingCode, string>> = {
  T3_I1: '请核实该列数据，使“本年新收＋上年结转＝办理结果总计＋结转下年度继续办理”',
  T3_I2: '请核实各项办理结果，使（一）至（六）各项之和等于（七）总计；区分处理的申请只计入“部分公开”',
  T3_I3: '请核实该行数据，使“总计”等于自然人与各类法人或其他组织之和',
  T4_I4: '请核实该组数据，使结果维持、结果纠正、其他结果、尚未审结之和等于总计',
  NEGATIVE_OR_FRACTION: '件数应为非负整数，金额不得为负，请更正',
  BLANK_CELL: '请补填空白单元格，没有发生的事项填“0”，不得空白',
  TABLE_MISSING: '请按国办公开办函〔2021〕30号规定的格式补充该表格',
  COLUMN_MISSING: '请按规定格式补齐表格各列，每行的数值个数应与表头一致',
  ROW_MISSING: '请按规定格式补齐表格各行，不得删减',
  HEADER_MISSING: '请按规定格式补全表头',
  HEADER_TRUNCATED: '请核对原表表头是否完整',
  ROW_SHIFTED: '请核对原表各行数据是否与表头对齐',
  OLD_FORMAT: '请按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）重新编制',
  SECTION_MISSING: '请按条例第五十条补齐缺少的部分',
  SECTION_ORDER: '请按规定的六个部分顺序编排，正文小标题不要沿用部分的编号',
  TITLE_INCOMPLETE: '标题应为“机关名称＋年度＋政府信息公开工作年度报告”',
  DATE_MISSING: '请在落款处写明成文日期',
  SIGNATURE_MISSING: '请在文末写明发布机关名称和成文日期',
  LATE_PUBLICATION: '请说明逾期原因，今后在条例第四十九条规定的期限内发布',
  TEXT_TABLE_MISMATCH: '请核实正文表述和表格数据，使二者一致',
  ENUMERATION_SUM: '请核实正文中的分项数字和总数，使分项之和等于总数',
  FEE_STATEMENT_MISSING:
    '请在“六、其他需要报告的事项”中说明本年度信息处理费的收取情况，未收取的写明“未收取信息处理费”（国办函〔2020〕109号）',
  IMPROVEMENT_MISSING: '请在“五、存在的主要问题及改进情况”中补充上一年度问题的整改情况',
  CARRY_OVER_MISMATCH: '请与上一年度报告核对，使本年“上年结转”等于上年“结转下年度继续办理”；确需调整的，请在正文中说明',
  STOCK_FLOW_MISMATCH: '请核实现行有效件数，使其等于上年现行有效件数加本年制发件数减本年废止件数',
};

/** Cells are listed with their values up to one row of table 3; an identity over a whole column is only counted. */
const MAX_LISTED_CELLS = 7;

function groupOf(finding: CategorisedFinding): MemoGroupKey {
  const byCode = GROUP_OF_CODE[finding.code];
  if (byCode) return byCode;
  const table = /^(t[234])\./.exec(finding.cells?.[0] ?? '')?.[1] ?? /^表([二三四])/.exec(finding.message)?.[1];
  if (table === 't2' || table === '二') return 't2';
  if (table === 't3' || table === '三') return 't3';
  if (table === 't4' || table === '四') return 't4';
  return 'other';
}

function itemOf(finding: CategorisedFinding, report: Report): MemoItem {
  const where = describeSource(finding.source);
  const message = finding.message.replace(/[。；\s]+$/u, '');
  const cells = (finding.cells ?? []).map((path) => ({
    path,
    label: describeCell(path, report.format),
    value: getCell(report, path) ?? null,
  }));
  return {
    code: finding.code,
    level: finding.level,
    // The reader's own messages often name the line already; the place is added only when they do not.
    problem: `${message}${where && !message.includes(where) ? `（原文${where}）` : ''}`,
    cells,
    correction: CORRECTIONS[finding.code] ?? '请核实并更正',
  };
}

function cellText(cells: MemoCell[]): string {
  if (cells.length === 0) return '';
  if (cells.length > MAX_LISTED_CELLS) return `涉及${cells.length}个单元格。`;
  const shown = cells.map((c) => `${c.label}（${c.value === null ? '空白' : String(c.value)}）`);
  return `涉及单元格：${shown.join('、')}。`;
}

function itemParagraph(n: number, item: MemoItem): DocumentParagraph {
  return { text: `${n}.${item.problem}。${cellText(item.cells)}${item.correction}。`, style: 'body' };
}

function isoDate(value: string, field: 'date' | 'deadline', style: DateStyle): string {
  const printed = formatDocumentDate(value, style);
  if (printed === null) {
    const message = `${field === 'date' ? '审核意见日期' : '整改期限'}不是有效日期（应为 YYYY-MM-DD）：${value}`;
    throw new AppError('VALIDATION', message, { [field]: message });
  }
  return printed;
}

export function composeReviewMemo(input: ReviewMemoInput): ReviewMemo {
  const { report } = input;
  const style = input.dateStyle ?? 'arabic';
  const date = isoDate(input.date, 'date', style);

  const problems = input.findings.filter((f) => findingCategory(f) === 'problem');
  const uncertain = input.findings.filter((f) => findingCategory(f) === 'uncertain').map((f) => itemOf(f, report));
  const groups: MemoGroup[] = GROUP_ORDER.map((key) => ({
    key,
    heading: GROUP_HEADINGS[key],
    items: problems.filter((f) => groupOf(f) === key).map((f) => itemOf(f, report)),
  })).filter((g) => g.items.length > 0);
  const problemCount = groups.reduce((s, g) => s + g.items.length, 0);
  if (problemCount > 0 && input.deadline === undefined) {
    throw new AppError('VALIDATION', '有需要整改的问题时须给出整改期限', { deadline: '请填写整改期限' });
  }

  const reportName = reportNameOf(report);
  const paragraphs: DocumentParagraph[] = [];
  const received = `你单位${input.sourceName ? `报送的《${reportName}》（${input.sourceName}）` : `的《${reportName}》`}已收悉。`;
  // Reports for 2019 and 2020 were due in the trial format; from 2021 the format of 国办公开办函〔2021〕30号 applies.
  const format =
    report.format === '2019' && report.year !== null && report.year <= 2020
      ? '《政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）'
      : '《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）';
  const basis = `根据《中华人民共和国政府信息公开条例》第五十条和${format}的要求，我办对报告进行了审核`;
  if (problemCount > 0) {
    paragraphs.push({
      text: `${received}${basis}，发现以下${problemCount}个问题，现将审核意见反馈如下：`,
      style: 'body',
    });
  } else {
    paragraphs.push({
      text: `${received}${basis}，未发现表格勾稽关系、正文与表格一致性和格式方面需要整改的问题，审核通过。`,
      style: 'body',
    });
  }
  let heading = 0;
  for (const group of groups) {
    heading += 1;
    paragraphs.push({ text: `${chineseNumeral(heading)}、${group.heading}`, style: 'heading1' });
    group.items.forEach((item, i) => paragraphs.push(itemParagraph(i + 1, item)));
  }
  if (uncertain.length > 0) {
    heading += 1;
    paragraphs.push({ text: `${chineseNumeral(heading)}、需人工核对`, style: 'heading1' });
    paragraphs.push({
      text: `以下${uncertain.length}处是系统读取报告时无法完全确定的内容，不一定是报告本身的问题，请对照报告原文核对：`,
      style: 'body',
    });
    uncertain.forEach((item, i) => paragraphs.push(itemParagraph(i + 1, item)));
  }
  if (problemCount > 0 && input.deadline !== undefined) {
    const deadline = isoDate(input.deadline, 'deadline', style);
    paragraphs.push({
      text: `请你单位对照上述问题逐项核实整改，于${deadline}前将修改后的年度报告报送${input.reviewer}审核；报告已经发布的，应在本机关政府信息公开平台同步更正，并说明更正情况。`,
      style: 'body',
    });
  }
  const contact = [
    input.contact?.person ? `联系人：${input.contact.person}` : '',
    input.contact?.phone ? `联系电话：${input.contact.phone}` : '',
  ].filter((s) => s !== '');
  if (contact.length > 0) paragraphs.push({ text: `${contact.join('，')}。`, style: 'body' });

  return {
    title: `关于${reportName}的审核意见`,
    docNumber: input.docNumber ?? null,
    addressee: report.agency ? `${report.agency}：` : null,
    paragraphs,
    attachments: [],
    signature: { agency: input.reviewer, date, iso: input.date },
    subject: '政府信息公开工作年度报告审核意见',
    verdict: problemCount > 0 ? 'returned' : 'cleared',
    groups,
    uncertain,
  };
}

/** 荣巷街道办事处2025年政府信息公开工作年度报告, from agency and year, else the report's own title. */
function reportNameOf(report: Report): string {
  if (report.agency && report.year !== null) return `${report.agency}${report.year}年政府信息公开工作年度报告`;
  const title = report.title?.trim();
  if (title) return title.replace(/^《|》$/g, '');
  return `${report.agency ?? ''}${report.year === null ? '' : `${report.year}年`}政府信息公开工作年度报告`;
}
