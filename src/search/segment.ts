import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Turns Chinese (and mixed) text into index tokens and query tokens. The only place that knows about
 * characters, bigrams and the segmenter; both search implementations (SQLite FTS5, PostgreSQL tsvector) index
 * and query exactly the tokens made here, so they find exactly the same documents.
 *
 * Two kinds of tokens (docs/search.md explains why):
 * - **substring tokens** — each run of CJK characters becomes its overlapping character bigrams plus the run's
 *   last character (街道办事处 → 街道 道办 办事 事处 处); Latin letters and digits become whole tokens, split
 *   where letters meet digits (GB22239 → gb 22239). A query term is the phrase of its bigrams, so any
 *   two-or-more-character substring is found (年度 inside 本年度, 复议 inside 行政复议): 100 % recall with
 *   substring semantics, while a two-character term is ONE token (a short posting list, no phrase check). A
 *   single character is a prefix query on the bigrams that start with it (and the run-final unigram).
 * - **word tokens** — the title cut by jieba in search mode (行政复议 → 行政 复议 行政复议). They never decide
 *   WHETHER a document matches, only how high it ranks: a title containing the term as a word ranks first.
 */

/** A CJK "ideographic" character: indexed by character bigrams (Han, kana, Hangul, bopomofo). */
const cjkChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;
const letter = /\p{L}/u;
const digit = /\p{N}/u;

/** The longest text we read of one field: bounds memory and time per document and per query. */
export const maxFieldChars = 200_000;
/** Latin/digit runs are cut to this length (a base64 blob in an attachment is not a word; PostgreSQL lexemes are
 * limited to 2 KB). Index and query cut the same way, so a long run still matches by its start. */
export const maxRunChars = 64;
/** Longest query text considered; the rest is ignored (a search box is not a document). */
export const maxQueryChars = 100;
/** At most this many terms of a query are used; more make no sense and only cost time. */
export const maxQueryTerms = 8;

/**
 * NFKC (full-width Ｐｏｌｉｃｙ/２０２５ → policy/2025, compatibility ideographs such as ⼯ → 工 from PDF text),
 * lower case, and control characters (NUL included) replaced by spaces.
 */
export function normalizeText(text: string, maxChars = maxFieldChars): string {
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  // NFKC is the slow step; text made only of characters it leaves alone (or maps to punctuation, which separates
  // tokens either way: ，（）：) skips it.
  const folded = needsNfkc.test(cut) ? cut.normalize('NFKC') : cut;
  // eslint-disable-next-line no-control-regex
  return folded.toLowerCase().replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/**
 * Characters outside ASCII, CJK Unified Ideographs, CJK punctuation (not 〸〹〺, which NFKC makes 十卄卅) and
 * full-width punctuation: only text containing one of them needs NFKC.
 */
// eslint-disable-next-line no-control-regex
const needsNfkc = /[^\u0000-\u007f\u3001-\u3037\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;

type CharKind = 'cjk' | 'letter' | 'digit' | 'other';

/** The kind of the code point at `i` (fast paths for ASCII, CJK Unified Ideographs and CJK punctuation). */
function kindAt(text: string, i: number, width: number): CharKind {
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return 'letter';
    if (c >= 0x30 && c <= 0x39) return 'digit';
    return 'other';
  }
  if (c >= 0x4e00 && c <= 0x9fff) return 'cjk';
  if (c >= 0x3000 && c <= 0x303f) return c === 0x3007 ? 'cjk' : 'other'; // 〇 is a Han numeral
  if (c >= 0xff00 && c <= 0xff0f) return 'other';
  const ch = width === 1 ? text[i]! : text.slice(i, i + 2);
  if (cjkChar.test(ch)) return 'cjk';
  if (letter.test(ch)) return 'letter';
  if (digit.test(ch)) return 'digit';
  return 'other';
}

/** A run of characters of one kind, in normalized text. */
export interface Run {
  kind: 'cjk' | 'letter' | 'digit';
  text: string;
}

/** Splits normalized text into runs of CJK characters, letters and digits; everything else separates. */
export function runs(normalized: string): Run[] {
  const out: Run[] = [];
  let kind: CharKind = 'other';
  let start = 0;
  let i = 0;
  const n = normalized.length;
  while (i < n) {
    const c = normalized.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const k = kindAt(normalized, i, width);
    if (k !== kind) {
      if (kind !== 'other') out.push({ kind, text: normalized.slice(start, i) });
      kind = k;
      start = i;
    }
    i += width;
  }
  if (kind !== 'other') out.push({ kind, text: normalized.slice(start, n) });
  return out;
}

/**
 * Substring tokens of a text (not namespaced): bigrams + run-final character for CJK, whole Latin/digit runs.
 * A CJK run that follows digits or letters also gets its first character alone before its bigrams (the
 * boundary token: 12号文 → 12 号 号文 文): a 文号 typed in full ends in such a character (…159号), and without
 * this token the query would need a prefix 号* — FTS5 and GIN then merge the posting lists of every bigram
 * starting with 号, the slowest query of the benchmark (docs/search.md).
 */
export function substringTokens(text: string): string[] {
  const out: string[] = [];
  let previous: Run['kind'] | null = null;
  for (const run of runs(normalizeText(text))) {
    const after = previous;
    previous = run.kind;
    if (run.kind !== 'cjk') {
      out.push(run.text.slice(0, maxRunChars));
      continue;
    }
    const chars = Array.from(run.text);
    if (after !== null && after !== 'cjk') out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    out.push(chars[chars.length - 1]!);
  }
  return out;
}

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** jieba search-mode words of a text (sub-words included: 行政复议 → 行政, 复议, 行政复议), deduplicated. */
export function wordTokens(text: string): string[] {
  const normalized = normalizeText(text);
  if (!normalized.trim()) return [];
  const words = new Set<string>();
  for (const w of segmenter().cutForSearch(normalized, true)) {
    // A "word" is kept only if it is one run (CJK word, Latin word, number) — punctuation and spaces are dropped,
    // and mixed pieces such as "t22239-2019" are split the same way substring tokens are.
    for (const run of runs(w)) words.add(run.kind === 'cjk' ? run.text : run.text.slice(0, maxRunChars));
  }
  return [...words];
}

/** jieba's ordinary cut of a query term into words (used to relax a query that found nothing). */
export function cutWords(text: string): string[] {
  const normalized = normalizeText(text, maxQueryChars);
  const out: string[] = [];
  for (const w of segmenter().cut(normalized, true)) {
    const pieces = runs(w);
    if (pieces.length > 0) out.push(pieces.map((p) => p.text).join(''));
  }
  return out;
}

/**
 * One query term as index tokens: the phrase that must appear contiguously. `prefixLast` says the last token
 * is a prefix (a single CJK character matches every bigram it starts; a Latin/digit run matches longer runs
 * that start with it, so 索引号 fragments typed partly still match).
 */
export interface TermTokens {
  /** The term as the user sees it (normalized), for highlighting. */
  text: string;
  tokens: string[];
  prefixLast: boolean;
  /** One run of one kind (a CJK word, a number, a Latin word): only such a term can be a jieba word of a title. */
  singleRun: boolean;
}

/**
 * Query tokens of one term. A CJK run of the query gets its bigrams; its run-final character only when something
 * (digits, letters, punctuation) follows it in the term — then the document's run ends there too and has that
 * token — never at the end of the term, where the document's run may go on (年度 in 年度报告). A one-character
 * run at the end becomes a prefix token (it starts a bigram, or is the document's run-final token).
 */
export function termTokens(term: string): TermTokens | null {
  const normalized = normalizeText(term, maxQueryChars);
  const pieces = runs(normalized);
  if (pieces.length === 0) return null;
  const tokens: string[] = [];
  let prefixLast = false;
  pieces.forEach((run, index) => {
    const last = index === pieces.length - 1;
    if (run.kind !== 'cjk') {
      tokens.push(run.text.slice(0, maxRunChars));
      prefixLast = last;
      return;
    }
    const chars = Array.from(run.text);
    // After digits or letters the document has the boundary token (the run's first character alone), so a
    // term ending in …12号 needs no prefix.
    const boundary = index > 0 && pieces[index - 1]!.kind !== 'cjk';
    if (boundary) tokens.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
    if (!last || (chars.length === 1 && !boundary)) tokens.push(chars[chars.length - 1]!);
    prefixLast = !boundary && last && chars.length === 1;
  });
  return { text: pieces.map((p) => p.text).join(''), tokens, prefixLast, singleRun: pieces.length === 1 };
}
