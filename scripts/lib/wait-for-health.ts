/** @module Waiting for a local server to answer `/healthz`. */
import { setTimeout as sleep } from 'node:timers/promises';

export async function waitForHealth(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the server did not answer ${baseUrl}/healthz within ${timeoutMs / 1000} s`);
}
