/**
 * @module
 * What a request asks of D1: statements, time spent waiting for D1, and the rows D1 says it read
 * and wrote. `measureD1(usage, fn)` opens a per-request scope (AsyncLocalStorage, so concurrent
 * requests in one isolate never mix), and `measuredD1(d1)` wraps the binding so every prepared
 * statement, alone or in a batch, adds to the current scope. Each statement is prepared once and
 * run once by kysely-d1 and `runBatch`, so preparations are executions. Time is the sum of each
 * call's wall time, so statements run in parallel count once each. Only D1 paths pay for this:
 * a request that touches no D1 (a cache HIT) allocates nothing here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface D1Usage {
  statements: number;
  durationMs: number;
  rowsRead: number;
  rowsWritten: number;
}

const scopes = new AsyncLocalStorage<D1Usage>();

export function measureD1<T>(usage: D1Usage, fn: () => T): T {
  return scopes.run(usage, fn);
}

/**
 * Records statements run for the current request by another (a group commit, group-commit.ts):
 * captured in the request's scope, called from wherever the statements ran.
 */
export function d1UsageRecorder(): (statements: number, durationMs: number, metas: readonly (Partial<D1Meta> | undefined)[]) => void {
  const usage = scopes.getStore();
  return (statements, durationMs, metas) => {
    if (!usage) return;
    usage.statements += statements;
    usage.durationMs += durationMs;
    for (const meta of metas) addMeta(usage, meta);
  };
}

function addMeta(usage: D1Usage, meta: Partial<D1Meta> | undefined): void {
  if (!meta) return;
  usage.rowsRead += meta.rows_read ?? 0;
  usage.rowsWritten += meta.rows_written ?? 0;
}

async function timed<T>(usage: D1Usage | undefined, run: () => Promise<T>, meta: (result: T) => void): Promise<T> {
  if (!usage) return run();
  const start = performance.now();
  try {
    const result = await run();
    meta(result);
    return result;
  } finally {
    usage.durationMs += performance.now() - start;
  }
}

/** A prepared statement whose executions add their time and rows to the scope it was prepared in. */
class MeasuredStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    private readonly usage: D1Usage | undefined,
  ) {}

  bind(...values: unknown[]): MeasuredStatement {
    return new MeasuredStatement(this.inner.bind(...values), this.usage);
  }

  all<T>(): Promise<D1Result<T>> {
    return timed(this.usage, () => this.inner.all<T>(), (r) => addMeta(this.usage!, r.meta));
  }

  run<T>(): Promise<D1Result<T>> {
    return timed(this.usage, () => this.inner.run<T>(), (r) => addMeta(this.usage!, r.meta));
  }

  first<T>(column?: string): Promise<T | null> {
    return timed(this.usage, () => (column === undefined ? this.inner.first<T>() : this.inner.first<T>(column)), () => undefined);
  }

  raw<T>(): Promise<T[]> {
    return timed(this.usage, () => this.inner.raw<T>(), () => undefined);
  }
}

function unwrap(statement: D1PreparedStatement): D1PreparedStatement {
  return statement instanceof MeasuredStatement ? statement.inner : statement;
}

/** The binding with measurement; outside a scope it measures nothing and changes nothing. */
export function measuredD1(d1: D1Database): D1Database {
  return new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare') {
        return (query: string) => {
          const usage = scopes.getStore();
          if (!usage) return target.prepare(query);
          usage.statements += 1;
          return new MeasuredStatement(target.prepare(query), usage) as unknown as D1PreparedStatement;
        };
      }
      if (property === 'batch') {
        return <T>(statements: D1PreparedStatement[]) => {
          const usage = scopes.getStore();
          return timed(usage, () => target.batch<T>(statements.map(unwrap)), (results) => {
            for (const result of results) addMeta(usage!, result.meta);
          });
        };
      }
      if (property === 'exec') {
        return (query: string) => {
          const usage = scopes.getStore();
          if (usage) usage.statements += query.split(';').filter((part) => part.trim() !== '').length;
          return timed(usage, () => target.exec(query), () => undefined);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
