/**
 * @module
 * Per-request timing: `Server-Timing: total;dur=…` on every response, so clients and the load
 * driver can tell server time from network time.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

export const serverTiming: MiddlewareHandler<AppEnv> = async (c, next) => {
  const start = performance.now();
  await next();
  c.res.headers.append('Server-Timing', `total;dur=${(performance.now() - start).toFixed(1)}`);
};
