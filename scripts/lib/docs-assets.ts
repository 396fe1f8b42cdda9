/**
 * @module
 * The reference UI at /docs without any CDN: the standalone bundle of the pinned
 * `@scalar/api-reference` package, copied under a content-hashed name into the Worker's static
 * assets (`build/static`, wrangler.toml `[assets]`), with the page that loads it (by that name and
 * its SRI hash). Run before `wrangler dev`, the tests and the deploy bundle; idempotent.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

export const ASSETS_DIR = join(repoRoot, 'build', 'static');

/** Shown by the page while the script loads, and when scripts are off. */
const noscript = 'The interactive reference needs JavaScript; the contract itself is at <a href="/openapi.json">/openapi.json</a>.';

/** The package exports no file path, so the bundle is read from where npm installs it. */
function standaloneBundle(): Buffer {
  return readFileSync(join(repoRoot, 'node_modules', '@scalar', 'api-reference', 'dist', 'browser', 'standalone.js'));
}

function page(scriptPath: string, integrity: string): string {
  // Scalar's default fonts come from its CDN: the page uses the system's.
  const configuration = JSON.stringify({ withDefaultFonts: false });
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Feedback Platform API reference</title>
</head>
<body>
  <noscript>${noscript}</noscript>
  <script id="api-reference" data-url="/openapi.json" data-configuration='${configuration}'></script>
  <script src="${scriptPath}" integrity="${integrity}" crossorigin="anonymous"></script>
</body>
</html>
`;
}

export function buildDocsAssets(): { scriptPath: string } {
  const bundle = standaloneBundle();
  const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
  const scriptPath = `/docs/api-reference.${hash}.js`;
  rmSync(join(ASSETS_DIR, 'docs'), { recursive: true, force: true });
  mkdirSync(join(ASSETS_DIR, 'docs'), { recursive: true });
  writeFileSync(join(ASSETS_DIR, scriptPath), bundle);
  writeFileSync(join(ASSETS_DIR, 'docs', 'index.html'), page(scriptPath, integrity));
  return { scriptPath };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`docs assets: ${buildDocsAssets().scriptPath}`);
