import { sql } from 'kysely';
import type { AgencyRow, AgencyUpdate, Executor, NewAgencyRow } from '../../schema.ts';
import { likePrefix, type AgencyFilter } from './agency-filter.ts';
import { treeOrder } from '../../../core/platform/tree-order.ts';

export async function findAgency(ex: Executor, id: string): Promise<AgencyRow | undefined> {
  return ex.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAgencyByCode(ex: Executor, code: string): Promise<AgencyRow | undefined> {
  return ex.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Agencies visible under the filter, depth-first: a parent, then its children by sort order. */
export async function listAgencies(ex: Executor, filter: AgencyFilter = { kind: 'all' }): Promise<AgencyRow[]> {
  let q = ex.selectFrom('agencies').selectAll();
  if (filter.kind === 'none') return [];
  if (filter.kind === 'agency') q = q.where('id', '=', filter.agencyId);
  if (filter.kind === 'subtree') q = q.where('path', 'like', sql<string>`${likePrefix(filter.path)} ESCAPE '\\'`);
  return treeOrder(await q.execute());
}

/** What a caller decides about a new agency; settings, version and timestamps start the same for all. */
export type NewAgency = Omit<NewAgencyRow, 'settings' | 'version' | 'created_at' | 'updated_at'>;

export async function insertAgency(ex: Executor, agency: NewAgency, at: string): Promise<AgencyRow> {
  const row: NewAgencyRow = { ...agency, settings: '{}', version: 1, created_at: at, updated_at: at };
  return ex.insertInto('agencies').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Optimistic update: writes only if the stored version is still `expectedVersion`, and bumps it.
 * Returns the new row, or undefined when someone else saved first (the caller reports CONFLICT).
 */
export async function updateAgencyVersioned(
  ex: Executor,
  id: string,
  expectedVersion: number,
  patch: AgencyUpdate,
): Promise<AgencyRow | undefined> {
  return ex
    .updateTable('agencies')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function countAgencies(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
