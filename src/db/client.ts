/**
 * @module
 * The kysely instance over D1, and `runBatch`: kysely-d1 has no transactions, so a write that
 * touches several rows compiles its statements and runs them as one `D1.batch()`, which D1
 * executes atomically (all or nothing).
 */
import { Kysely, type CompiledQuery } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

const instances = new WeakMap<D1Database, Db>();

/** One kysely per D1 binding; building it is cheap but needless on every request. */
export function database(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) {
    db = new Kysely<Database>({ dialect: new D1Dialect({ database: d1 }) });
    instances.set(d1, db);
  }
  return db;
}

export interface Compilable {
  compile(): CompiledQuery;
}

/** Runs the statements in order, atomically; returns each statement's rows. */
export async function runBatch<Row = Record<string, unknown>>(d1: D1Database, queries: Compilable[]): Promise<Row[][]> {
  const statements = queries.map((q) => {
    const compiled = q.compile();
    return d1.prepare(compiled.sql).bind(...(compiled.parameters as unknown[]));
  });
  const results = await d1.batch<Row>(statements);
  return results.map((r) => r.results ?? []);
}
