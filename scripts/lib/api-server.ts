/**
 * @module
 * A local API server for scripts and browser tests: the local D1 prepared as `npm start` does,
 * `wrangler dev` on the given port, ready once `/healthz` answers; `stop()` ends it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { prepareLocalDatabase } from '../start.ts';
import { wranglerDev } from './wrangler.ts';

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

export interface ApiServer {
  baseUrl: string;
  vars: Record<string, string>;
  /** What the server printed, for a failure's message. */
  log: () => string;
  stop: () => Promise<void>;
}

export async function startApiServer(port: number): Promise<ApiServer> {
  const vars = prepareLocalDatabase();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = wranglerDev(port, { quiet: true });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  server.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    server.kill('SIGINT');
    const forced = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(forced);
  };
  try {
    await waitForHealth(baseUrl, 90_000);
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\n${output.slice(-4000)}`);
  }
  return { baseUrl, vars, log: () => output, stop };
}
