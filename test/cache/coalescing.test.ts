/**
 * Misses of one key in an isolate are coalesced: while one request produces the entry, the others
 * wait for it in the memory tier instead of running the handler too; and a holder that never
 * finishes delays them at most LEASE_WAIT_MS, after which they run the handler themselves.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cachePolicies } from '../../generated/cache-policies.ts';
import type { AppEnv } from '../../src/app-env.ts';
import { cached } from '../../src/lib/cache/index.ts';

function appWith(handlerRuns: { count: number }, gate: () => Promise<void>, policyName: string) {
  const policy = { ...cachePolicies.getBranding, policy: policyName, tags: ['thing:{workspace}'] };
  const app = new Hono<AppEnv>();
  app.get('/api/v1/:workspace/thing', cached(policy, async (c) => {
    handlerRuns.count++;
    await gate();
    return c.json({ run: handlerRuns.count }, 200);
  }));
  return async () => {
    const ctx = createExecutionContext();
    const response = await app.fetch(new Request('https://coalesce.test/api/v1/ws/thing'), env, ctx);
    const body = await response.json();
    await waitOnExecutionContext(ctx);
    return { cache: response.headers.get('X-Cache'), body };
  };
}

describe('miss coalescing', () => {
  it('concurrent misses of one key run the handler once; the others are served its entry', async () => {
    const runs = { count: 0 };
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const get = appWith(runs, () => opened, `coalesce-${Date.now()}`);
    const first = get();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const others = [get(), get(), get()];
    await new Promise((resolve) => setTimeout(resolve, 30));
    open();
    expect(await first).toEqual({ cache: 'MISS', body: { run: 1 } });
    expect(await Promise.all(others)).toEqual([1, 2, 3].map(() => ({ cache: 'HIT', body: { run: 1 } })));
    expect(runs.count).toBe(1);
  });

  it('a holder that does not finish delays the others by at most the wait, then they run the handler', async () => {
    const runs = { count: 0 };
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const get = appWith(runs, () => (runs.count === 1 ? opened : Promise.resolve()), `coalesce-stuck-${Date.now()}`);
    const stuck = get();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    expect(await get()).toEqual({ cache: 'MISS', body: { run: 2 } });
    expect(Date.now() - started).toBeLessThan(3000);
    open();
    await stuck;
  });
});
