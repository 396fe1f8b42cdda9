import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { buildDocsAssets } from './scripts/lib/docs-assets.ts';

// Two projects: the Worker's tests run inside workerd with real D1 and the Cache API; tooling
// (generator, load driver, scripts) is tested in Node.
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
            // Real-browser tests drive a local server from Node.
            exclude: ['test/browser/**'],
            setupFiles: ['test/setup/apply-migrations.ts'],
          },
        },
        {
          test: {
            name: 'node',
            environment: 'node',
            include: ['scripts/**/*.test.ts', 'load/**/*.test.ts', 'test/browser/**/*.test.ts'],
          },
        },
      ],
    },
  };
});
