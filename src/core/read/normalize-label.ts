/**
 * Normalises a label or cell text for matching: NFKC (full-width brackets and digits become half-width,
 * Kangxi radicals from PDF text layers such as ⼯ become 工), then drops every kind of white space and quote
 * mark, so that `（三） 不予公开`, `(三)不予公开` and `商业 企业` match their template labels, and
 * `危及三安全一稳定` matches `危及“三安全一稳定”`.
 */
// Template labels and cell values repeat in every report; remembering them makes batch checks several times
// faster. Only label-length strings are kept, and as flat copies: a cell's text is usually a slice of the whole
// document, and caching the slice itself would keep every document of a batch run alive.
const cache = new Map<string, string>();
const CACHE_LIMIT = 5_000;
const CACHED_LENGTH = 60;

/** A copy that shares no storage with the string it came from. */
function detached(text: string): string {
  return text.split('').join('');
}

export function normalizeLabel(text: string): string {
  if (/^[\d.-]*$/.test(text)) return text;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const norm = computeLabel(text);
  if (text.length <= CACHED_LENGTH) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const value = detached(norm);
    cache.set(detached(text), value);
    return value;
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
