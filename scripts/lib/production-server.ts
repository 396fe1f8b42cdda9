/**
 * @module
 * The production-like local server: the built Worker bundle (`dist/index.js`, from `npm run build`)
 * on workerd through Miniflare's API, with the bindings wrangler derives from wrangler.toml, the
 * secrets in `.dev.vars`, and the same local state as `wrangler dev` (`.wrangler/state/v3`: D1,
 * Cache API). No dev proxy in front and no per-request logging: requests reach the Worker directly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare, type V4WorkerOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { readDevVars } from './dev-vars.ts';
import { repoRoot } from './paths.ts';

export const bundlePath = join(repoRoot, 'dist', 'index.js');
const statePath = join(repoRoot, '.wrangler', 'state', 'v3');

/** `npm run build`: whatever the build produces (assets, then the Worker bundle). */
export function buildWorker(): void {
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(bundlePath)) {
    throw new Error(`npm run build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export interface ProductionServerOptions {
  port: number;
  /** Opens the V8 inspector of the Worker's isolate on this port (CPU profiles). */
  inspectorPort?: number;
  /** Another built bundle than dist/index.js (say, a copy of an earlier build, to compare). */
  bundle?: string;
}

export interface ProductionServer {
  url: string;
  /** Stops workerd; resolves once it has exited. */
  dispose(): Promise<void>;
}

export async function startProductionServer(options: ProductionServerOptions): Promise<ProductionServer> {
  const bundle = options.bundle ?? bundlePath;
  // Module rules are for unbundled sources; the bundle is one ES module.
  const { modulesRules: _unbundled, ...fromConfig } = unstable_getMiniflareWorkerOptions(join(repoRoot, 'wrangler.toml')).workerOptions;
  // wrangler declares its own copy of Miniflare's option types; the values are Miniflare's.
  const workerOptions = fromConfig as V4WorkerOptions;
  const mf = new Miniflare(convertV4MiniflareOptions({
    rootPath: repoRoot,
    workers: [
      {
        ...workerOptions,
        name: 'feedback-platform-api',
        modules: [{ type: 'ESModule', path: bundle }],
        modulesRoot: dirname(bundle),
        bindings: { ...workerOptions.bindings, ...readDevVars() },
        // Clients reach the Worker on its own socket, as on Cloudflare. Miniflare's entry Worker
        // (its dev router: request copy, header rewriting, response re-wrap, a service-binding
        // hop) would otherwise run in front of every request on workerd's one thread; it cost
        // 4× a no-op Worker's CPU (docs/performance.md).
        unsafeDirectSockets: [{ host: '127.0.0.1', port: options.port }],
      },
    ],
    // The state wrangler dev and `wrangler d1 … --local` use, so all three see the same data.
    resourcePersistencePath: statePath,
    // The entry socket is unused (the Worker's own socket above serves); any free port.
    host: '127.0.0.1',
    port: 0,
    inspectorPort: options.inspectorPort,
    logRequests: false,
    // The placeholder `request.cf`, without fetching Cloudflare's over the network.
    cf: false,
    log: new Log(LogLevel.WARN),
  }));
  await mf.ready;
  const url = (await mf.unsafeGetDirectURL('feedback-platform-api')).toString().replace(/\/$/, '');
  return { url, dispose: () => mf.dispose() };
}
