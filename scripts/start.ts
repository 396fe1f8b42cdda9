/**
 * @module
 * `npm start`: the production-like local server on 127.0.0.1:8787 (PORT overrides). Local secrets,
 * local D1 migrated and demo data seeded (idempotent), `npm run build`, then the built bundle on
 * workerd through Miniflare (see lib/production-server.ts). Stops workerd on SIGINT/SIGTERM.
 */
import { prepareLocalDatabase } from './lib/local-database.ts';
import { buildWorker, startProductionServer } from './lib/production-server.ts';
import { serverPort } from './lib/server-url.ts';
import { stopOnSignals } from './lib/stop-on-signals.ts';

const port = serverPort();
console.log('Preparing the local D1 (migrations, demo data)…');
prepareLocalDatabase();
console.log('Building the Worker (npm run build)…');
buildWorker();
const server = await startProductionServer({ port });
stopOnSignals(() => server.dispose());
console.log(`API on ${server.url} (built bundle on workerd; admin keys in .dev.vars; reference at /docs)`);
