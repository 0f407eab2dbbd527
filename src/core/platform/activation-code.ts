/**
 * One-time activation codes, given to a person out of band (on paper, by phone) in two halves of 12 characters
 * each (60 bits each, 120 together) from Crockford's base-32 alphabet — no I, L, O, U, so nothing is misread.
 * People may type them in lower case, with or without the hyphens and spaces; O is read as 0, I and L as 1.
 */
export const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const codePartLength = 12;

/** "ABCD-EFGH-JKMN" for display. */
export function formatCodePart(part: string): string {
  return part.match(/.{1,4}/g)?.join('-') ?? part;
}

/** The canonical 12 characters of a typed half, or null if it cannot be one. */
export function normalizeCodePart(typed: string): string | null {
  const s = typed
    .toUpperCase()
    .replace(/[\s\-－—]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== codePartLength) return null;
  for (const ch of s) if (!codeAlphabet.includes(ch)) return null;
  return s;
}
