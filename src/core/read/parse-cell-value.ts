import { normalizeLabel } from './normalize-label.ts';

export type CellValue =
  | { kind: 'number'; value: number }
  | { kind: 'blank' }
  /** Printed but not a number, e.g. `—`, `/`, `无`: unreadable, never taken as 0. */
  | { kind: 'text'; text: string };

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Reads one table cell. Thousands separators and a trailing unit (件, 万元, 元) are tolerated. */
export function parseCellValue(raw: string): CellValue {
  const text = normalizeLabel(raw).replace(/,/g, '').replace(/[−–]/g, '-');
  if (text === '') return { kind: 'blank' };
  const bare = text.replace(/(件|个|项|条|万元|元)$/, '');
  if (NUMBER.test(bare)) return { kind: 'number', value: Number(bare) };
  return { kind: 'text', text: raw.trim() };
}

/** True when the cell holds a number (possibly with a unit), used to tell data cells from labels. */
export function isNumericCell(raw: string): boolean {
  return parseCellValue(raw).kind === 'number';
}
