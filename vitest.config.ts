import { defineConfig } from 'vitest/config';

// Two runtimes: happy-dom for the logic, a real Chromium (playwright-core) for what only a browser
// can show. Browser tests run one file at a time: each starts its own server and browser.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'happy-dom', include: ['test/{core,ui,build}/**/*.test.{ts,tsx}', 'test/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 30000,
          hookTimeout: 60000,
          fileParallelism: false,
        },
      },
    ],
  },
});
