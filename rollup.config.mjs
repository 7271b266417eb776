// Builds dist/: the loader (classic IIFE script, no preact), the ESM entry for bundlers, the lazily
// loaded UI chunk (preact bundled in), and the JSON Schema. Each file is minified on its own:
// nothing private crosses a file boundary, so no shared mangle table is needed.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import esbuild from 'rollup-plugin-esbuild';
import { transformSync } from 'esbuild';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';

// dist/ holds exactly what this build writes: no stale chunk from an older layout.
rmSync('dist', { recursive: true, force: true });

const TERSER = {
  ecma: 2020,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
  mangle: { properties: { regex: /^_/ } },
  format: { comments: false },
};
const minify = terser(TERSER);
// The loader runs on every page view, in <head>: its first line asks V8 to compile every function
// while the file streams in, on a background thread, instead of lazily on the main thread when each
// is first called (explicit compile hints, Chromium 136 and later; other engines ignore the comment).
// On a returning visit that is about a third of the loader's script time (README, Performance).
// The UI chunk too: what it runs to draw the first layer is most of it.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
const minifyHinted = terser({ ...TERSER, format: { ...TERSER.format, preamble: COMPILE_HINT } });
// Build flag (src/core/build-flags.d.ts): `__BUNDLER__`, what only `init()` of consentry.mjs is
// handed, dropped from the loader.
const ts = (bundler = true) =>
  esbuild({
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: false,
    define: { __BUNDLER__: String(bundler) },
  });

// `import css from './styles.css?raw'` (Vite's convention, so vitest reads the same import): the file's
// text as a default-export string, CSS minified by esbuild (the stylesheets stay readable in src/).
// JSON files (the locale packs) become a default-export object.
const RAW = '?raw';
const minifyCss = css => transformSync(css, { loader: 'css', minify: true, target: ['chrome80', 'firefox101', 'safari16.4'] }).code.trim(); // README, "Browser support"
const assets = {
  name: 'assets',
  resolveId: (id, importer) => (id.endsWith(RAW) && importer ? resolve(dirname(importer), id) : null),
  load(id) {
    if (!id.endsWith(RAW)) return null;
    const file = id.slice(0, -RAW.length);
    this.addWatchFile(file);
    const text = readFileSync(file, 'utf8');
    return 'export default ' + JSON.stringify(file.endsWith('.css') ? minifyCss(text) : text);
  },
  transform: (code, id) => (id.endsWith('.json') ? 'export default ' + JSON.stringify(JSON.parse(code)) : null),
};

// The schema for editors, and the language packs, one compact JSON file each in dist/i18n/.
const copyData = {
  name: 'copy-data',
  writeBundle() {
    mkdirSync('dist/i18n', { recursive: true });
    copyFileSync('src/core/config.schema.json', 'dist/consentry.schema.json');
    for (const file of readdirSync('src/locales'))
      writeFileSync('dist/i18n/' + file, JSON.stringify(JSON.parse(readFileSync('src/locales/' + file, 'utf8'))));
  },
};

const builds = [
  {
    input: 'src/loader.ts',
    output: { file: 'dist/consentry.js', format: 'iife', inlineDynamicImports: true },
    plugins: [assets, ts(false), minifyHinted, copyData],
  },
  {
    input: 'src/core-chunk.ts',
    preserveEntrySignatures: 'allow-extension',
    // The fallback banner is a chunk of its own (consentry-core-fallback.js), fetched only when the
    // UI chunk could not be.
    output: { dir: 'dist', entryFileNames: 'consentry-core.js', chunkFileNames: 'consentry-core-[name].js', format: 'es' },
    plugins: [assets, ts(), minify],
  },
  {
    input: 'src/decide-chunk.ts',
    output: { file: 'dist/consentry-decide.js', format: 'es' },
    plugins: [assets, ts(), minify],
  },
  {
    input: 'src/receipts-chunk.ts',
    // Its chunks import from the entry: let the entry export more, no facade file.
    preserveEntrySignatures: 'allow-extension',
    // What only some pages need is a chunk of its own, fetched there (src/receipts-chunk.ts says which).
    output: { dir: 'dist', entryFileNames: 'consentry-receipts.js', chunkFileNames: 'consentry-receipts-[name].js', format: 'es' },
    plugins: [assets, ts(), minify],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/consentry.mjs', format: 'es' },
    plugins: [assets, ts(), minify],
  },
];

// dist/sri.json: a Subresource Integrity hash (sha384) of every file the build wrote, for the
// embed snippet's `integrity` and for checking a copy served from elsewhere. Written by the last
// build, once every other file is on disk.
const files = dir => readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const sri = {
  name: 'sri',
  writeBundle() {
    const hashes = {};
    for (const file of files('dist').sort())
      if (!file.startsWith(join('dist', 'types')) && !file.endsWith('sri.json'))
        hashes[relative('dist', file).split('\\').join('/')] = 'sha384-' + createHash('sha384').update(readFileSync(file)).digest('base64');
    writeFileSync('dist/sri.json', JSON.stringify(hashes, null, 2) + '\n');
  },
};

if (existsSync('src/ui/mount.tsx'))
  builds.push({
    input: 'src/ui/mount.tsx',
    // The preferences chunk imports from the entry: let the entry export more, no facade file.
    preserveEntrySignatures: 'allow-extension',
    // The preferences are a chunk of their own (consentry-ui-Preferences.js), fetched on first use.
    output: { dir: 'dist', entryFileNames: 'consentry-ui.js', chunkFileNames: 'consentry-ui-[name].js', format: 'es' },
    plugins: [assets, nodeResolve(), ts(), minifyHinted, sri],
  });

export default builds;
