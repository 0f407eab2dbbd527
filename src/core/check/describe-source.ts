import type { SourceLocation } from './finding.ts';

/** Where in the input, as a person reads it: 第57行, or 第2页第1个表格第5行第3列. Empty when unknown. */
export function describeSource(source: SourceLocation | undefined): string {
  if (!source) return '';
  if (source.line !== undefined) return `第${source.line}行`;
  const parts: string[] = [];
  if (source.page !== undefined) parts.push(`第${source.page}页`);
  if (source.table !== undefined) parts.push(`第${source.table}个表格`);
  if (source.row !== undefined) parts.push(`第${source.row}行`);
  if (source.col !== undefined) parts.push(`第${source.col}列`);
  return parts.join('');
}
