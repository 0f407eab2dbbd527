/**
 * Fills tables 2, 3 and 4 of a report from the tokens of their sections, and reports what is damaged:
 * missing tables, rows, columns and header labels, blank or unreadable cells, rows shifted in a TAB grid.
 */
import type { Finding, SourceLocation } from '../check/finding.ts';
import { describeSource } from '../check/describe-source.ts';
import {
  T2_BLOCKS,
  T3_COLUMN_LABELS,
  T3_COLUMNS,
  T3_ROW_GROUP_HEADINGS,
  T3_ROWS,
  T4_COLUMN_LABELS,
  T4_COLUMNS,
  T4_GROUPS,
  type FormatVersion,
} from '../report/layout.ts';
import type { Report } from '../report/report-schema.ts';
import { setCell } from '../report/cell-path.ts';
import { normalizeLabel } from './normalize-label.ts';
import { parseCellValue, type CellValue } from './parse-cell-value.ts';
import {
  matchesSpec,
  readLabelledRows,
  rereadByColumns,
  type LabelledRowSpec,
  type RowRead,
} from './read-labelled-rows.ts';
import type { Token } from './table-tokens.ts';
import { gluedSplits, t3RowIdentity, t4RowIdentity } from './glued-cells.ts';

export type CellSources = Map<string, SourceLocation>;

interface TableContext {
  report: Report;
  findings: Finding[];
  sources: CellSources;
  isTextGrid: boolean;
  /**
   * Rows rebuilt from a page layout (PDF): a row with the wrong count or a row not found is more likely a cell the
   * reader could not place than a defect of the report, so it is said as an uncertainty of reading (a warning,
   * LAYOUT_UNCERTAIN) and the cells abstain — never an error against the agency (issue 10).
   */
  fromLayout?: boolean;
}

const LAYOUT = 'PDF 版式无法可靠识别：';

const TABLE_NAMES = {
  t2: '表二（主动公开政府信息情况）',
  t3: '表三（收到和处理政府信息公开申请情况）',
  t4: '表四（行政复议、行政诉讼情况）',
};

/** Assigns parsed values to cell paths; blanks and unreadable text stay null and are collected. */
function assign(
  ctx: TableContext,
  row: RowRead,
  paths: string[],
  kinds: ('count' | 'amount' | 'change' | 'text')[],
  blanks: string[],
): void {
  row.values?.forEach((value: CellValue, i) => {
    const path = paths[i];
    const raw = row.raw[i];
    if (!path || !raw) return;
    ctx.sources.set(path, raw.source);
    if (kinds[i] === 'text') {
      setCell(ctx.report, path, raw.text === '' ? null : raw.text);
      if (raw.text === '') blanks.push(`${path}（空白）`);
      return;
    }
    if (value.kind === 'number') setCell(ctx.report, path, value.value);
    else blanks.push(value.kind === 'blank' ? `${path}（空白）` : `${path}（“${value.text}”不是数字）`);
  });
}

function reportRowProblems(
  ctx: TableContext,
  table: keyof typeof TABLE_NAMES,
  specs: LabelledRowSpec[],
  rows: Map<string, RowRead>,
  pathsOf: (spec: LabelledRowSpec) => string[],
): void {
  const name = TABLE_NAMES[table];
  reportGluedRows(ctx, name, [...rows.values()], pathsOf);
  const wrong = [...rows.values()].filter((r) => r.values === null && !r.glued);
  const short = wrong.filter((r) => r.raw.length < r.spec.expected);
  const long = wrong.filter((r) => r.raw.length > r.spec.expected);
  const describe = (r: RowRead) =>
    `${describeSource(r.labelSource)}“${r.spec.label}”${r.raw.length}个（${r.raw.map((v) => v.text || '空').join('、')}）`;
  if (ctx.fromLayout && wrong.length > 0) {
    const page = wrong[0]?.labelSource.page;
    ctx.findings.push({
      code: 'LAYOUT_UNCERTAIN',
      level: 'warning',
      kind: 'reading',
      message: `${LAYOUT}${page !== undefined ? `第${page}页` : ''}${name}有${wrong.length}行读到的数值个数与格式不符，这些单元格未读取（按空处理），请与原件核对：${wrong.map(describe).join('；')}`,
      cells: wrong.flatMap((r) => pathsOf(r.spec)),
      source: wrong[0]?.labelSource,
    });
  }
  if (short.length > 0 && !ctx.fromLayout) {
    const expected = [...new Set(short.map((r) => r.spec.expected))].join('或');
    ctx.findings.push({
      code: 'COLUMN_MISSING',
      level: 'error',
      message: `${name}有${short.length}行的数值少于格式规定的${expected}个，无法确定缺的是哪一列，这些行按空处理、不作对齐猜测：${short.map(describe).join('；')}`,
      cells: short.flatMap((r) => pathsOf(r.spec)),
      source: short[0]?.labelSource,
    });
  }
  if (long.length > 0 && !ctx.fromLayout) {
    ctx.findings.push({
      code: 'COLUMN_MISSING',
      level: 'error',
      message: `${name}有${long.length}行的数值多于格式规定的个数，表格列数与格式不符，这些行按空处理：${long.map(describe).join('；')}`,
      cells: long.flatMap((r) => pathsOf(r.spec)),
      source: long[0]?.labelSource,
    });
  }
  const missing = specs.filter((s) => !rows.has(s.key));
  if (rows.size === 0) {
    ctx.findings.push({
      code: 'TABLE_MISSING',
      level: 'error',
      message: `未找到${name}：文中没有该表的任何行标签`,
      cells: specs.flatMap(pathsOf),
    });
  } else if (missing.length > 0 && ctx.fromLayout) {
    ctx.findings.push({
      code: 'LAYOUT_UNCERTAIN',
      level: 'warning',
      kind: 'reading',
      message: `${LAYOUT}${name}有${missing.length}行未能读出：${missing.map((s) => `“${s.label}”`).join('、')}；这些单元格未读取，请与原件核对`,
      cells: missing.flatMap(pathsOf),
    });
  } else if (missing.length > 0) {
    ctx.findings.push({
      code: 'ROW_MISSING',
      level: 'error',
      message: `${name}缺少${missing.length}行：${missing.map((s) => `“${s.label}”`).join('、')}`,
      cells: missing.flatMap(pathsOf),
    });
  }
}

/**
 * Rows a damaged text dump glued to their label: split where exactly one split fits (the cells are inferred, and
 * a finding names each), abstained on otherwise with the row and its digit string quoted (issue 10).
 */
function reportGluedRows(
  ctx: TableContext,
  name: string,
  rows: RowRead[],
  pathsOf: (spec: LabelledRowSpec) => string[],
): void {
  const glued = rows.filter((r) => r.glued);
  const inferred = glued.filter((r) => r.values !== null);
  const open = glued.filter((r) => r.values === null);
  if (inferred.length > 0) {
    const cells = inferred.flatMap((r) => pathsOf(r.spec));
    const named = inferred.flatMap((r) => pathsOf(r.spec).map((p, i) => `${p}=${r.raw[i]?.text ?? ''}`));
    ctx.findings.push({
      code: 'CELL_INFERRED',
      level: 'warning',
      kind: 'reading',
      message: `${name}有${inferred.length}行的数值与行标签粘连在一起（文本导出损坏），已按唯一可能的拆分读取，均为推断值，请与原件核对：${named.join('、')}`,
      cells,
      source: inferred[0]?.labelSource,
    });
  }
  if (open.length > 0) {
    const quote = (r: RowRead) => {
      const [a, b] = r.glued?.splits ?? [];
      const ways = a && b ? `至少有${a.join('/')}和${b.join('/')}两种拆法` : '没有符合格式的拆法';
      return `${describeSource(r.labelSource)}“${r.spec.label}”的数字串“${r.glued?.digits ?? ''}”（${ways}）`;
    };
    ctx.findings.push({
      code: 'LAYOUT_UNCERTAIN',
      level: 'warning',
      kind: 'reading',
      message: `文本中的表格单元格粘连，${name}有${open.length}行无法唯一拆分，这些单元格未读取（按空处理），请与原件核对：${open.map(quote).join('；')}`,
      cells: open.flatMap((r) => pathsOf(r.spec)),
      source: open[0]?.labelSource,
    });
  }
}

function reportBlanks(ctx: TableContext, table: keyof typeof TABLE_NAMES, blanks: string[]): void {
  if (blanks.length === 0) return;
  const first = blanks[0]?.split('（')[0];
  ctx.findings.push({
    code: 'BLANK_CELL',
    level: 'warning',
    message: `${TABLE_NAMES[table]}有${blanks.length}个单元格为空或无法识别（空白不等于0）：${blanks.join('、')}`,
    cells: blanks.map((b) => b.split('（')[0] ?? b),
    source: first ? ctx.sources.get(first) : undefined,
  });
}

function checkHeader(
  ctx: TableContext,
  table: keyof typeof TABLE_NAMES,
  headerText: string,
  required: string[],
  dataComplete: boolean,
  source: SourceLocation | undefined,
): void {
  const missing = required.filter((label) => !headerText.includes(normalizeLabel(label)));
  if (missing.length === 0) return;
  ctx.findings.push({
    code: 'HEADER_MISSING',
    level: 'warning',
    kind: 'reading',
    message: `${TABLE_NAMES[table]}表头缺少${missing.map((m) => `“${m}”`).join('、')}${dataComplete ? '，而数据行完整，各列按格式顺序读取，请核对' : ''}`,
    source,
  });
}

/**
 * A column blank in every row is not a few blank cells: the table most likely lost that column (Word pads a
 * table to a rectangle when a column is missing). Reported as COLUMN_MISSING; its cells stay null.
 */
function withoutEmptyColumns(ctx: TableContext, rows: Map<string, RowRead>, blanks: string[]): string[] {
  const read = [...rows.values()].filter((r) => r.values !== null);
  if (read.length < 5) return blanks;
  const blankSet = new Set(blanks.map((b) => b.split('（')[0]));
  const empty = T3_COLUMNS.filter((c) => read.every((r) => blankSet.has(`t3.${r.spec.key}.${c}`)));
  if (empty.length === 0) return blanks;
  const cells = read.flatMap((r) => empty.map((c) => `t3.${r.spec.key}.${c}`));
  ctx.findings.push({
    code: 'COLUMN_MISSING',
    level: 'error',
    message: `${TABLE_NAMES.t3}${empty.map((c) => `“${T3_COLUMN_LABELS[c]}”`).join('、')}列在全部${read.length}行中均为空，表格可能缺少该列；这些单元格按空处理`,
    cells,
    source: ctx.sources.get(cells[0] ?? ''),
  });
  const gone = new Set(cells);
  return blanks.filter((b) => !gone.has(b.split('（')[0] ?? ''));
}

const T3_LABELS = (format: FormatVersion) => T3_ROWS[format];
const GROUP_NORMS = T3_ROW_GROUP_HEADINGS.map((h) => normalizeLabel(h).replace(/^[^、)]*[、)]/, ''));

export function readTable3(ctx: TableContext, tokens: Token[]): void {
  const format = ctx.report.format;
  const specs: LabelledRowSpec[] = T3_LABELS(format).map((r) => ({
    key: r.key,
    label: r.label,
    match: r.match,
    expected: 7,
    identity: t3RowIdentity,
  }));
  const isLabel = (norm: string) =>
    specs.some((s) => matchesSpec(norm, s)) || GROUP_NORMS.some((g) => norm.includes(g));
  const rows = readLabelledRows(tokens, specs, isLabel, ctx.isTextGrid);
  if (ctx.isTextGrid) rereadByColumns(rows);
  const pathsOf = (s: LabelledRowSpec) => T3_COLUMNS.map((c) => `t3.${s.key}.${c}`);
  const blanks: string[] = [];
  for (const row of rows.values())
    assign(
      ctx,
      row,
      pathsOf(row.spec),
      T3_COLUMNS.map(() => 'count'),
      blanks,
    );
  reportRowProblems(ctx, 't3', specs, rows, pathsOf);
  reportBlanks(ctx, 't3', withoutEmptyColumns(ctx, rows, blanks));

  const firstLabel = tokens.findIndex((t) => specs.some((s) => matchesSpec(t.norm, s)));
  if (firstLabel > 0 || (firstLabel === 0 && rows.size > 0)) {
    const header = tokens
      .slice(0, Math.max(firstLabel, 0))
      .map((t) => t.norm)
      .join('');
    const complete = [...rows.values()].every((r) => r.values !== null) && rows.size === specs.length;
    checkHeader(
      ctx,
      't3',
      header,
      ['申请人情况', ...T3_COLUMNS.map((c) => T3_COLUMN_LABELS[c]), '法人或其他组织'],
      complete,
      tokens[0]?.source,
    );
  }
  if (ctx.isTextGrid) reportShiftedRows(ctx, rows);
}

/** In a TAB grid the merged-cell gaps are printed, so every data row should start in the same column. */
function reportShiftedRows(ctx: TableContext, rows: Map<string, RowRead>): void {
  const gridRows = [...rows.values()].filter((r) => r.mode === 'grid' && r.values !== null && r.raw[0]);
  const starts = new Map<number, number>();
  for (const r of gridRows) starts.set(r.raw[0]!.col, (starts.get(r.raw[0]!.col) ?? 0) + 1);
  if (starts.size < 2) return;
  const usual = [...starts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const shifted = gridRows.filter((r) => r.raw[0]!.col !== usual);
  ctx.findings.push({
    code: 'ROW_SHIFTED',
    level: 'info',
    kind: 'reading',
    message: `${TABLE_NAMES.t3}有${shifted.length}行错位（数据不在第${usual + 1}列开始）：${shifted
      .map((r) => `${describeSource(r.labelSource)}“${r.spec.label}”从第${r.raw[0]!.col + 1}列开始`)
      .join('；')}。已按行标签读取，请核对原表`,
    source: shifted[0]?.labelSource,
  });
}

export function readTable2(ctx: TableContext, tokens: Token[]): void {
  const format = ctx.report.format;
  const specs: LabelledRowSpec[] = [];
  const paths = new Map<string, string[]>();
  const kinds = new Map<string, ('count' | 'amount' | 'change' | 'text')[]>();
  const headerLabels: string[] = [];
  for (const block of T2_BLOCKS[format]) {
    headerLabels.push(...block.columns.map((c) => c.replace(/（.*$/, '')));
    for (const row of block.rows) {
      const fields = row.fields.length === 0 ? [null] : row.fields;
      specs.push({ key: row.key, label: row.label, match: row.match, expected: fields.length });
      paths.set(
        row.key,
        fields.map((f) => (f === null ? `t2.${row.key}` : `t2.${row.key}.${f}`)),
      );
      kinds.set(
        row.key,
        fields.map((f) =>
          f === null
            ? row.key === 'fees10kYuan'
              ? 'amount'
              : 'count'
            : f === 'change'
              ? 'change'
              : f === 'amount'
                ? 'text'
                : 'count',
        ),
      );
    }
  }
  const isLabel = (norm: string) => specs.some((s) => matchesSpec(norm, s));
  const rows = readLabelledRows(tokens, specs, isLabel, ctx.isTextGrid);
  if (ctx.isTextGrid) rereadByColumns(rows);
  const blanks: string[] = [];
  for (const row of rows.values())
    assign(ctx, row, paths.get(row.spec.key) ?? [], kinds.get(row.spec.key) ?? [], blanks);
  const pathsOf = (s: LabelledRowSpec) => paths.get(s.key) ?? [];
  reportRowProblems(ctx, 't2', specs, rows, pathsOf);
  reportBlanks(ctx, 't2', blanks);
  if (rows.size > 0) {
    const header = tokens
      .filter((t) => !isLabel(t.norm) && parseCellValue(t.text).kind !== 'number')
      .map((t) => t.norm)
      .join('');
    checkHeader(ctx, 't2', header, [...new Set(headerLabels)], true, tokens[0]?.source);
  }
}

export function readTable4(ctx: TableContext, tokens: Token[]): void {
  const paths = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `t4.${g}.${c}`));
  const firstNumber = tokens.findIndex((t) => parseCellValue(t.text).kind === 'number');
  const name = TABLE_NAMES.t4;
  if (firstNumber < 0) {
    ctx.findings.push({
      code: 'TABLE_MISSING',
      level: 'error',
      message: `未找到${name}的数据行`,
      cells: paths,
      source: tokens[0]?.source,
    });
    return;
  }
  const first = tokens[firstNumber]!;
  let raw: Token[];
  if (first.row !== null) {
    raw = tokens.filter((t) => t.row === first.row);
    // A full 15-cell row is read by position, so a blank at either end stays a blank cell.
    if (raw.length !== 15) {
      while (raw.length > 0 && raw[raw.length - 1]!.norm === '') raw.pop();
      while (raw.length > 15 && raw[0]!.norm === '') raw.shift();
    }
  } else {
    raw = tokens.slice(firstNumber).filter((t) => t.norm !== '');
  }
  const glued = raw.length === 1 && /^\d{16,}$/.test(raw[0]!.norm) ? raw[0]! : null;
  if (glued || (raw.length === 1 && raw[0]!.norm.length === 15 && /^\d+$/.test(raw[0]!.norm))) {
    const token = raw[0]!;
    const { splits } = gluedSplits(token.norm, 15, t4RowIdentity);
    if (splits.length === 1) {
      raw = splits[0]!.map((v) => ({ ...token, text: String(v), norm: String(v) }));
      ctx.findings.push({
        code: 'CELL_INFERRED',
        level: 'warning',
        kind: 'reading',
        message: `${name}的数值粘连成一个数字串“${token.norm}”（文本导出损坏），已按唯一可能的拆分读取，均为推断值，请与原件核对：${paths.map((p, i) => `${p}=${splits[0]![i]}`).join('、')}`,
        cells: paths,
        source: token.source,
      });
    } else {
      const [a, b] = splits;
      ctx.findings.push({
        code: 'LAYOUT_UNCERTAIN',
        level: 'warning',
        kind: 'reading',
        message: `文本中的表格单元格粘连，${name}数据行的数字串“${token.norm}”${a && b ? `至少有${a.join('/')}和${b.join('/')}两种拆法` : '没有符合格式的拆法'}，无法唯一拆分，这些单元格未读取（按空处理），请与原件核对`,
        cells: paths,
        source: token.source,
      });
      return;
    }
  }
  if (raw.length !== 15 && ctx.fromLayout) {
    ctx.findings.push({
      code: 'LAYOUT_UNCERTAIN',
      level: 'warning',
      kind: 'reading',
      message: `${LAYOUT}${first.source.page !== undefined ? `第${first.source.page}页` : ''}${name}数据行读到${raw.length}个数值，格式规定为15个，这些单元格未读取（按空处理），请与原件核对：${raw.map((t) => t.text || '空').join('、')}`,
      cells: paths,
      source: first.source,
    });
  } else if (raw.length !== 15) {
    ctx.findings.push({
      code: 'COLUMN_MISSING',
      level: 'error',
      message: `${name}数据行有${raw.length}个数值，格式规定为15个（行政复议5个、未经复议直接起诉5个、复议后起诉5个），无法确定缺的是哪一列，全部按空处理：${raw.map((t) => t.text || '空').join('、')}`,
      cells: paths,
      source: first.source,
    });
  } else {
    const blanks: string[] = [];
    raw.forEach((token, i) => {
      const path = paths[i]!;
      ctx.sources.set(path, token.source);
      const value = parseCellValue(token.text);
      if (value.kind === 'number') setCell(ctx.report, path, value.value);
      else blanks.push(value.kind === 'blank' ? `${path}（空白）` : `${path}（“${value.text}”不是数字）`);
    });
    reportBlanks(ctx, 't4', blanks);
  }
  const header = tokens
    .slice(0, firstNumber)
    .map((t) => t.norm)
    .join('');
  const groupLabels = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉'];
  checkHeader(ctx, 't4', header, groupLabels, raw.length === 15, tokens[0]?.source);
  const columnLabels = T4_COLUMNS.map((c) => normalizeLabel(T4_COLUMN_LABELS[c]));
  const truncated = columnLabels.filter((label) => header.split(label).length - 1 < 3);
  if (truncated.length > 0 && header.length > 0) {
    ctx.findings.push({
      code: 'HEADER_TRUNCATED',
      level: 'info',
      kind: 'reading',
      message: `${name}表头的列名不完整：${truncated.map((t) => `“${t}”`).join('、')}未在三组中各出现一次（可能被截断为“结果”“其他”“尚未”），各列按格式顺序读取`,
      source: tokens[0]?.source,
    });
  }
}

export type { TableContext };
