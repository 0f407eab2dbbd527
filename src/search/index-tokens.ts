import type { SearchDocument } from './search-document.ts';
import { substringTokens, wordTokens } from './segment.ts';

/**
 * Every index token carries a one-letter namespace, so that title, body, words and filters are separate terms in
 * ONE index column / ONE tsvector: "title contains 街道" is the term t街道 — its own short posting list, no column
 * filter or tsvector weight to check afterwards (a weight restriction forces PostgreSQL to re-read every row).
 */
export const ns = {
  /** substring tokens of the title, 文号 and 索引号 */
  title: 't',
  /** substring tokens of the body and the attachments' text */
  body: 'b',
  /** jieba words of the title */
  word: 'w',
  /** substring tokens of the 文号 alone (the 文号 filter) */
  docNumber: 'd',
  agency: 'a',
  /** every agency on the item's agency path (subtree filter) */
  ancestor: 'p',
  catalogue: 'c',
  year: 'y',
  /** a gap between two texts, so that no phrase runs from the end of one into the start of the next */
  gap: 'x',
} as const;

/**
 * PostgreSQL keeps positions only up to 16383 in a tsvector; past it phrases cannot be matched. Both databases
 * index the same first tokens of a document, so they find the same things (bodies of a few thousand characters
 * are far below; a very long attachment is indexed by its first ~16,000 characters).
 */
export const maxIndexTokens = 16_000;

/** Filter values are free text (ids, codes): hex of their UTF-8 keeps them one letters-and-digits token. */
export function filterToken(namespace: string, value: string): string {
  let hex = '';
  for (const b of new TextEncoder().encode(value)) hex += b.toString(16).padStart(2, '0');
  return namespace + hex;
}

/** The ids on an agency path "/<root>/…/<id>/". */
export function pathIds(agencyPath: string): string[] {
  return agencyPath.split('/').filter((s) => s.length > 0);
}

/** The ordered token stream of one document (positions matter for phrases). */
export function indexTokens(doc: SearchDocument): string[] {
  const out: string[] = [
    filterToken(ns.agency, doc.agencyId),
    ...[...new Set([...pathIds(doc.agencyPath), doc.agencyId])].map((id) => filterToken(ns.ancestor, id)),
    filterToken(ns.catalogue, doc.catalogue),
    `${ns.year}${doc.year}`,
    ...wordTokens(doc.title).map((w) => ns.word + w),
  ];
  const add = (namespace: string, text: string) => {
    out.push(ns.gap);
    for (const t of substringTokens(text)) {
      if (out.length >= maxIndexTokens) return;
      out.push(namespace + t);
    }
  };
  add(ns.docNumber, doc.docNumber);
  add(ns.title, doc.title);
  add(ns.title, doc.docNumber);
  add(ns.title, doc.indexNumber);
  add(ns.body, doc.body);
  for (const a of doc.attachments) add(ns.body, a.text);
  return out.slice(0, maxIndexTokens);
}
