/**
 * @module
 * A local API server for scripts and browser tests: the local D1 prepared and the Worker built as
 * `npm start` does, the production-like server on the given port, ready when it resolves;
 * `stop()` ends it.
 */
import { prepareLocalDatabase } from './local-database.ts';
import { buildWorker, startProductionServer } from './production-server.ts';

/** Resolves once `${baseUrl}/healthz` answers 200; rejects after `timeoutMs`. */
export async function waitForHealth(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not answer ${baseUrl}/healthz within ${timeoutMs / 1000} s`);
}

export interface ApiServer {
  baseUrl: string;
  vars: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startApiServer(port: number): Promise<ApiServer> {
  const vars = prepareLocalDatabase();
  buildWorker();
  const server = await startProductionServer({ port });
  return { baseUrl: server.url, vars, stop: () => server.dispose() };
}
