import { defineConfig } from 'vitest/config';

/** Node-side tests (generator outputs, load driver): plain Node, not workerd. */
export default defineConfig({
  test: {
    include: ['load/test/**/*.test.ts'],
    environment: 'node',
  },
});
