/**
 * Table 2, 第二十条第（一）项: for 规章 and 行政规范性文件, a year's 本年制发件数, 本年废止件数 and 现行有效件数,
 * computed from the items themselves — never typed in.
 *
 * Counting rule (chosen so the X2 identity the report checker applies holds exactly:
 * 现行有效(N) = 现行有效(N−1) + 本年制发(N) − 本年废止(N)):
 *  - 本年制发: documents whose 成文日期 is in year N;
 *  - 本年废止: documents issued by the end of year N whose force ended in year N — repealed, expired or replaced
 *    by a revision alike (each of them leaves the 现行有效 stock; the revision is counted as issued in its year);
 *  - 现行有效: documents issued by 31 December of year N and still in force on that day.
 * A document issued and ended in the same year counts as both issued and repealed, and not in force.
 */
import type { NormativeKind } from './catalogue.ts';
import { endOfForce, type Validity } from './validity.ts';

export interface NormativeItem {
  kind: NormativeKind;
  /** 成文日期, ISO. */
  issuedOn: string;
  validity: Validity;
}

export interface NormativeCounts {
  issued: number;
  repealed: number;
  inForce: number;
}

export function normativeCounts(items: readonly NormativeItem[], year: number): Record<NormativeKind, NormativeCounts> {
  const counts: Record<NormativeKind, NormativeCounts> = {
    regulation: { issued: 0, repealed: 0, inForce: 0 },
    normative: { issued: 0, repealed: 0, inForce: 0 },
  };
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const next = `${String(year + 1).padStart(4, '0')}-01-01`;
  for (const item of items) {
    if (item.issuedOn >= next) continue; // not issued yet at the end of the year
    const c = counts[item.kind];
    if (item.issuedOn >= first) c.issued++;
    const end = endOfForce(item.validity);
    if (end === null || end >= next) c.inForce++;
    else if (end >= first) c.repealed++;
  }
  return counts;
}
