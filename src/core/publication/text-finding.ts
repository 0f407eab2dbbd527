/**
 * A finding of a pre-publication check (错敏词, personal data, links, 文号): where it is in the checked text, how
 * serious it is, what is wrong in Chinese, and what to write instead when there is one obvious correction.
 *
 * `offset`/`length` count UTF-16 code units of the checked string (JavaScript string indices), so a caller can
 * slice, highlight or map them back to the HTML source (src/readers/body/body-text.ts does that for bodies).
 * Error-level findings block publication unless a reviewer overrides them with a reason (issue 8, item 5).
 */
export type TextFindingLevel = 'error' | 'warning';

export type TextFindingCode =
  | 'WORDING'
  | 'ID_CARD_NUMBER'
  | 'MOBILE_NUMBER'
  | 'BANK_CARD_NUMBER'
  | 'PERSONAL_EMAIL'
  | 'BROKEN_LINK'
  | 'UNSAFE_LINK'
  | 'DOC_NUMBER';

export interface TextFinding {
  code: TextFindingCode;
  level: TextFindingLevel;
  offset: number;
  length: number;
  message: string;
  /** The replacement for text[offset, offset+length), when there is one. */
  suggestion?: string;
  /** For WORDING: the dictionary category (see wording-dictionary.ts). */
  category?: string;
}

/** Findings in reading order; at one offset the error comes before the warning. */
export function sortFindings<T extends TextFinding>(findings: T[]): T[] {
  return findings.sort(
    (a, b) => a.offset - b.offset || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || b.length - a.length,
  );
}
