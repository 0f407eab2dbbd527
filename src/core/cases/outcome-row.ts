/**
 * The table-3 rows an application can end in (三、本年度办理结果, 2021 format). Keys are layout.ts's row keys.
 */
import { T3_ROWS } from '../report/layout.ts';

export const OUTCOME_ROWS = [
  'granted',
  'partial',
  'denied1',
  'denied2',
  'denied3',
  'denied4',
  'denied5',
  'denied6',
  'denied7',
  'denied8',
  'unable1',
  'unable2',
  'unable3',
  'notProcessed1',
  'notProcessed2',
  'notProcessed3',
  'notProcessed4',
  'notProcessed5',
  'other1',
  'other2',
  'other3',
] as const;

export type OutcomeRow = (typeof OUTCOME_ROWS)[number];

/** The row's label as table 3 prints it, with its group: （三）不予公开 · 1.属于国家秘密. */
export function outcomeRowLabel(row: OutcomeRow): string {
  const spec = T3_ROWS['2021'].find((r) => r.key === row);
  if (!spec) throw new Error(`layout.ts has no row ${row}`);
  return spec.group && spec.group !== '三、本年度办理结果' ? `${spec.group} · ${spec.label}` : spec.label;
}
