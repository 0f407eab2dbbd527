import type { SearchDocument } from '../../../search/search-document.ts';
import type { SearchPlan } from '../../../search/search-plan.ts';
import type { Db, Executor } from '../../schema.ts';
import type { PageKeys, PageWindow } from './page-by-tiers.ts';

/** A document with its index tokens (made by src/search/index-tokens.ts), ready to store. */
export interface IndexedDocument {
  doc: SearchDocument;
  tokens: string[];
}

/**
 * The storage side of search, one implementation per database: FTS5 (SQLite) and a tsvector with a GIN index
 * (PostgreSQL). Both store the same namespaced tokens and answer the same MatchExpression, newest first; ranking
 * tiers (the plan), relaxing and snippets are done once, above them, in src/search/search-index.ts.
 */
export interface SearchStore {
  /**
   * Runs the queries of one search together (PostgreSQL: one read transaction with its planner settings, so a
   * search costs a few round trips, not dozens). `fn` gets the executor to pass to count/keys/load.
   */
  reading<T>(ex: Executor, fn: (ex: Executor) => Promise<T>): Promise<T>;
  /** Inserts or replaces documents (the old text of a replaced document is gone from the index). */
  upsertMany(ex: Executor, docs: IndexedDocument[]): Promise<void>;
  /** true when the document was indexed. */
  remove(ex: Executor, id: string): Promise<boolean>;
  /**
   * Counts the plan's matches (stopping at window.cap + 1) and picks the keys of the window: tier by tier, newest
   * first within a tier. SQLite walks the tiers (pageByTiers); PostgreSQL answers a query with few matches in
   * one statement.
   */
  page(ex: Executor, plan: SearchPlan, window: PageWindow): Promise<PageKeys>;
  /** The stored documents of these keys, in the order of the keys (missing ones skipped). */
  load(ex: Executor, keys: number[]): Promise<(SearchDocument & { sortKey: number })[]>;
  /** Before loading very many documents into an empty index: drop what slows bulk inserts. */
  beginBulkLoad(db: Db): Promise<void>;
  /** After a bulk load: rebuild / merge the index for query speed. Not inside a transaction (PostgreSQL VACUUM). */
  endBulkLoad(db: Db): Promise<void>;
  /** How many documents are indexed. */
  countAll(ex: Executor): Promise<number>;
  /** Bytes on disk of the full-text index and of the stored documents (with their indexes). */
  sizes(ex: Executor): Promise<{ indexBytes: number; documentBytes: number }>;
}
