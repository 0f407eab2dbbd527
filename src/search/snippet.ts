import { normalizeText, runs } from './segment.ts';

/**
 * Highlighting for search results: the matched terms wrapped in <mark>, everything else HTML-escaped. The only
 * markup in the output is the <mark> elements made here — never anything from the document, whatever it contains
 * (the body may hold "<script>", an attachment name "<img onerror>"). Matching ignores case, full-width forms
 * and punctuation the same way the index does, and maps back to the original characters for display.
 */

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** Control characters are not displayed (a NUL or an escape sequence in extracted PDF text). */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** How much of one text a snippet looks at. */
export const snippetScanChars = 20_000;

/** Original text seen as its letters and digits only, each mapped back to where it is in the original. */
interface KeptText {
  kept: string;
  /** For each UTF-16 unit of `kept`: [start, end) of the original code point it comes from. */
  from: number[];
  to: number[];
}

function keep(original: string): KeptText {
  let kept = '';
  const from: number[] = [];
  const to: number[] = [];
  const n = original.length;
  for (let i = 0; i < n;) {
    const c = original.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    // Fast paths (ASCII, CJK Unified Ideographs, CJK and full-width punctuation) agree with normalizeText + runs;
    // anything else goes through them one code point at a time.
    if (c < 0x80) {
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) {
        kept += original[i]!;
        from.push(i);
        to.push(i + 1);
      } else if (c >= 0x41 && c <= 0x5a) {
        kept += String.fromCharCode(c + 32);
        from.push(i);
        to.push(i + 1);
      }
    } else if (c >= 0x4e00 && c <= 0x9fff) {
      kept += original[i]!;
      from.push(i);
      to.push(i + 1);
    } else if (!((c >= 0x3001 && c <= 0x3037 && c !== 0x3007) || (c >= 0xff01 && c <= 0xff0f))) {
      for (const run of runs(normalizeText(original.slice(i, i + width)))) {
        for (let u = 0; u < run.text.length; u++) {
          from.push(i);
          to.push(i + width);
        }
        kept += run.text;
      }
    }
    i += width;
  }
  return { kept, from, to };
}

/** Ranges [start, end) of the original text where a term occurs, sorted and merged. */
export function matchRanges(original: string, terms: string[]): [number, number][] {
  const k = keep(original);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = k.kept.indexOf(term); at >= 0; at = k.kept.indexOf(term, at + term.length)) {
      ranges.push([k.from[at]!, k.to[at + term.length - 1]!]);
      if (ranges.length > 10_000) break;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function markRanges(text: string, ranges: [number, number][], start: number, end: number): string {
  let html = '';
  let at = start;
  for (const [s, e] of ranges) {
    if (e <= start || s >= end) continue;
    const ms = Math.max(s, start);
    const me = Math.min(e, end);
    html += escapeHtml(printable(text.slice(at, ms)));
    html += `<mark>${escapeHtml(printable(text.slice(ms, me)))}</mark>`;
    at = me;
  }
  return html + escapeHtml(printable(text.slice(at, end)));
}

/** The whole text, escaped, terms marked (for titles). */
export function highlight(text: string, terms: string[]): string {
  return markRanges(text, matchRanges(text, terms), 0, text.length);
}

/**
 * A passage of about `length` characters around the first match (a little context before it), escaped and
 * marked; the start of the text when nothing matches (`matched` false). "…" marks a cut.
 */
export function snippet(text: string, terms: string[], length = 120): { html: string; matched: boolean } {
  // Only the first part of a very long attachment is looked at: the passage is for people, and the search itself
  // has already decided that the item matches.
  const compact = text.slice(0, snippetScanChars).replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(compact, terms);
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - Math.floor(length / 4)) : 0;
  let end = Math.min(compact.length, start + length);
  if (end - start < length) start = Math.max(0, end - length);
  // Never cut a surrogate pair or a match in two.
  if (start > 0 && /[\udc00-\udfff]/.test(compact[start] ?? '')) start--;
  if (end < compact.length && /[\udc00-\udfff]/.test(compact[end] ?? '')) end++;
  for (const [s, e] of ranges) if (s < end && e > end) end = e;
  const html = (start > 0 ? '…' : '') + markRanges(compact, ranges, start, end) + (end < compact.length ? '…' : '');
  return { html, matched: first !== undefined };
}
