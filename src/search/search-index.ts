import type { Dialect } from '../db/open-database.ts';
import type { Db, Executor } from '../db/schema.ts';
import { searchStoreFor } from '../db/repositories/search/search-store-for.ts';
import type { SearchStore } from '../db/repositories/search/search-store.ts';
import { indexTokens } from './index-tokens.ts';
import { parseQuery, relaxQuery } from './parse-query.ts';
import type { HitTier, SearchDocument, SearchHit, SearchRequest, SearchResult } from './search-document.ts';
import { searchPlan } from './search-plan.ts';
import { highlight, snippet } from './snippet.ts';
import type { TermTokens } from './segment.ts';
import { dayNumber } from './sort-key.ts';

/**
 * Chinese full-text search of published items: ONE interface, the same behaviour on SQLite (FTS5) and
 * PostgreSQL (tsvector + GIN). The publication module calls upsert/remove inside its own transaction when an
 * item is published, revised or withdrawn; the portal calls search. See docs/search.md.
 */
export interface SearchIndex {
  upsert(ex: Executor, doc: SearchDocument): Promise<void>;
  /** Many documents at once (re-indexing, demo data); same result as upserting them one by one. */
  upsertMany(ex: Executor, docs: SearchDocument[]): Promise<void>;
  /** true when the item was in the index. */
  remove(ex: Executor, id: string): Promise<boolean>;
  search(ex: Executor, request: SearchRequest): Promise<SearchResult>;
  /** Around loading very many documents into an empty index (with the database, not a transaction). */
  beginBulkLoad(db: Db): Promise<void>;
  endBulkLoad(db: Db): Promise<void>;
  countAll(ex: Executor): Promise<number>;
  /** Bytes on disk of the full-text index and of the stored documents. */
  sizes(ex: Executor): Promise<{ indexBytes: number; documentBytes: number }>;
}

/** Counting stops here: the total is exact below it, "more than 1000" at it; pages go up to it. */
export const resultCap = 1000;
export const defaultPageSize = 10;
export const maxPageSize = 50;

/** `store` replaces the dialect's default store (tests use it to tune the PostgreSQL plan choice). */
export function createSearchIndex(dialect: Dialect, store: SearchStore = searchStoreFor(dialect)): SearchIndex {
  return new TieredSearchIndex(store);
}

function checkDocument(doc: SearchDocument): void {
  dayNumber(doc.publishedDate); // throws on a malformed date
  if (!doc.id) throw new Error('检索条目缺少 id');
  if (!Number.isInteger(doc.year)) throw new Error(`检索条目年份无效：${doc.year}`);
}

class TieredSearchIndex implements SearchIndex {
  constructor(private readonly store: SearchStore) {}

  upsert(ex: Executor, doc: SearchDocument): Promise<void> {
    return this.upsertMany(ex, [doc]);
  }

  async upsertMany(ex: Executor, docs: SearchDocument[]): Promise<void> {
    for (const d of docs) checkDocument(d);
    await this.store.upsertMany(
      ex,
      docs.map((doc) => ({ doc, tokens: indexTokens(doc) })),
    );
  }

  remove(ex: Executor, id: string): Promise<boolean> {
    return this.store.remove(ex, id);
  }

  beginBulkLoad(db: Db): Promise<void> {
    return this.store.beginBulkLoad(db);
  }

  endBulkLoad(db: Db): Promise<void> {
    return this.store.endBulkLoad(db);
  }

  countAll(ex: Executor): Promise<number> {
    return this.store.countAll(ex);
  }

  sizes(ex: Executor): Promise<{ indexBytes: number; documentBytes: number }> {
    return this.store.sizes(ex);
  }

  search(ex: Executor, request: SearchRequest): Promise<SearchResult> {
    return this.store.reading(ex, (reader) => this.searchWith(reader, request));
  }

  private async searchWith(ex: Executor, request: SearchRequest): Promise<SearchResult> {
    const pageSize = clampInt(request.pageSize ?? defaultPageSize, 1, maxPageSize);
    const page = clampInt(request.page ?? 1, 1, Math.ceil(resultCap / pageSize));
    let terms = parseQuery(request.query);
    const empty: SearchResult = {
      hits: [],
      total: 0,
      totalIsExact: true,
      page,
      pageSize,
      pageCount: 0,
      terms: terms.map((t) => t.text),
      relaxed: false,
    };
    if (terms.length === 0) return empty;

    const window = { offset: (page - 1) * pageSize, size: pageSize, cap: resultCap };
    let plan = searchPlan(terms, request.filters);
    let found = await this.store.page(ex, plan, window);
    let relaxed = false;
    if (found.counted === 0) {
      const looser = relaxQuery(terms);
      if (looser) {
        terms = looser;
        plan = searchPlan(terms, request.filters);
        found = await this.store.page(ex, plan, window);
        relaxed = true;
      }
    }
    const total = Math.min(found.counted, resultCap);
    const result: SearchResult = {
      ...empty,
      total,
      totalIsExact: found.counted <= resultCap,
      pageCount: Math.ceil(total / pageSize),
      terms: terms.map((t) => t.text),
      relaxed,
    };
    const picked = found.picked;
    if (picked.length === 0) return result;
    const docs =
      found.docs ??
      (await this.store.load(
        ex,
        picked.map((p) => p.key),
      ));
    const tierOf = new Map(picked.map((p) => [p.key, p.tier]));
    result.hits = docs.map((d) => toHit(d, tierOf.get(d.sortKey) ?? 'body', terms));
    return result;
  }
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function toHit(doc: SearchDocument, tier: HitTier, terms: TermTokens[]): SearchHit {
  const words = terms.map((t) => t.text);
  const fromBody = snippet(doc.body, words);
  let snippetHtml = fromBody.html;
  let snippetAttachment: string | null = null;
  if (!fromBody.matched) {
    for (const a of doc.attachments) {
      const fromAttachment = snippet(a.text, words);
      if (fromAttachment.matched) {
        snippetHtml = fromAttachment.html;
        snippetAttachment = a.name;
        break;
      }
    }
  }
  return {
    id: doc.id,
    url: doc.url,
    agencyId: doc.agencyId,
    catalogue: doc.catalogue,
    year: doc.year,
    docNumber: doc.docNumber,
    indexNumber: doc.indexNumber,
    publishedDate: doc.publishedDate,
    title: doc.title,
    titleHtml: highlight(doc.title, words),
    snippetHtml,
    snippetAttachment,
    tier,
  };
}
