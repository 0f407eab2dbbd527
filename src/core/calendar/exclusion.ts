import type { IsoDate } from './iso-date.ts';

/**
 * Days that do not count towards a period although they may be working days: the time a consultation
 * (条例第三十二条、第三十四条) or the wait for a fee (国办函〔2020〕109号) takes. Inclusive at both ends — the day the
 * request is sent and the day the reply arrives are both time "spent consulting" (docs/cases.md, counting rules).
 */
export interface Exclusion {
  from: IsoDate;
  to: IsoDate;
  /** Shown in the explanation, e.g. 征求第三方意见（第三十二条），不计入期限. */
  label: string;
}

export function exclusionOf(date: IsoDate, exclusions: readonly Exclusion[]): Exclusion | undefined {
  for (const e of exclusions) if (e.from <= date && date <= e.to) return e;
  return undefined;
}
