/**
 * Normalises a label or cell text for matching: NFKC (full-width brackets and digits become half-width,
 * Kangxi radicals from PDF text layers such as ⼯ become 工), then drops every kind of white space and quote
 * mark, so that `（三） 不予公开`, `(三)不予公开` and `商业 企业` match their template labels, and
 * `危及三安全一稳定` matches `危及“三安全一稳定”`.
 */
// Template labels and cell values repeat in every report; remembering them makes batch checks several times
// faster. The cache is bounded so a long batch run does not grow memory.
const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

export function normalizeLabel(text: string): string {
  if (/^[\d.-]*$/.test(text)) return text;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const norm = computeLabel(text);
  if (text.length <= 200) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, norm);
  }
  return norm;
}

function computeLabel(text: string): string {
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
