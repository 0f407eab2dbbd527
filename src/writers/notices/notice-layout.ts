/**
 * Layout decisions shared by the DOCX and PDF notice writers, so both print the same thing:
 * - 附件说明 (GB/T 9704 §7.3.4): `附件：` two characters in, several attachments numbered `1.` `2.` with later names
 *   aligned under the first one; a single attachment is not numbered.
 * - 落款 with a seal (GB/T 9704 §7.3.5.1): the date four characters in from the right margin, the agency centred over
 *   the date; an agency name too long for that is right-aligned two characters in.
 */
import type { OfficialDocument } from '../../core/notices/official-document.ts';

export interface AttachmentLine {
  /** `附件：` on the first line, '' on the others (they are indented to align under the first name). */
  lead: string;
  text: string;
}

export function attachmentLines(attachments: readonly string[]): AttachmentLine[] {
  if (attachments.length === 1) return [{ lead: '附件：', text: attachments[0] ?? '' }];
  return attachments.map((name, i) => ({ lead: i === 0 ? '附件：' : '', text: `${i + 1}.${name}` }));
}

/**
 * Width of a text in characters of the body size: CJK and full-width forms are one character, digits and Latin
 * letters half of one (close enough for the serif faces both writers use).
 */
export function textWidthInChars(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) < 0x250 ? 0.5 : 1;
  return width;
}

/** Right insets of the agency and date lines, in the unit of `char` (one body character). */
export function signatureInsets(
  signature: OfficialDocument['signature'],
  char: number,
  measure: (text: string) => number = (t) => textWidthInChars(t) * char,
): { agency: number; date: number } {
  const date = 4 * char;
  const dateWidth = measure(signature.date);
  const agencyWidth = measure(signature.agency);
  const centred = date + (dateWidth - agencyWidth) / 2;
  return { agency: centred >= 2 * char ? centred : 2 * char, date };
}
