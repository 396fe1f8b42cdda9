/**
 * @module
 * A local API server for scripts and browser tests: the local D1 prepared and the Worker built as
 * `npm start` does, the production-like server on the given port, ready when it resolves;
 * `stop()` ends it.
 */
import { prepareLocalDatabase } from './local-database.ts';
import { buildWorker, startProductionServer } from './production-server.ts';

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
