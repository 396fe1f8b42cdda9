/**
 * @module
 * The kysely instance over D1, and `runBatch`: kysely-d1 has no transactions, so a write that
 * touches several rows compiles its statements and runs them as one `D1.batch()`, which D1
 * executes atomically (all or nothing). Both go through the measuring binding, so each
 * request knows how many statements it ran (see d1-usage.ts).
 */
import { Kysely, type CompiledQuery } from 'kysely';
import type { Database } from './schema.ts';
import { ConcurrentD1Dialect } from './d1-dialect.ts';
import { measuredD1 } from './d1-usage.ts';

export type Db = Kysely<Database>;

const instances = new WeakMap<D1Database, { d1: D1Database; db: Db }>();

/**
 * One counting binding and one kysely per D1 binding. Sharing them across requests is safe because
 * neither holds a promise of one request that another awaits (see d1-dialect.ts).
 */
function instrumented(d1: D1Database): { d1: D1Database; db: Db } {
  let entry = instances.get(d1);
  if (!entry) {
    const counted = measuredD1(d1);
    entry = { d1: counted, db: new Kysely<Database>({ dialect: new ConcurrentD1Dialect({ database: counted }) }) };
    instances.set(d1, entry);
  }
  return entry;
}

export function database(d1: D1Database): Db {
  return instrumented(d1).db;
}

export interface Compilable {
  compile(): CompiledQuery;
}

/** Runs the statements in order, atomically; returns each statement's rows. */
export async function runBatch<Row = Record<string, unknown>>(d1: D1Database, queries: Compilable[]): Promise<Row[][]> {
  const counted = instrumented(d1).d1;
  const statements = queries.map((q) => {
    const compiled = q.compile();
    return counted.prepare(compiled.sql).bind(...(compiled.parameters as unknown[]));
  });
  const results = await counted.batch<Row>(statements);
  return results.map((r) => r.results ?? []);
}
