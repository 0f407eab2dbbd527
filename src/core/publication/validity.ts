/**
 * 有效性 of a published document — what the metadata table shows (有效 / 失效 / 废止 / 修订) and what table 2 counts.
 *
 * A document is in force from its 成文日期 (the day it is issued) until the first day it is no longer in force:
 *  - 失效 (expired): its 有效期 ran out — `validUntil` is the last day in force, so it is 失效 from the next day
 *    (行政规范性文件 commonly carry an 有效期 of up to five years); or an explicit `endedOn`;
 *  - 废止 (repealed): the issuing agency repealed it, from `endedOn`;
 *  - 修订 (revised): a revised version replaced it from `endedOn`; the revision is a new document of its own.
 * An in-force document may carry a future `validUntil`; `statusOn` then turns it into 失效 after that day
 * without anyone having to edit it.
 */
import { addDays, isIsoDate } from './plain-date.ts';

export const validityStatuses = ['in_force', 'expired', 'repealed', 'revised'] as const;
export type ValidityStatus = (typeof validityStatuses)[number];

export const validityLabels: Readonly<Record<ValidityStatus, string>> = {
  in_force: '有效',
  expired: '失效',
  repealed: '废止',
  revised: '修订',
};

export interface Validity {
  status: ValidityStatus;
  /** 施行日期, when different from the 成文日期 (shown; does not change the counts). */
  effectiveFrom?: string;
  /** Last day of the 有效期, if the document has one. */
  validUntil?: string;
  /** First day no longer in force (失效 / 废止 / 修订). */
  endedOn?: string;
}

/** The first day the document is no longer in force, or null while it has no end. */
export function endOfForce(validity: Validity): string | null {
  if (validity.endedOn) return validity.endedOn;
  if (validity.validUntil) return addDays(validity.validUntil, 1);
  return null;
}

/** The status on `date` (ISO): an in-force document past its 有效期 is 失效. */
export function statusOn(validity: Validity, date: string): ValidityStatus {
  const end = endOfForce(validity);
  if (end === null || date < end) return 'in_force';
  return validity.status === 'in_force' ? 'expired' : validity.status;
}

/** Problems of a 有效性 record as Chinese messages naming the field; `issuedOn` is the 成文日期. */
export function validityProblems(validity: Validity, issuedOn: string): string[] {
  const problems: string[] = [];
  const label = validityLabels[validity.status];
  for (const [field, name] of [
    ['effectiveFrom', '施行日期'],
    ['validUntil', '有效期至'],
    ['endedOn', `${label}日期`],
  ] as const) {
    const value = validity[field];
    if (value !== undefined && !isIsoDate(value)) problems.push(`${name}不是有效日期`);
  }
  if (!isIsoDate(issuedOn)) return [...problems, '成文日期不是有效日期'];
  if (problems.length > 0) return problems;
  if (validity.status === 'in_force') {
    if (validity.endedOn) problems.push('有效的文件不应填写失效、废止或修订日期');
  } else if (!validity.endedOn && !(validity.status === 'expired' && validity.validUntil)) {
    problems.push(`有效性为“${label}”时须填写${label}日期`);
  }
  if (validity.endedOn && validity.endedOn <= issuedOn) problems.push(`${label}日期须晚于成文日期`);
  if (validity.validUntil && validity.validUntil < issuedOn) problems.push('有效期至不能早于成文日期');
  if (validity.effectiveFrom && validity.endedOn && validity.effectiveFrom >= validity.endedOn) {
    problems.push(`施行日期须早于${label}日期`);
  }
  return problems;
}

export function isValidityStatus(value: string): value is ValidityStatus {
  return (validityStatuses as readonly string[]).includes(value);
}
