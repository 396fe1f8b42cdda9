import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { buildDocsAssets } from './scripts/lib/docs-assets.ts';

// Three projects: the Worker's tests run inside workerd with real D1 and the Cache API; tooling
// (generator, load driver, scripts) and the widget's logic are tested in Node; the widget and the
// served assets in real Chromium against a local server.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');
  // The Worker's static assets (wrangler.toml [assets]) must exist before it starts.
  buildDocsAssets();
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  CURSOR_SECRET: 'test-cursor-secret',
                  PLATFORM_ADMIN_TOKEN: 'test-platform-token',
                },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
            exclude: ['test/browser/**'],
            setupFiles: ['test/setup/apply-migrations.ts'],
          },
        },
        {
          test: {
            name: 'node',
            environment: 'node',
            include: ['scripts/**/*.test.ts', 'load/**/*.test.ts', 'widget/**/*.test.ts', 'sdk/**/*.test.ts', 'dashboard/**/*.test.ts'],
          },
        },
        {
          // Real Chromium against `wrangler dev` (started by the tests on ports 8842-8844), after the
          // other projects, so its server and browser do not slow their timing-sensitive tests.
          test: {
            name: 'browser',
            sequence: { groupOrder: 1 },
            environment: 'node',
            include: ['test/browser/**/*.test.ts'],
            testTimeout: 120_000,
            hookTimeout: 240_000,
          },
        },
      ],
    },
  };
});
