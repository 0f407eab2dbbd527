/**
 * A cell path (`t3.denied4.natural`, `t4.review.total`, `t2.regulations.inForce`) in the words of the printed
 * template, for texts sent to agencies: 表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列.
 */
import {
  T3_COLUMN_LABELS,
  T3_ROWS,
  T4_COLUMN_LABELS,
  T4_GROUP_LABELS,
  t2Cells,
  type FormatVersion,
  type T3Column,
  type T4Column,
  type T4Group,
} from '../report/layout.ts';

export function describeCell(path: string, format: FormatVersion): string {
  const [table, row, column] = path.split('.');
  if (table === 't3' && row !== undefined && column !== undefined) {
    const spec = T3_ROWS[format].find((r) => r.key === row);
    const label = spec ? `${spec.group?.startsWith('（') ? `${spec.group} ` : ''}${spec.label}` : row;
    return `表三“${label}”行“${T3_COLUMN_LABELS[column as T3Column] ?? column}”列`;
  }
  if (table === 't4' && row !== undefined && column !== undefined) {
    return `表四“${T4_GROUP_LABELS[row as T4Group] ?? row}”“${T4_COLUMN_LABELS[column as T4Column] ?? column}”`;
  }
  if (table === 't2') {
    const spec = t2Cells(format).find((c) => c.path === path);
    if (spec) return `表二“${spec.row}”“${spec.column}”`;
  }
  return path;
}
