/**
 * A finding is either a problem IN the report (the agency must correct it) or an uncertainty of READING it (the
 * reader could not be sure what a damaged or unusual layout says — a person compares with the original). Only
 * problems go into a review memo; uncertainties are listed apart as 需人工核对.
 *
 * The checker is being taught to say which is which with a field on the finding (`kind` or `category`); until every
 * finding carries it, the code and level decide: a truncated header or a shifted row was read around (the values are
 * there, the layout was odd), and an `info` finding is a note, not a defect.
 */
import type { Finding, FindingCode } from '../check/finding.ts';

export type FindingCategory = 'problem' | 'uncertain';

/** A finding, possibly carrying the category the reader/checker assigns. */
export type CategorisedFinding = Omit<Finding, 'kind'> & { kind?: string; category?: string };

const UNCERTAIN_WORDS = new Set(['reading', 'read', 'uncertain', 'uncertainty', 'reading-uncertainty', 'manual']);
const PROBLEM_WORDS = new Set(['report', 'problem', 'defect', 'error']);

/** Codes whose findings say how the input was read around something, not that the report is wrong. */
export const READING_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['HEADER_TRUNCATED', 'ROW_SHIFTED']);

export function findingCategory(finding: CategorisedFinding): FindingCategory {
  for (const field of [finding.category, finding.kind]) {
    const word = field?.trim().toLowerCase();
    if (word === undefined || word === '') continue;
    if (UNCERTAIN_WORDS.has(word)) return 'uncertain';
    if (PROBLEM_WORDS.has(word)) return 'problem';
  }
  if (READING_CODES.has(finding.code) || finding.level === 'info') return 'uncertain';
  return 'problem';
}
