/** A finding of the checker or the reader (docs/report-json.md, "Findings"). Codes are a public contract. */
export type FindingLevel = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'T3_I1'
  | 'T3_I2'
  | 'T3_I3'
  | 'T4_I4'
  | 'NEGATIVE_OR_FRACTION'
  | 'BLANK_CELL'
  | 'TABLE_MISSING'
  | 'COLUMN_MISSING'
  | 'ROW_MISSING'
  | 'HEADER_MISSING'
  | 'HEADER_TRUNCATED'
  | 'ROW_SHIFTED'
  | 'LAYOUT_UNCERTAIN'
  | 'CELL_INFERRED'
  | 'OCR_TEXT'
  | 'OLD_FORMAT'
  | 'SECTION_MISSING'
  | 'SECTION_ORDER'
  | 'TITLE_INCOMPLETE'
  | 'DATE_MISSING'
  | 'SIGNATURE_MISSING'
  | 'LATE_PUBLICATION'
  | 'TEXT_TABLE_MISMATCH'
  | 'ENUMERATION_SUM'
  | 'FEE_STATEMENT_MISSING'
  | 'IMPROVEMENT_MISSING'
  | 'CARRY_OVER_MISMATCH'
  | 'STOCK_FLOW_MISMATCH';

/** Where in the input a finding points: a line of text, or a page/table/row/column of a document. */
export interface SourceLocation {
  line?: number;
  page?: number;
  table?: number;
  row?: number;
  col?: number;
}

export interface Finding {
  code: FindingCode;
  level: FindingLevel;
  /**
   * `report`: a problem in the report the agency must correct. `reading`: an uncertainty of reading the input
   * (cells the layout did not let the reader read for sure, a header not recognised, a shifted row) — never
   * error level, a person compares with the original. Absent on findings of the checker: those are `report`.
   */
  kind?: FindingKind;
  message: string;
  cells?: string[];
  source?: SourceLocation;
}

export type FindingKind = 'report' | 'reading';

/** Codes that are always about the reading, not the report (issue 10). */
const READING_CODES = new Set<FindingCode>([
  'LAYOUT_UNCERTAIN',
  'CELL_INFERRED',
  'OCR_TEXT',
  'HEADER_TRUNCATED',
  'ROW_SHIFTED',
]);

export function findingKind(finding: Finding): FindingKind {
  return finding.kind ?? (READING_CODES.has(finding.code) ? 'reading' : 'report');
}

/** Chinese names of the codes, for people (the codes stay in JSON). */
export const FINDING_NAMES: Record<FindingCode, string> = {
  T3_I1: '表三勾稽关系一不符',
  T3_I2: '表三勾稽关系二不符',
  T3_I3: '表三勾稽关系三不符',
  T4_I4: '表四勾稽关系不符',
  NEGATIVE_OR_FRACTION: '数值为负数或小数',
  BLANK_CELL: '单元格空白',
  TABLE_MISSING: '缺少表格',
  COLUMN_MISSING: '缺少列',
  ROW_MISSING: '缺少行',
  HEADER_MISSING: '表头未识别',
  HEADER_TRUNCATED: '表头不完整',
  ROW_SHIFTED: '行错位',
  LAYOUT_UNCERTAIN: '版式无法可靠识别',
  CELL_INFERRED: '单元格为推断值',
  OCR_TEXT: '文字由 OCR 识别',
  OLD_FORMAT: '使用旧格式',
  SECTION_MISSING: '缺少法定部分',
  SECTION_ORDER: '部分标题顺序或重复',
  TITLE_INCOMPLETE: '标题不完整',
  DATE_MISSING: '缺少落款日期',
  SIGNATURE_MISSING: '缺少落款',
  LATE_PUBLICATION: '逾期公布',
  TEXT_TABLE_MISMATCH: '正文与表格不符',
  ENUMERATION_SUM: '分项之和不符',
  FEE_STATEMENT_MISSING: '未说明信息处理费',
  IMPROVEMENT_MISSING: '未报告整改情况',
  CARRY_OVER_MISMATCH: '结转与上年不符',
  STOCK_FLOW_MISMATCH: '存量与流量不符',
};
