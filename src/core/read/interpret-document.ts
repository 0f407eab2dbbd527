/**
 * Turns a ReportDocument (from any format reader) into the report JSON plus the findings of reading it:
 * structure (sections, tables, rows, columns, headers, blank cells) and the front matter (title, year,
 * agency, 落款 date, publication time). Deterministic and offline; where the document is damaged it says
 * where and how, and leaves cells null rather than guessing.
 */
import type { Finding, SourceLocation } from '../check/finding.ts';
import { SECTION_NUMBERS, SECTION_TITLES, type SectionNumber } from '../report/layout.ts';
import { emptyReport } from '../report/empty-report.ts';
import type { Report } from '../report/report-schema.ts';
import { detectFormat } from './detect-format.ts';
import { findSections, type SectionLayout } from './find-sections.ts';
import { normalizeLabel } from './normalize-label.ts';
import {
  isChromeLine,
  parsePublishedAt,
  readSignature,
  readTitle,
  type Signature,
  type TitleInfo,
} from './read-front-matter.ts';
import { readTable2, readTable3, readTable4, type CellSources } from './read-tables.ts';
import { describeSource } from '../check/describe-source.ts';
import type { DocBlock, InputKind, ReportDocument } from './report-document.ts';
import { tableTokens } from './table-tokens.ts';
import { ReadError } from './read-error.ts';
import { expandFieldSheet } from './expand-field-sheet.ts';
import { matchesSpec } from './read-labelled-rows.ts';
import { T2_BLOCKS, T3_ROWS } from '../report/layout.ts';
import { confirmOcrCells, recognisedAsReading } from './confirm-ocr-cells.ts';

/** What the reader saw beyond the JSON, for the checker's messages and locations. */
export interface ReadContext {
  kind: InputKind;
  sources: CellSources;
  sections: SectionLayout;
  signature: Signature;
  title: TitleInfo;
  publishedSource?: SourceLocation;
  /** Where a piece of running text stands in the input (first line block containing it). */
  locateText: (quote: string) => SourceLocation | undefined;
}

export interface Interpretation {
  report: Report;
  findings: Finding[];
  context: ReadContext;
}

function blockText(block: DocBlock): string {
  return block.kind === 'row' ? block.cells.map((c) => c.text).join(' ') : block.text;
}

function narrativeOf(blocks: DocBlock[], start: number, end: number): string {
  const lines: string[] = [];
  for (let i = start; i < end; i++) {
    const block = blocks[i];
    if (!block) continue;
    const text = blockText(block).trim();
    if (text === '' || (block.kind === 'line' && isChromeLine(text))) continue;
    lines.push(text);
  }
  return lines.join('\n');
}

function firstYear(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

export function interpretDocument(input: ReportDocument): Interpretation {
  const doc = input.kind === 'xlsx' ? expandFieldSheet(input) : input;
  const { blocks } = doc;
  const findings: Finding[] = [];
  const report = emptyReport(detectFormat(blocks));
  const sections = findSections(blocks);
  const title = readTitle(blocks, sections.bodyStart);
  const sixStart = sections.ranges['6']?.start ?? sections.ranges['5']?.end ?? blocks.length;
  const signature = readSignature(blocks, sixStart);

  let publishedSource: SourceLocation | undefined;
  for (const block of blocks) {
    if (block.kind !== 'line') continue;
    const at = parsePublishedAt(block.text);
    if (at) {
      report.publishedAt = at;
      publishedSource = block.source;
      break;
    }
  }

  report.title = title.title;
  report.agency = signature.agency ?? title.agency;
  report.dated = signature.dated;
  const preamble = narrativeOf(blocks, 0, sections.bodyStart).replace(title.title ?? '\u0000', '');
  report.year =
    title.year ??
    firstYear(preamble) ??
    firstYear(narrativeOf(blocks, sections.ranges['1']?.start ?? 0, sections.ranges['1']?.end ?? 0)) ??
    (report.dated ? Number(report.dated.slice(0, 4)) - 1 : null);

  const sources: CellSources = new Map();
  const ctx = { report, findings, sources, isTextGrid: doc.kind === 'text', fromLayout: doc.kind === 'pdf' };

  for (const section of SECTION_NUMBERS) {
    const range = sections.ranges[section];
    if (!range) continue;
    const end = section === '6' ? Math.min(range.end, signature.startIndex) : range.end;
    if (section === '1' || section === '5' || section === '6') {
      report.sections[section] = narrativeOf(blocks, range.start, end);
    }
  }

  const tableRange = (section: SectionNumber, fallbackLabel: (norm: string) => boolean) => {
    const range = sections.ranges[section];
    if (range) return range;
    // Heading missing: the table is wherever its labels are, between the neighbouring sections found.
    const start = blocks.findIndex((b) => fallbackLabel(normalizeLabel(blockText(b))));
    if (start < 0) return null;
    const nextHeading = SECTION_NUMBERS.map((s) => sections.headings[s]?.blockIndex ?? -1)
      .filter((i) => i > start)
      .sort((a, b) => a - b)[0];
    return { start, end: nextHeading ?? blocks.length };
  };

  const t2Specs = T2_BLOCKS[report.format].flatMap((b) => b.rows);
  const t3Specs = T3_ROWS[report.format];
  const isT2Label = (norm: string) => norm.length < 30 && t2Specs.some((s) => matchesSpec(norm, s));
  const isT3Label = (norm: string) => norm.length < 60 && t3Specs.some((s) => matchesSpec(norm, s));
  const isT4Label = (norm: string) => /行政复议|行政诉讼|结果维持/.test(norm) && norm.length < 20;

  const r2 = tableRange('2', (n) => /第二十条/.test(n));
  const t2 = r2 ? tableTokens(blocks, r2.start, r2.end, isT2Label) : { tokens: [], narrative: [] };
  report.sections['2'] = t2.narrative.join('\n');
  readTable2(ctx, t2.tokens);

  const r3 = tableRange('3', (n) => /本年新收/.test(n));
  const t3 = r3 ? tableTokens(blocks, r3.start, r3.end, isT3Label) : { tokens: [], narrative: [] };
  report.sections['3'] = t3.narrative.join('\n');
  readTable3(ctx, t3.tokens);

  const r4 = tableRange('4', (n) => /^行政复议/.test(n));
  const t4 = r4
    ? tableTokens(blocks, r4.start, Math.min(r4.end, signature.startIndex), isT4Label)
    : { tokens: [], narrative: [] };
  report.sections['4'] = t4.narrative.join('\n');
  readTable4(ctx, t4.tokens);
  if (doc.ocr && doc.ocr.pages.length > 0) findings.push(...confirmOcrCells(report, sources, doc.ocr.pages));

  refuseNonReport(findings, sections, title);
  reportSectionStructure(findings, sections);
  if (signature.unreadableDate !== null) {
    findings.push({
      code: 'DATE_MISSING',
      level: 'warning',
      message: `落款日期“${signature.unreadableDate}”无法识别为日期（${describeSource(signature.source)}），已按缺失处理`,
      source: signature.source,
    });
  }
  if (signature.agency === null) {
    findings.push({
      code: 'SIGNATURE_MISSING',
      level: 'warning',
      message: `报告末尾没有落款机关名称${signature.dated || signature.unreadableDate ? '' : '和日期'}`,
      source: signature.source,
    });
  }

  return {
    report,
    findings: doc.ocr ? recognisedAsReading(findings) : findings,
    context: { kind: doc.kind, sources, sections, signature, title, publishedSource, locateText: textLocator(blocks) },
  };
}

/**
 * A document with none of the three tables cannot be read as an annual report at all: either it is another
 * kind of document, or its tables are pictures or lost. Both are refused with a clear message (CLI exit 2).
 */
function refuseNonReport(findings: Finding[], sections: SectionLayout, title: TitleInfo): void {
  const missingTables = findings.filter((f) => f.code === 'TABLE_MISSING').length;
  if (missingTables < 3) return;
  const headings = SECTION_NUMBERS.filter((s) => sections.headings[s]).length;
  if (headings === 0 && !/年度报告|工作报告/.test(title.title ?? '')) {
    throw new ReadError(
      'NOT_A_REPORT',
      '不是政府信息公开工作年度报告：没有找到年度报告的标题、六个部分的标题或任何统计表格',
    );
  }
  throw new ReadError(
    'NO_TABLES',
    `找到了${headings}个部分标题，但没有找到年度报告的任何统计表格（表二、表三、表四）：表格可能以图片发布或已丢失，无法读取数据`,
  );
}

function textLocator(blocks: DocBlock[]): (quote: string) => SourceLocation | undefined {
  return (quote) => {
    const needle = normalizeLabel(quote);
    if (needle === '') return undefined;
    const block = blocks.find((b) => b.kind === 'line' && normalizeLabel(b.text).includes(needle));
    return block?.source;
  };
}

function reportSectionStructure(findings: Finding[], sections: SectionLayout): void {
  const missing = SECTION_NUMBERS.filter((s) => !sections.headings[s]);
  if (missing.length > 0) {
    findings.push({
      code: 'SECTION_MISSING',
      level: 'error',
      message: `缺少${missing.length}个法定部分（条例第五十条）：${missing.map((s) => `“${SECTION_TITLES[s]}”`).join('、')}`,
    });
  }
  const found = SECTION_NUMBERS.filter((s) => sections.headings[s]).map((s) => sections.headings[s]!);
  const outOfOrder = found.filter((h, i) => i > 0 && h.blockIndex < found[i - 1]!.blockIndex);
  if (outOfOrder.length > 0) {
    findings.push({
      code: 'SECTION_ORDER',
      level: 'warning',
      message: `部分标题顺序与格式不符：${outOfOrder.map((h) => `“${h.text}”（${describeSource(h.source)}）`).join('、')}出现在前一部分之前`,
      source: outOfOrder[0]?.source,
    });
  }
  for (const h of sections.repeated) {
    findings.push({
      code: 'SECTION_ORDER',
      level: 'warning',
      message: `部分标题“${h.text}”重复出现（${describeSource(h.source)}）`,
      source: h.source,
    });
  }
  const clashing = sections.stray.filter((s) => ['二', '三', '四', '五', '六'].includes(s.numeral));
  if (clashing.length > 0) {
    findings.push({
      code: 'SECTION_ORDER',
      level: 'warning',
      message: `正文小标题沿用了报告部分的编号，与法定的六个部分混淆：${clashing
        .map((s) => `“${s.text}”（${describeSource(s.source)}）`)
        .join('、')}`,
      source: clashing[0]?.source,
    });
  }
}
