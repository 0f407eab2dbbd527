/**
 * The report as a Word document (docx package) in the 公文 look: A4 with GB/T 9704 margins, title in 小标宋,
 * headings in 黑体, body in 仿宋_GB2312 三号, and real Word tables with the template's merges (w:gridSpan, w:vMerge).
 *
 * What a reader relies on (docs/writers.md): the title is the only Heading1 paragraph, section headings are Heading2,
 * the 发布时间 line has style PublishedAt, each narrative line is one body paragraph (empty lines included), and the
 * 落款 paragraphs have style Signature. Nothing else is in the body: spacing comes from paragraph properties, never
 * from empty paragraphs that would read back as narrative.
 */
import {
  AlignmentType,
  Document,
  HeightRule,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type IParagraphStyleOptions,
} from 'docx';
import type { Report } from '../core/report/report-schema.ts';
import { reportOutline } from './report-outline.ts';
import type { ReportTable, TableCell as ModelCell } from './report-tables.ts';
import {
  BODY_LINE,
  DOCX_LANGUAGE,
  DOCX_MARGIN,
  DOCX_PAGE,
  DOCX_TEXT_WIDTH,
  FONT_BODY,
  FONT_HEADING,
  FONT_TABLE,
  FONT_TITLE,
  PT,
  TWO_CHARS,
  pageNumberFooter,
  run,
} from './docx-official-style.ts';
import { xmlSafe } from './xml-safe.ts';

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'PublishedAt',
    name: '发布时间',
    basedOn: 'Normal',
    next: 'Normal',
    run: { size: PT(12) },
    paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { after: 240 } },
  },
  {
    id: 'Signature',
    name: '落款',
    basedOn: 'Normal',
    run: {},
    paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: TWO_CHARS } },
  },
  {
    id: 'TableText',
    name: '表格文字',
    basedOn: 'Normal',
    run: { font: FONT_TABLE, size: PT(10.5) },
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    },
  },
];

export async function renderReportDocx(report: Report): Promise<Uint8Array> {
  const outline = reportOutline(report);
  const body: (Paragraph | Table)[] = [new Paragraph({ heading: 'Heading1', children: [run(outline.title)] })];
  if (outline.published !== null) {
    body.push(new Paragraph({ style: 'PublishedAt', children: [run(`发布时间：${outline.published.text}`)] }));
  }
  for (const section of outline.sections) {
    body.push(new Paragraph({ heading: 'Heading2', children: [run(section.heading)] }));
    for (const line of section.lines) body.push(new Paragraph({ children: line === '' ? [] : [run(line)] }));
    if (section.table !== null) body.push(wordTable(section.table));
  }
  const { agency, date } = outline.signature;
  // The first 落款 line keeps its distance from the text above by spacing, not by empty paragraphs.
  const signature = [agency, date?.text ?? null].filter((line): line is string => line !== null);
  signature.forEach((line, i) => {
    body.push(new Paragraph({ style: 'Signature', spacing: i === 0 ? { before: 1120 } : {}, children: [run(line)] }));
  });

  const doc = new Document({
    title: xmlSafe(outline.title),
    creator: 'Gongkai',
    description: '政府信息公开工作年度报告',
    customProperties: documentProperties(report),
    styles: {
      default: {
        document: {
          run: { font: FONT_BODY, size: PT(16), language: DOCX_LANGUAGE },
          paragraph: {
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: TWO_CHARS },
            spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, // 28 磅固定行距, as 公文 are set
          },
        },
        heading1: {
          run: { font: FONT_TITLE, size: PT(22), bold: false, color: '000000' },
          paragraph: {
            alignment: AlignmentType.CENTER,
            indent: { firstLine: 0 },
            spacing: { line: 700, lineRule: LineRuleType.AT_LEAST, before: 0, after: 240 },
            keepNext: true,
          },
        },
        heading2: {
          run: { font: FONT_HEADING, size: PT(16), bold: false, color: '000000' },
          paragraph: { indent: { firstLine: TWO_CHARS }, spacing: { before: 0, after: 0 }, keepNext: true },
        },
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: { page: { size: DOCX_PAGE, margin: { ...DOCX_MARGIN, header: 851, footer: 992 } } },
        footers: { default: pageNumberFooter() },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function wordTable(table: ReportTable): Table {
  const total = table.columnWidths.reduce((a, b) => a + b, 0);
  const widths = table.columnWidths.map((w) => Math.floor((w / total) * DOCX_TEXT_WIDTH));
  const rows: TableRow[] = [];
  const occupied = new Set<string>();
  let r = 0;
  for (const group of table.rowGroups) {
    for (const row of group.rows) {
      let col = 0;
      const cells = row.cells.map((cell) => {
        while (occupied.has(`${r},${col}`)) col++;
        const width = widths.slice(col, col + cell.colSpan).reduce((a, b) => a + b, 0);
        for (let dr = 0; dr < cell.rowSpan; dr++)
          for (let dc = 0; dc < cell.colSpan; dc++) occupied.add(`${r + dr},${col + dc}`);
        col += cell.colSpan;
        return wordCell(cell, width, table.key);
      });
      rows.push(
        new TableRow({
          children: cells,
          tableHeader: group.head ? true : undefined, // header rows repeat on every page
          cantSplit: true,
          height: { value: 400, rule: HeightRule.ATLEAST },
        }),
      );
      r++;
    }
  }
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    margins: { left: 57, right: 57, top: 28, bottom: 28 },
  });
}

function wordCell(cell: ModelCell, width: number, table: ReportTable['key']): TableCell {
  const size = table === 't4' || cell.kind === 'note' ? PT(9) : PT(10.5);
  const alignment =
    cell.kind === 'note' || (cell.kind === 'label' && cell.scope === 'row') ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new TableCell({
    rowSpan: cell.rowSpan,
    columnSpan: cell.colSpan,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({ style: 'TableText', alignment, children: cell.text === '' ? [] : [run(cell.text, { size })] }),
    ],
  });
}

/** Exact values a reader may prefer to the printed ones (publishedAt keeps its seconds and zone here). */
function documentProperties(report: Report): { name: string; value: string }[] {
  const values: [string, string | number | null][] = [
    ['gongkai.schema', report.schema],
    ['gongkai.format', report.format],
    ['gongkai.year', report.year],
    ['gongkai.dated', report.dated],
    ['gongkai.publishedAt', report.publishedAt],
  ];
  return values.filter(([, v]) => v !== null).map(([name, v]) => ({ name, value: String(v) }));
}
