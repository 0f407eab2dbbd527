/**
 * Damaged text dumps (issue 10): a site's text export that glued the cells of a table row together —
 * `行政规范性文件1203215` for 12 / 03 / 215 or 120 / 32 / 15 … Such a row is split only where exactly one way
 * is possible: as many numbers as the template's columns, written without leading zeros (a cell holds `0`, never
 * `03`), and satisfying the row's identity where it has one (table 3: the 总计 column is the sum of the six
 * applicant columns; table 4: each group's 总计 is the sum of its four results). Otherwise the reader abstains.
 */

/** Past this many digits the row is not split at all (the number of ways grows too fast to be meaningful). */
const MAX_DIGITS = 40;
/** Ways tried before giving up (bounded work on hostile input). */
const MAX_STEPS = 20000;
/** Enumeration stops after this many splits are found: two already mean "not unique". */
const ENOUGH = 2;

/**
 * The ways (at most two are reported) to cut `digits` into `count` non-negative integers without leading zeros
 * that `accept` accepts. `splits.length === 1` means the split is uniquely determined.
 */
export function gluedSplits(
  digits: string,
  count: number,
  accept: (values: number[]) => boolean = () => true,
): { splits: number[][]; tooLong: boolean } {
  // A one-column row (收费金额 in 万元) takes the whole number, decimals included.
  if (count === 1 && /^\d+(?:\.\d+)?$/.test(digits) && digits.length <= MAX_DIGITS) {
    const value = Number(digits);
    return { splits: /^0\d/.test(digits) || !accept([value]) ? [] : [[value]], tooLong: false };
  }
  if (!/^\d+$/.test(digits) || digits.length > MAX_DIGITS || count < 1 || digits.length < count) {
    return { splits: [], tooLong: digits.length > MAX_DIGITS };
  }
  const splits: number[][] = [];
  const current: number[] = [];
  let steps = 0;
  let exhausted = false;
  const walk = (from: number): void => {
    if (splits.length >= ENOUGH || exhausted) return;
    if (++steps > MAX_STEPS) {
      exhausted = true;
      return;
    }
    const left = count - current.length;
    const rest = digits.length - from;
    if (left === 0) {
      if (rest === 0 && accept(current)) splits.push([...current]);
      return;
    }
    if (rest < left) return;
    // A cell of a report table holds at most 7 digits; a leading zero only in `0` itself.
    const longest = digits[from] === '0' ? 1 : Math.min(7, rest - (left - 1));
    for (let len = 1; len <= longest; len++) {
      current.push(Number(digits.slice(from, from + len)));
      walk(from + len);
      current.pop();
    }
  };
  walk(0);
  // Too many ways to look at: as good as ambiguous, so the reader abstains (reported as two or more splits).
  if (exhausted && splits.length < ENOUGH) return { splits: [], tooLong: true };
  return { splits, tooLong: false };
}

/** Table 3: the last of seven values is the sum of the first six (identity of each row). */
export function t3RowIdentity(values: number[]): boolean {
  return values.length === 7 && values.slice(0, 6).reduce((s, v) => s + v, 0) === values[6];
}

/** Table 4: in each group of five, the fifth is the sum of the first four. */
export function t4RowIdentity(values: number[]): boolean {
  if (values.length !== 15) return false;
  for (let g = 0; g < 3; g++) {
    const group = values.slice(g * 5, g * 5 + 5);
    if (group.slice(0, 4).reduce((s, v) => s + v, 0) !== group[4]) return false;
  }
  return true;
}

/** `label1203215` → the label and its glued digit run (null when the text does not end in digits after a label). */
export function gluedLabel(norm: string): { label: string; digits: string } | null {
  const m = /^(.*?[^\d.．、\s])(\d+(?:\.\d+)?)$/.exec(norm);
  if (!m) return null;
  return { label: m[1] as string, digits: m[2] as string };
}
