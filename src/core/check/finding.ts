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
  message: string;
  cells?: string[];
  source?: SourceLocation;
}
