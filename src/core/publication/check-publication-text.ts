/**
 * The pre-publication checks that look only at text — 错敏词 and personal data — run together over a title or
 * a body's text. Links need the HTML and the store, so they are checked by the caller (linkFindings);
 * src/readers/body/check-body.ts does all three for an HTML body and maps offsets back into the HTML.
 */
import { wordingChecker, type WordingChecker } from './check-wording.ts';
import { detectPersonalData } from './detect-personal-data.ts';
import { sortFindings, type TextFinding } from './text-finding.ts';

export interface PublicationTextOptions {
  /** The agency's compiled dictionary (wordingChecker(agencyWording)); the shipped one by default. */
  wording?: WordingChecker;
  /** Today (ISO), from the clock. */
  today?: string;
}

export function checkPublicationText(text: string, options: PublicationTextOptions = {}): TextFinding[] {
  const wording = options.wording ?? wordingChecker();
  const personal =
    options.today === undefined ? detectPersonalData(text) : detectPersonalData(text, { today: options.today });
  return sortFindings([...wording.check(text), ...personal]);
}

/** Whether findings block publication: any error, unless a reviewer overrides with a reason (the integration). */
export function blocksPublication(findings: readonly TextFinding[]): boolean {
  return findings.some((f) => f.level === 'error');
}
