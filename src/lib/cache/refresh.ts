/**
 * @module
 * Background refresh for stale-while-revalidate. The stale copy has already been returned, and the
 * handler cannot run again on a context whose response is final, so the refresh dispatches a new
 * GET for the same URL through the app; the cache wrapper recognizes it (by identity, which no
 * client can forge) and runs the handler and stores the result without looking the entry up.
 * One refresh per key at a time in this isolate; other isolates may each run their own.
 */
import type { ExecutionContext } from 'hono';
import type { Env } from '../../env.ts';

export interface RefreshDispatcher {
  fetch(request: Request, env: Env, executionCtx: ExecutionContext): Response | Promise<Response>;
}

let dispatcher: RefreshDispatcher | undefined;
let warnedUnbound = false;
const refreshRequests = new WeakSet<Request>();
const running = new Map<string, Promise<void>>();

/** Called once by the app with itself. */
export function serveCacheRefreshesThrough(app: RefreshDispatcher): void {
  dispatcher = app;
}

export function isRefreshRequest(request: Request): boolean {
  return refreshRequests.has(request);
}

async function dispatchRefresh(url: string, source: Request, env: Env, executionCtx: ExecutionContext): Promise<void> {
  if (!dispatcher) {
    if (!warnedUnbound) console.warn('cache: no refresh dispatcher bound; stale entries are refreshed by the next miss');
    warnedUnbound = true;
    return;
  }
  const headers = new Headers(source.headers);
  for (const conditional of ['If-None-Match', 'If-Modified-Since']) headers.delete(conditional);
  const request = new Request(url, { method: 'GET', headers });
  refreshRequests.add(request);
  try {
    const response = await dispatcher.fetch(request, env, executionCtx);
    await response.body?.cancel();
    // A 404 or 410 has dropped the entry (cached.ts); any other failure leaves it to serve.
    if (response.status !== 200) console.warn(`cache: refresh of ${url} answered ${response.status}`);
  } catch (error) {
    console.warn(`cache: refresh of ${url} failed:`, error);
  }
}

/** Starts a refresh of `key` unless one is running in this isolate; the request lives until it ends. */
export function refreshInBackground(key: string, source: Request, env: Env, executionCtx: ExecutionContext): void {
  if (running.has(key)) return;
  const refresh = dispatchRefresh(source.url, source, env, executionCtx).finally(() => running.delete(key));
  running.set(key, refresh);
  executionCtx.waitUntil(refresh);
}
