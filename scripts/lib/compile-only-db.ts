/**
 * @module
 * A kysely over our schema that never touches a database: builders compile to SQLite SQL, and a
 * query a module executes itself is recorded instead of run (its result is empty). Lets scripts
 * take the exact SQL the handlers run from the same query functions.
 */
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Db } from '../../src/db/client.ts';
import type { Database } from '../../src/db/schema.ts';

class RecordingConnection implements DatabaseConnection {
  constructor(private readonly recorded: CompiledQuery[]) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.recorded.push(query);
    return { rows: [] };
  }

  // eslint-disable-next-line require-yield -- nothing to stream
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not recorded');
  }
}

class RecordingDriver implements Driver {
  readonly recorded: CompiledQuery[] = [];
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RecordingConnection(this.recorded);
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export interface CompileOnlyDb {
  db: Db;
  /** Queries executed through `db` since the last call. */
  takeRecorded(): CompiledQuery[];
}

export function compileOnlyDb(): CompileOnlyDb {
  const driver = new RecordingDriver();
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  return { db, takeRecorded: () => driver.recorded.splice(0) };
}

export interface Compilable {
  compile(): CompiledQuery;
}

function isCompilable(value: unknown): value is Compilable {
  return typeof value === 'object' && value !== null && typeof (value as { compile?: unknown }).compile === 'function';
}

/**
 * The SQL a query function produces: its builder(s) compiled, or what it executed. A function that
 * executes and then fails on the empty result has still recorded its query.
 */
export async function captureQueries(compileOnly: CompileOnlyDb, build: (db: Db) => unknown): Promise<CompiledQuery[]> {
  compileOnly.takeRecorded();
  let built: unknown;
  try {
    built = build(compileOnly.db);
    if (built instanceof Promise) built = await built;
  } catch {
    built = undefined;
  }
  const compiled = (Array.isArray(built) ? built : [built]).filter(isCompilable).map((q) => q.compile());
  return [...compiled, ...compileOnly.takeRecorded()];
}
