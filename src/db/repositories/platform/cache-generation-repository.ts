import { sql } from 'kysely';
import type { Executor } from '../../schema.ts';

/** The current generation of a cache scope (0 before the first invalidation). One primary-key read. */
export async function readCacheGeneration(ex: Executor, scope: string): Promise<number> {
  const r = await ex.selectFrom('cache_generations').select('generation').where('scope', '=', scope).executeTakeFirst();
  return r ? Number(r.generation) : 0;
}

/** Bumps a scope's generation atomically (the same statement on SQLite and PostgreSQL); returns the new one. */
export async function bumpCacheGeneration(ex: Executor, scope: string): Promise<number> {
  const r = await ex
    .insertInto('cache_generations')
    .values({ scope, generation: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ generation: sql<number>`cache_generations.generation + 1` }))
    .returning('generation')
    .executeTakeFirstOrThrow();
  return Number(r.generation);
}
