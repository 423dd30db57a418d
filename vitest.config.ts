import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the "portflow-source" export
// condition (see each package's "exports"), so tests never need a build first.
const source = 'portflow-source';

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions], externalConditions: [source] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    testTimeout: 120_000,
    pool: 'threads',
    // Both cores: the validation files are independent and CPU-bound.
    maxWorkers: 2,
  },
});
