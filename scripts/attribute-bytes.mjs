// Per-source byte attribution of a minified chunk: which source file each character of the built
// output comes from. `node scripts/attribute-bytes.mjs src/loader.ts` (default: the UI chunk). It imports rollup.config.mjs, which empties dist/: run `npm run build` after it.
import { rollup } from 'rollup';
import config from '../rollup.config.mjs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
const target = process.argv[2] || 'src/ui/mount.tsx';
const b = config.find(c => c.input === target);
const bundle = await rollup({ ...b, plugins: b.plugins.filter(p => p && p.name !== 'sri' && p.name !== 'copy-data') });
const { output } = await bundle.generate({ ...(b.output), sourcemap: true, dir: undefined, file: undefined, entryFileNames: 'x.js', chunkFileNames: 'c-[name].js' });
const main = output[0];
const map = new TraceMap(main.map);
const lines = main.code.split('\n');
const counts = {};
lines.forEach((line, li) => { for (let col = 0; col < line.length; col++) { const p = originalPositionFor(map, { line: li + 1, column: col }); const k = (p.source || '?').replace(/.*node_modules\//, 'nm:').replace(/.*\/src\//, 'src/'); counts[k] = (counts[k] || 0) + 1; } });
console.log(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => v + '\t' + k).join('\n'));
