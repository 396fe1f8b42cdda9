/**
 * @module
 * A kysely instance that only builds and compiles SQLite statements (it has no database): for
 * statements compiled once per shape (compiled-shapes.ts) outside any request.
 */
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { Db } from './client.ts';
import type { Database } from './schema.ts';

export const queryBuilder: Db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});
