import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open-database.ts';

/**
 * PostgreSQL search (docs/search.md, "The two databases"): one GIN index over `head || body`; the filters agency, catalogue and year become plain
 * columns of `search_vectors`, each with a b-tree on (value, sort_key). A filtered search of a broad term then
 * walks only the rows of that year / catalogue / agency newest first — through the tsvector the walk had to check
 * every newer row of the whole table (2 s for 街道 in 2023 at a million items). The filter tokens stay in `head`
 * (the GIN index still combines them with rare terms).
 *
 * The statistics target of the two tsvectors is raised so that ANALYZE lists lexemes down to ~0.1 % of the rows
 * (instead of ~4 %): the store picks GIN or the ordered walk from these frequencies.
 *
 * SQLite needs nothing: FTS5 intersects the filter tokens' posting lists in rowid order.
 */
export function searchFilterColumnsMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`ALTER TABLE search_vectors
          ADD COLUMN agency_id text NOT NULL DEFAULT '',
          ADD COLUMN catalogue text NOT NULL DEFAULT '',
          ADD COLUMN year integer NOT NULL DEFAULT 0`.execute(db);
      await sql`UPDATE search_vectors v SET agency_id = d.agency_id, catalogue = d.catalogue, year = d.year
          FROM search_documents d WHERE d.sort_key = v.sort_key`.execute(db);
      for (const column of ['agency_id', 'catalogue', 'year']) {
        await sql`CREATE INDEX ${sql.id(`search_vectors_${column}_idx`)} ON search_vectors (${sql.id(column)}, sort_key)`.execute(
          db,
        );
      }
      // One GIN index over both vectors instead of one each: a search's candidates are then ONE index condition
      // (title OR body, for every term, and the filters) — with two indexes PostgreSQL combined them badly and
      // checked the rest row by row, decompressing body vectors.
      await sql`DROP INDEX IF EXISTS search_vectors_head_idx`.execute(db);
      await sql`DROP INDEX IF EXISTS search_vectors_body_idx`.execute(db);
      await sql`CREATE INDEX search_vectors_tokens_idx ON search_vectors USING gin ((head || body))`.execute(db);
      await sql`ALTER INDEX search_vectors_tokens_idx ALTER COLUMN 1 SET STATISTICS 0`.execute(db);
      await sql`ALTER TABLE search_vectors ALTER COLUMN head SET STATISTICS 1000`.execute(db);
      await sql`ALTER TABLE search_vectors ALTER COLUMN body SET STATISTICS 1000`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`DROP INDEX search_vectors_tokens_idx`.execute(db);
      await sql`CREATE INDEX search_vectors_head_idx ON search_vectors USING gin (head)`.execute(db);
      await sql`CREATE INDEX search_vectors_body_idx ON search_vectors USING gin (body)`.execute(db);
      await sql`ALTER TABLE search_vectors DROP COLUMN agency_id, DROP COLUMN catalogue, DROP COLUMN year`.execute(db);
      await sql`ALTER TABLE search_vectors ALTER COLUMN head SET STATISTICS -1`.execute(db);
      await sql`ALTER TABLE search_vectors ALTER COLUMN body SET STATISTICS -1`.execute(db);
    },
  };
}
