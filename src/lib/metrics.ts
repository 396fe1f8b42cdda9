/**
 * @module
 * Per-request timing: `Server-Timing: total;dur=…` on every response, so clients and the load
 * driver can tell server time from network time, and `db;desc="N statements"`, the D1 statements
 * the request ran (a list that grows with its page size would show an N+1 here).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { countStatements } from '../db/statement-count.ts';

export const serverTiming: MiddlewareHandler<AppEnv> = async (c, next) => {
  const start = performance.now();
  const { statements } = await countStatements(next);
  c.res.headers.append('Server-Timing', `total;dur=${(performance.now() - start).toFixed(1)}`);
  c.res.headers.append('Server-Timing', `db;desc="${statements} statements"`);
};
