/**
 * @module
 * Requests straight into the Worker's fetch export in this context. Hundreds of requests in flight
 * at once through SELF (each a subrequest of the test) trip workerd's cross-request I/O checks in
 * the test runner; calling the export interleaves them just the same at every D1 await.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index.ts';
import type { RequestOptions } from './api.ts';

export async function direct(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const request = new Request(`https://api.test${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
