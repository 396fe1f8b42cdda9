/**
 * @module
 * Counting the D1 statements a request runs: `countStatements(fn)` opens a per-request scope
 * (AsyncLocalStorage, so concurrent requests in one isolate never mix), and `countingD1(d1)` wraps
 * the binding so every prepared statement, alone or in a batch, adds one to the current scope.
 * Each statement is prepared once and run once by kysely-d1 and `runBatch`, so preparations are
 * executions. The metrics middleware reports the total in `Server-Timing`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface StatementScope {
  statements: number;
}

const scopes = new AsyncLocalStorage<StatementScope>();

export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const scope: StatementScope = { statements: 0 };
  const result = await scopes.run(scope, fn);
  return { result, statements: scope.statements };
}

function count(n: number): void {
  const scope = scopes.getStore();
  if (scope) scope.statements += n;
}

/** The binding with statement counting; outside a scope it counts nothing and changes nothing. */
export function countingD1(d1: D1Database): D1Database {
  // A plain object rather than a Proxy: this sits on every statement's path.
  const counted: Pick<D1Database, 'prepare' | 'batch' | 'exec' | 'withSession'> = {
    prepare(query) {
      count(1);
      return d1.prepare(query);
    },
    batch: (statements) => d1.batch(statements),
    exec(query) {
      count(query.split(';').filter((part) => part.trim() !== '').length);
      return d1.exec(query);
    },
    withSession: (start) => d1.withSession(start),
  };
  return counted as D1Database;
}
