import type { Dialect } from '../../open-database.ts';
import { postgresSearchStore } from './postgres-search-store.ts';
import type { SearchStore } from './search-store.ts';
import { sqliteSearchStore } from './sqlite-search-store.ts';

export function searchStoreFor(dialect: Dialect): SearchStore {
  return dialect === 'sqlite' ? sqliteSearchStore : postgresSearchStore;
}
