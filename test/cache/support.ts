/**
 * @module
 * Helpers for the cache tests: a read that reports what the cache did, polling for a background
 * refresh, and a D1 binding that can be made to fail, so the real wrapper and the real handlers
 * meet a failing database. The Worker under test (SELF) runs in this
 * isolate, so patching the D1 binding's prototype here changes the database the handlers see, and
 * `advanceClock()` moves the cache's clock.
 */
import { api } from '../support/api.ts';
import { withD1Failing } from '../support/d1-faults.ts';

export interface CachedRead<T = unknown> {
  status: number;
  cache: string | null;
  age: number | null;
  etag: string | null;
  headers: Headers;
  body: T;
}

export async function read<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<CachedRead<T>> {
  const res = await api(path, { headers });
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

/** Runs `body` while every D1 query fails as an outage does. */
export function withDatabaseDown<T>(body: () => Promise<T>): Promise<T> {
  return withD1Failing('outage', 0, body);
}
