/**
 * @module
 * Helpers for the cache tests: a read that reports what the cache did, polling for a background
 * refresh, and a D1 binding that can be made to fail, so the real wrapper and the real handlers
 * meet a failing database. The Worker under test (SELF) runs in this
 * isolate, so patching the D1 binding's prototype here changes the database the handlers see, and
 * `advanceClock()` moves the cache's clock.
 */
import { env } from 'cloudflare:test';
import { api } from '../support/api.ts';

export interface CachedRead<T = unknown> {
  status: number;
  cache: string | null;
  age: number | null;
  etag: string | null;
  headers: Headers;
  body: T;
}

export async function read<T = unknown>(path: string, headers: Record<string, string> = {}, options: { otherReader?: boolean } = {}): Promise<CachedRead<T>> {
  const res = await api(path, { headers, otherReader: options.otherReader });
  const text = await res.text();
  const age = res.headers.get('X-Cache-Age');
  return {
    status: res.status,
    cache: res.headers.get('X-Cache'),
    age: age === null ? null : Number(age),
    etag: res.headers.get('ETag'),
    headers: res.headers,
    body: (text === '' ? null : JSON.parse(text)) as T,
  };
}

/** Reads until the cache answers `state` (a background refresh has landed), at most ~1 s. */
export async function readUntil<T = unknown>(path: string, state: string): Promise<CachedRead<T>> {
  for (let attempt = 0; ; attempt++) {
    const result = await read<T>(path);
    if (result.cache === state || attempt === 100) return result;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Prepare = D1Database['prepare'];
type Batch = D1Database['batch'];
type WithSession = D1Database['withSession'];
const d1Prototype = Object.getPrototypeOf(env.DB) as { prepare: Prepare; batch: Batch; withSession: WithSession };

/** The error D1 raises when it cannot be reached. */
export const d1Outage = () => new Error('D1_ERROR: Network connection lost.');

/** Runs `body` while every D1 query fails as an outage does. */
export async function withDatabaseDown<T>(body: () => Promise<T>): Promise<T> {
  const { prepare, batch, withSession } = d1Prototype;
  d1Prototype.prepare = () => {
    throw d1Outage();
  };
  d1Prototype.batch = () => Promise.reject(d1Outage());
  // Requests run their statements in a D1 session: it fails the same way.
  d1Prototype.withSession = () => ({ prepare: d1Prototype.prepare, batch: d1Prototype.batch, getBookmark: () => null }) as unknown as D1DatabaseSession;
  try {
    return await body();
  } finally {
    d1Prototype.prepare = prepare;
    d1Prototype.batch = batch;
    d1Prototype.withSession = withSession;
  }
}
