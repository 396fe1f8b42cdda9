/**
 * @module
 * `npm run generate`: spec/openapi.yaml → generated/ (and load/). With `--check`, writes nothing
 * and fails when a committed generated file differs from what the spec generates.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitCachePolicies } from './emit-cache-policies.ts';
import { emitApiTypes, emitClient } from './emit-client.ts';
import { emitHandlers } from './emit-handlers.ts';
import { emitK6 } from './emit-k6.ts';
import { emitLoadModel } from './emit-load-model.ts';
import { emitRateLimits } from './emit-rate-limits.ts';
import { emitRouter } from './emit-router.ts';
import { emitRoutes } from './emit-routes.ts';
import { emitSchemas } from './emit-schemas.ts';
import { emitSpecJson } from './emit-spec-json.ts';
import { checkBindingsDeclared } from './rate-limit-bindings.ts';
import { loadSpec, SpecError } from './spec-model.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function outputs(): Promise<Record<string, string>> {
  const model = loadSpec(join(root, 'spec', 'openapi.yaml'));
  checkBindingsDeclared(model, readFileSync(join(root, 'wrangler.toml'), 'utf8'));
  return {
    'generated/schemas.ts': emitSchemas(model),
    'generated/routes.ts': emitRoutes(model),
    'generated/handlers.ts': emitHandlers(model),
    'generated/router.ts': emitRouter(model),
    'generated/cache-policies.ts': emitCachePolicies(model),
    'generated/rate-limits.ts': emitRateLimits(model),
    'generated/api-types.ts': await emitApiTypes(model),
    'generated/client.ts': emitClient(),
    'generated/spec.json': emitSpecJson(model),
    'load/model.generated.json': emitLoadModel(model),
    'load/k6/feedback.js': emitK6(model),
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await outputs();
  const stale: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    const path = join(root, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === content) continue;
    stale.push(relative(root, path));
    if (!check) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
  if (check && stale.length > 0) {
    console.error(`generated files differ from what spec/openapi.yaml generates (run \`npm run generate\`):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(check ? `generated/ is up to date (${Object.keys(files).length} files)` : `wrote ${stale.length} of ${Object.keys(files).length} generated files`);
}

main().catch((error: unknown) => {
  console.error(error instanceof SpecError ? `spec error: ${error.message}` : error);
  process.exit(1);
});
