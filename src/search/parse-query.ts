import { cutWords, maxQueryTerms, normalizeText, maxQueryChars, termTokens, type TermTokens } from './segment.ts';

/**
 * The user's search text → terms. Whitespace separates terms (all must match, like every search box people
 * know); everything inside a term is matched as a contiguous substring, punctuation ignored
 * (锡滨政办发〔2025〕12号 = 锡滨政办发 2025 12 号 in a row). Nothing of the input is passed on except the letters
 * and digits of its tokens: operators, quotes, NEAR, *, :, &, |, !, parentheses, NUL are separators here.
 */
export function parseQuery(input: string): TermTokens[] {
  const seen = new Set<string>();
  const terms: TermTokens[] = [];
  for (const part of normalizeText(input, maxQueryChars).split(/\s+/)) {
    const term = termTokens(part);
    if (!term || seen.has(term.text)) continue;
    seen.add(term.text);
    terms.push(term);
    if (terms.length === maxQueryTerms) break;
  }
  return terms;
}

/**
 * A query that found nothing, loosened: each term of three or more characters is cut into words by jieba and every
 * word must appear, anywhere (滨湖区行政复议决定 → 滨湖区 行政复议 决定). One-character words (的, 和) are dropped
 * when the term has longer ones. Returns null when cutting changes nothing.
 */
export function relaxQuery(terms: TermTokens[]): TermTokens[] | null {
  const out: TermTokens[] = [];
  const seen = new Set<string>();
  let changed = false;
  for (const term of terms) {
    const words = term.singleRun ? cutWords(term.text) : [];
    const useful = words.filter((w) => Array.from(w).length > 1);
    const pieces = useful.length > 1 ? useful : [term.text];
    if (pieces.length > 1) changed = true;
    for (const p of pieces) {
      const t = termTokens(p);
      if (t && !seen.has(t.text)) {
        seen.add(t.text);
        out.push(t);
      }
    }
  }
  return changed ? out.slice(0, maxQueryTerms) : null;
}
