/**
 * @module
 * `npm run dev`: local D1 prepared as for `npm start`, then `wrangler dev` with live reload on
 * 127.0.0.1:8787 (PORT overrides). wrangler runs in its own process group, so SIGINT/SIGTERM stop
 * it and every workerd it started, not only wrangler itself.
 */
import { buildDocsAssets } from './lib/docs-assets.ts';
import { prepareLocalDatabase } from './lib/local-database.ts';
import { serverPort } from './lib/server-url.ts';
import { stopOnSignals } from './lib/stop-on-signals.ts';
import { stopProcessGroup, wranglerDev } from './lib/wrangler.ts';

const port = serverPort();
console.log('Preparing the local D1 (migrations, demo data)…');
prepareLocalDatabase();
buildDocsAssets();
const child = wranglerDev(port, { liveReload: true });
stopOnSignals(() => stopProcessGroup(child));
child.on('exit', (code) => process.exit(code ?? 0));
