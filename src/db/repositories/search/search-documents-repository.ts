import { sortKeyCandidate } from '../../../search/sort-key.ts';
import type { SearchAttachment, SearchDocument } from '../../../search/search-document.ts';
import type { Executor, SearchDocumentRow } from '../../schema.ts';
import type { IndexedDocument } from './search-store.ts';

/** Rows per INSERT: 13 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const chunkSize = 500;

export function chunks<T>(items: T[], size = chunkSize): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toRow(doc: SearchDocument, sortKey: number): SearchDocumentRow {
  return {
    doc_id: doc.id,
    sort_key: sortKey,
    agency_id: doc.agencyId,
    agency_path: doc.agencyPath,
    catalogue: doc.catalogue,
    year: doc.year,
    doc_number: doc.docNumber,
    index_number: doc.indexNumber,
    title: doc.title,
    body: doc.body,
    attachments: JSON.stringify(doc.attachments.map((a) => ({ name: a.name, text: a.text }))),
    published_date: doc.publishedDate,
    url: doc.url,
  };
}

/**
 * Deletes these documents' rows; returns the sort keys they had (their index entries must go too). Shared by both
 * databases (plain Kysely).
 */
export async function deleteDocuments(ex: Executor, ids: string[]): Promise<number[]> {
  const keys: number[] = [];
  for (const part of chunks(ids)) {
    const rows = await ex.deleteFrom('search_documents').where('doc_id', 'in', part).returning('sort_key').execute();
    for (const r of rows) keys.push(Number(r.sort_key));
  }
  return keys;
}

/**
 * Inserts documents (none of them may exist) and gives each a free sort key: the UNIQUE constraint decides, so two
 * app servers indexing items of the same day never take the same key — a taken key is skipped (ON CONFLICT DO
 * NOTHING, no failed transaction) and the next candidate tried.
 */
export async function insertDocuments(ex: Executor, docs: SearchDocument[]): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  let pending = docs.map((doc) => ({ doc, attempt: 0 }));
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (const part of chunks(pending)) {
      const rows = await ex
        .insertInto('search_documents')
        .values(part.map((p) => toRow(p.doc, sortKeyCandidate(p.doc.publishedDate, p.doc.id, p.attempt))))
        .onConflict((oc) => oc.column('sort_key').doNothing())
        .returning(['doc_id', 'sort_key'])
        .execute();
      for (const r of rows) keys.set(r.doc_id, Number(r.sort_key));
      for (const p of part) {
        if (keys.has(p.doc.id)) continue;
        if (p.attempt >= 64) throw new Error(`无法为检索条目分配排序键：${p.doc.id}`);
        next.push({ doc: p.doc, attempt: p.attempt + 1 });
      }
    }
    pending = next;
  }
  return keys;
}

function parseAttachments(json: string): SearchAttachment[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.map((a: { name?: unknown; text?: unknown }) => ({
      name: typeof a?.name === 'string' ? a.name : '',
      text: typeof a?.text === 'string' ? a.text : '',
    }));
  } catch {
    return [];
  }
}

/** A stored document with its key, as a search result shows it. */
export type StoredDocument = SearchDocument & { sortKey: number };

/** One `search_documents` row as the document it stores. */
export function storedDocument(r: SearchDocumentRow): StoredDocument {
  return {
    sortKey: Number(r.sort_key),
    id: r.doc_id,
    agencyId: r.agency_id,
    agencyPath: r.agency_path,
    catalogue: r.catalogue,
    year: Number(r.year),
    docNumber: r.doc_number,
    indexNumber: r.index_number,
    title: r.title,
    body: r.body,
    attachments: parseAttachments(r.attachments),
    publishedDate: r.published_date,
    url: r.url,
  };
}

export async function loadDocuments(ex: Executor, keys: number[]): Promise<StoredDocument[]> {
  if (keys.length === 0) return [];
  const rows = await ex.selectFrom('search_documents').selectAll().where('sort_key', 'in', keys).execute();
  const byKey = new Map(rows.map((r) => [Number(r.sort_key), r]));
  const out: StoredDocument[] = [];
  for (const k of keys) {
    const r = byKey.get(k);
    if (r) out.push(storedDocument(r));
  }
  return out;
}

export async function countDocuments(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The first half of an upsert, the same on both databases: the documents (the last of each id) replace their stored
 * rows — `removeKeys` takes the replaced rows' keys out of the database's index — and get their sort keys.
 */
export async function replaceDocuments(
  ex: Executor,
  docs: IndexedDocument[],
  removeKeys: (ex: Executor, keys: number[]) => Promise<void>,
): Promise<{ unique: IndexedDocument[]; keys: Map<string, number> }> {
  const unique = [...new Map(docs.map((d) => [d.doc.id, d])).values()];
  if (unique.length === 0) return { unique, keys: new Map() };
  await removeKeys(
    ex,
    await deleteDocuments(
      ex,
      unique.map((d) => d.doc.id),
    ),
  );
  const keys = await insertDocuments(
    ex,
    unique.map((d) => d.doc),
  );
  return { unique, keys };
}
