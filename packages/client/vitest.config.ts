import { defineConfig } from 'vitest/config';

export default defineConfig({
  // note: `source` maps the package's own `#crypto` import to src/, so tests need no build
  resolve: { conditions: ['source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
