import { defineConfig } from 'vitest/config';

// Two runtimes: happy-dom for the logic, a real Chromium (playwright-core) for what only a browser
// can show, and node for the receipts collector. Browser tests run one file at a time: each starts its
// own server and browser.
export default defineConfig({
  // The tests see the bundler build's feature (src/core/build-flags.d.ts).
  define: { __BUNDLER__: 'true' },
  // Vite 8 transforms with oxc (the `esbuild` key is ignored): JSX goes to preact's automatic runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // The UI imports its stylesheet as text (`styles.css?raw`); vitest blanks CSS unless told.
    css: { include: [/\/src\/ui\/.*\.css\?raw$/] },
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
      {
        extends: true,
        // The reference receipts collector (demo/collector): real HTTP on 127.0.0.1, child processes.
        test: {
          name: 'collector',
          environment: 'node',
          include: ['test/collector/**/*.test.ts'],
          testTimeout: 30000,
          fileParallelism: false,
        },
      },
    ],
  },
});
