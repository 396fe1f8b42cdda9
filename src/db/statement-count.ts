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

/** The binding with statement counting; outside a scope it counts nothing and changes nothing. */
export function countingD1(d1: D1Database): D1Database {
  return new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare') {
        return (query: string) => {
          const scope = scopes.getStore();
          if (scope) scope.statements += 1;
          return target.prepare(query);
        };
      }
      if (property === 'exec') {
        return (query: string) => {
          const scope = scopes.getStore();
          if (scope) scope.statements += query.split(';').filter((part) => part.trim() !== '').length;
          return target.exec(query);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
