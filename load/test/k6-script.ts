/**
 * @module
 * Loads the generated k6 script in Node: bundled by esbuild with `k6`, `k6/http`, `k6/metrics`
 * resolved to the test stub, k6's globals (`__ENV`, `__VU`, `__ITER`) set on globalThis.
 */
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const k6ScriptPath = join(repoRoot, 'load', 'k6', 'feedback.js');
const stubPath = join(repoRoot, 'load', 'test', 'k6-runtime-stub.ts');

export interface K6Module {
  options: {
    scenarios: Record<string, { executor: string; startVUs: number; stages: Array<{ duration: string; target: number }>; gracefulRampDown: string; gracefulStop: string }>;
    thresholds: Record<string, string[]>;
  };
  setup: () => { vars: Record<string, string> };
  default: (data: { vars: Record<string, string> }) => void;
  handleSummary: (data: unknown) => Record<string, string>;
}

let bundled: string | undefined;
let loads = 0;

/** The k6 script's imports, as esbuild resolves them (externals only: nothing else is bundled in). */
export async function scriptImports(): Promise<string[]> {
  const result = await build({ entryPoints: [k6ScriptPath], bundle: true, write: false, format: 'esm', metafile: true, external: ['*'], logLevel: 'silent' });
  return Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
}

export async function loadK6Script(env: Record<string, string>, globals: { vu?: number; iter?: number } = {}): Promise<K6Module> {
  if (!bundled) {
    const result = await build({
      entryPoints: [k6ScriptPath],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      plugins: [{
        name: 'k6-stub',
        setup(b) {
          b.onResolve({ filter: /^k6(\/http|\/metrics)?$/ }, () => ({ path: stubPath }));
        },
      }],
      logLevel: 'silent',
    });
    const dir = mkdtempSync(join(tmpdir(), 'k6-script-'));
    bundled = join(dir, 'feedback.mjs');
    writeFileSync(bundled, result.outputFiles[0]!.text);
  }
  const g = globalThis as Record<string, unknown>;
  g.__ENV = env;
  g.__VU = globals.vu ?? 1;
  g.__ITER = globals.iter ?? 0;
  loads += 1;
  // A fresh module instance per load: options are computed from __ENV at import time.
  return (await import(`${pathToFileURL(bundled).href}?load=${loads}`)) as K6Module;
}
