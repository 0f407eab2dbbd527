/**
 * Normalises a label or cell text for matching: NFKC (full-width brackets and digits become half-width,
 * Kangxi radicals from PDF text layers such as ⼯ become 工), then drops every kind of white space and quote
 * mark, so that `（三） 不予公开`, `(三)不予公开` and `商业 企业` match their template labels, and
 * `危及三安全一稳定` matches `危及“三安全一稳定”`.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(/["'“”‘’「」『』]/g, '')
    .replace(/[：]/g, ':');
}

/** NFKC plus collapsed white space, for running text shown to people and scanned by text checks. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u3000\u200b\ufeff]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
