/**
 * Tables 2, 3 and 4 as the national template prints them (国办公开办函〔2021〕30号, and the 2019 trial format
 * 国办公开办函〔2019〕60号): rows of cells with their row/column spans, labels taken from layout.ts. Every writer
 * renders this one model, so the merges are written once and HTML, text, DOCX and XLSX hold the same cells in the
 * same order. Like an HTML table, a cell covered by a span is not repeated.
 */
import {
  T2_BLOCKS,
  T3_COLUMN_LABELS,
  T3_COLUMNS,
  T3_ROWS,
  T4_COLUMN_LABELS,
  T4_COLUMNS,
  T4_GROUP_LABELS,
  T4_GROUPS,
  type SectionNumber,
} from '../core/report/layout.ts';
import { getCell } from '../core/report/cell-path.ts';
import type { Report } from '../core/report/report-schema.ts';

export interface TableCell {
  /** What is printed: the label, or the value as text ('' for a blank cell). */
  text: string;
  /** `label`: a header cell; `note`: the template's 勾稽关系 remark; `value`: a data cell of the JSON. */
  kind: 'label' | 'note' | 'value';
  /** For labels: which cells the header describes (HTML `<th scope>`). */
  scope?: 'col' | 'colgroup' | 'row' | 'rowgroup';
  rowSpan: number;
  colSpan: number;
  /** For values: the cell path (`t3.new.natural`) and the JSON value, kept typed for DOCX/XLSX. */
  path?: string;
  value?: number | string | null;
}

export interface TableRow {
  cells: TableCell[];
}

/** Consecutive rows that belong together: the header (`head`) or a body block (table 2 has one per 第二十条 item). */
export interface TableRowGroup {
  head: boolean;
  rows: TableRow[];
}

export interface ReportTable {
  key: 't2' | 't3' | 't4';
  section: SectionNumber;
  /** A short name for people (HTML caption, XLSX sheet); deliberately unlike any section heading. */
  caption: string;
  /** Relative column widths in per cent (they sum to 100). */
  columnWidths: number[];
  rowGroups: TableRowGroup[];
}

/** The template's remark in table 3's top-left header cell. */
export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const T2_CONTENT_LABEL = '信息内容';
const T3_APPLICANT = '申请人情况';
const T3_ORGANISATIONS = '法人或其他组织';
const T3_RESULTS = '三、本年度办理结果';

export function reportTables(report: Report): ReportTable[] {
  return [table2(report), table3(report), table4(report)];
}

/** Printed form of a value: numbers as JavaScript prints them (so they parse back exactly), blank for null. */
export function cellText(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

function label(text: string, scope: TableCell['scope'], rowSpan = 1, colSpan = 1): TableCell {
  return { text, kind: 'label', scope, rowSpan, colSpan };
}

function valueCell(report: Report, path: string, colSpan = 1): TableCell {
  const value = getCell(report, path) ?? null;
  return { text: cellText(value), kind: 'value', rowSpan: 1, colSpan, path, value };
}

/** Table 2 is four columns wide; a block with fewer value columns widens its last one, as the template does. */
function t2Spans(columns: number): number[] {
  if (columns === 1) return [3];
  if (columns === 2) return [1, 2];
  return [1, 1, 1];
}

function table2(report: Report): ReportTable {
  const rowGroups: TableRowGroup[] = T2_BLOCKS[report.format].map((block) => {
    const spans = t2Spans(block.columns.length);
    const rows: TableRow[] = [
      { cells: [label(block.block, 'rowgroup', 1, 4)] },
      {
        cells: [
          label(T2_CONTENT_LABEL, 'col'),
          ...block.columns.map((column, i) => label(column, spans[i] === 1 ? 'col' : 'colgroup', 1, spans[i])),
        ],
      },
      ...block.rows.map((row) => ({
        cells: [
          label(row.label, 'row'),
          ...(row.fields.length === 0
            ? [valueCell(report, `t2.${row.key}`, 3)]
            : row.fields.map((field, i) => valueCell(report, `t2.${row.key}.${field}`, spans[i]))),
        ],
      })),
    ];
    return { head: false, rows };
  });
  return { key: 't2', section: '2', caption: '表二：主动公开政府信息统计', columnWidths: [31, 23, 23, 23], rowGroups };
}

function table3(report: Report): ReportTable {
  const head: TableRow[] = [
    { cells: [{ text: T3_NOTE, kind: 'note', rowSpan: 3, colSpan: 3 }, label(T3_APPLICANT, 'colgroup', 1, 7)] },
    {
      cells: [
        label(T3_COLUMN_LABELS.natural, 'col', 2),
        label(T3_ORGANISATIONS, 'colgroup', 1, 5),
        label(T3_COLUMN_LABELS.total, 'col', 2),
      ],
    },
    {
      cells: (['commercial', 'research', 'social', 'legal', 'other'] as const).map((c) =>
        label(T3_COLUMN_LABELS[c], 'col'),
      ),
    },
  ];

  // A row sits under 三、本年度办理结果 and possibly a sub-group such as （三）不予公开; each group heading is one
  // cell spanning all its rows, and the row label widens to fill the three label columns.
  const specs = T3_ROWS[report.format];
  const chains = specs.map((spec) => {
    if (spec.group === undefined) return [];
    return spec.group === T3_RESULTS ? [T3_RESULTS] : [T3_RESULTS, spec.group];
  });
  const sameUpTo = (a: string[], b: string[] | undefined, depth: number) =>
    b !== undefined && a.slice(0, depth + 1).join('|') === b.slice(0, depth + 1).join('|') && b.length > depth;

  const body: TableRow[] = specs.map((spec, i) => {
    const chain = chains[i] ?? [];
    const cells: TableCell[] = [];
    chain.forEach((group, depth) => {
      if (sameUpTo(chain, chains[i - 1], depth)) return; // covered by the span from an earlier row
      let span = 1;
      while (sameUpTo(chain, chains[i + span], depth)) span++;
      cells.push(label(group, 'rowgroup', span));
    });
    cells.push(label(spec.label, 'row', 1, 3 - chain.length));
    for (const column of T3_COLUMNS) cells.push(valueCell(report, `t3.${spec.key}.${column}`));
    return { cells };
  });

  return {
    key: 't3',
    section: '3',
    caption: '表三：政府信息公开申请办理统计',
    columnWidths: [5, 9, 28, 8.3, 8.3, 8.3, 8.3, 8.3, 8.3, 8.2],
    rowGroups: [
      { head: true, rows: head },
      { head: false, rows: body },
    ],
  };
}

function table4(report: Report): ReportTable {
  const [litigation = '', direct = ''] = T4_GROUP_LABELS.suitDirect.split('·');
  const afterReview = T4_GROUP_LABELS.suitAfterReview.split('·')[1] ?? '';
  const columnLabels = T4_COLUMNS.map((c) => T4_COLUMN_LABELS[c]);
  const head: TableRow[] = [
    { cells: [label(T4_GROUP_LABELS.review, 'colgroup', 1, 5), label(litigation, 'colgroup', 1, 10)] },
    {
      cells: [
        ...columnLabels.map((text) => label(text, 'col', 2)),
        label(direct, 'colgroup', 1, 5),
        label(afterReview, 'colgroup', 1, 5),
      ],
    },
    { cells: [...columnLabels, ...columnLabels].map((text) => label(text, 'col')) },
  ];
  const values = T4_GROUPS.flatMap((group) => T4_COLUMNS.map((column) => valueCell(report, `t4.${group}.${column}`)));
  return {
    key: 't4',
    section: '4',
    caption: '表四：行政复议、行政诉讼统计',
    columnWidths: Array.from({ length: 15 }, () => 100 / 15),
    rowGroups: [
      { head: true, rows: head },
      { head: false, rows: [{ cells: values }] },
    ],
  };
}

/** A cell with its top-left grid position, for writers that address cells by row and column (XLSX, DOCX). */
export interface PlacedCell {
  cell: TableCell;
  row: number;
  col: number;
}

/** Places the cells on the table's grid the way HTML does: each cell takes the first column its row leaves free. */
export function placeCells(table: ReportTable): PlacedCell[] {
  const taken = new Set<string>();
  const placed: PlacedCell[] = [];
  let row = 0;
  for (const group of table.rowGroups) {
    for (const tableRow of group.rows) {
      let col = 0;
      for (const cell of tableRow.cells) {
        while (taken.has(`${row},${col}`)) col++;
        placed.push({ cell, row, col });
        for (let r = 0; r < cell.rowSpan; r++)
          for (let c = 0; c < cell.colSpan; c++) taken.add(`${row + r},${col + c}`);
        col += cell.colSpan;
      }
      row++;
    }
  }
  return placed;
}

export function tableRows(table: ReportTable): TableRow[] {
  return table.rowGroups.flatMap((g) => g.rows);
}
