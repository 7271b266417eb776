// Where consentry's loader spends its time on a returning visit (README, "Performance, side by side"): `node test/bench/profile-return.mjs`.
// Serves the bench's article page (test/bench/libraries.mjs), makes one first visit that accepts
// everything, then loads the page again VISITS times as the returning visitor (fresh context with
// the stored cookies and storage, 4x CPU throttling), and prints:
// - a CPU profile (CDP Profiler, sampling every 50 µs), aggregated over the visits: self time per
//   function and per source line of the loader, mapped back to src/ through a source map, and the
//   top-level entries (the loader's evaluation against each callback it registered);
// - a trace of the same kind of visit (devtools.timeline): the main thread's script events, the
//   loader's compile, evaluation and callbacks against the tags, the page and everything else.
// The loader is built here as dist/consentry.js is (same plugins, same terser options, checked
// against dist/ when it exists), but beautified so that the profile's line ticks mean something.
// Options: --visits N (default 10), --rate N (CPU throttling, default 4), --interval µs (default 50),
// --minified (profile the loader exactly as dist/ has it: one line, so no line-level table),
// --top N (rows per table, default 25), --banner TEXT (put TEXT on the loader's first line, to try
// e.g. V8's compile hints: --banner '//# allFunctionsCalledOnLoad').
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { launchChromium } from '../_util/chromium.mjs';
import { ANALYTICS_JS, LIBRARIES } from './libraries.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values: opt } = parseArgs({
  options: {
    visits: { type: 'string', default: '10' },
    rate: { type: 'string', default: '4' },
    interval: { type: 'string', default: '50' },
    top: { type: 'string', default: '25' },
    minified: { type: 'boolean', default: false },
    banner: { type: 'string', default: '' },
  },
});
const VISITS = Number(opt.visits), RATE = Number(opt.rate), INTERVAL = Number(opt.interval), TOP = Number(opt.top);
const LOADER = 'consentry.js';

// ---------------------------------------------------------------------------------------------
// The loader, built as rollup.config.mjs builds dist/consentry.js, with a source map.

const TERSER = {
  ecma: 2020,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
  mangle: { properties: { regex: /^_/ } },
  format: { comments: false },
};
// rollup.config.mjs: the loaders' first line (V8's explicit compile hints).
const LOADER_PREAMBLE = '//# allFunctionsCalledOnLoad';
async function buildLoader(beautify) {
  const bundle = await rollup({
    input: join(ROOT, 'src/loader.ts'),
    plugins: [
      esbuild({ target: 'es2020', minify: false, define: { __PLUS__: 'false', __BUNDLER__: 'false' } }),
      terser({ ...TERSER, format: { ...TERSER.format, preamble: LOADER_PREAMBLE, beautify } }),
    ],
  });
  const { output } = await bundle.generate({ format: 'iife', inlineDynamicImports: true, sourcemap: true, sourcemapExcludeSources: false, ...(opt.banner && { banner: opt.banner }) });
  await bundle.close();
  return { code: output[0].code, map: output[0].map };
}

// A source map reader: base64 VLQ, one array of [generatedColumn, source, line, column, name] per generated line.
const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));
function readMap(map) {
  const lines = [];
  let src = 0, line = 0, col = 0, name = 0;
  for (const text of map.mappings.split(';')) {
    const segs = [];
    let gen = 0;
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const v = [];
      let shift = 0, value = 0;
      for (const ch of seg) {
        const d = B64[ch];
        value += (d & 31) * 2 ** shift;
        if (d & 32) shift += 5;
        else {
          v.push(value % 2 ? -Math.floor(value / 2) : value / 2);
          value = shift = 0;
        }
      }
      gen += v[0];
      if (v.length >= 4) {
        src += v[1];
        line += v[2];
        col += v[3];
        if (v.length >= 5) name += v[4];
        segs.push([gen, src, line, col, v.length >= 5 ? name : -1]);
      }
    }
    lines.push(segs);
  }
  const sources = map.sources.map(s => s.replace(/^(\.\.\/)+/, '').replace(/^.*?(src\/)/, '$1'));
  const contents = map.sources.map((s, i) => (map.sourcesContent?.[i] ?? '').split('\n'));
  /** The source position of a generated one (0-based line and column), or null. */
  const at = (genLine, genCol) => {
    const segs = lines[genLine];
    if (!segs?.length) return null;
    let lo = 0, hi = segs.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid][0] <= genCol) (best = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    const s = segs[Math.max(best, 0)];
    return { file: sources[s[1]], line: s[2] + 1, column: s[3], name: s[4] >= 0 ? map.names[s[4]] : null, text: (contents[s[1]][s[2]] || '').trim() };
  };
  /** The innermost named declaration at or above a source line: what the line belongs to. */
  const owner = (file, line) => {
    const text = contents[sources.indexOf(file)] || [];
    for (let i = line - 1; i >= 0; i--) {
      const m = /^\s*(?:export\s+)?(?:async\s+)?(?:function\s+(\w+)|(?:const|let)\s+(\w+)\s*(?::[^=]*)?=\s*(?:<[^>]*>)?\s*(?:async\s*)?(?:\(|\w+\s*=>|new |safe\())|^\s{2,6}(\w+)(?:\s*:|\()\s*(?:\(|async|\w+\s*=>)/.exec(text[i]);
      if (m) return m[1] || m[2] || m[3];
    }
    return '(module top level)';
  };
  return { at, owner };
}

// ---------------------------------------------------------------------------------------------
// The page and the visits.

const lib = LIBRARIES.find(l => l.id === 'consentry');
function serve(loaderCode) {
  const server = createServer((req, res) => {
    const path = new URL(req.url || '/', 'http://x').pathname;
    const send = (type, body) => {
      res.writeHead(200, { 'content-type': type + '; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/consentry') return send('text/html', lib.html);
    if (path === '/tags/analytics.js') return send('text/javascript', ANALYTICS_JS);
    if (path === '/lib/consentry/' + LOADER) return send('text/javascript', loaderCode);
    const file = join(ROOT, 'dist', path.replace(/^\/lib\/consentry\//, ''));
    if (path.startsWith('/lib/consentry/') && !path.includes('..') && existsSync(file)) return send(path.endsWith('.json') ? 'application/json' : 'text/javascript', readFileSync(file));
    res.writeHead(404);
    res.end();
  });
  return new Promise(r => server.listen(0, '127.0.0.1', () => r({ origin: 'http://127.0.0.1:' + server.address().port, close: () => server.close() })));
}

// The tags tell us through a CDP binding when they ran: no polling script in the page.
const INIT = `for (const name of ['__analytics', '__marketing']) { let v; Object.defineProperty(window, name, { configurable: true, get: () => v, set: x => { v = x; try { window.__benchSignal('tag'); } catch {} } }); }`;

/** A returning visit: loads the page, waits for both tags, the load event and 500 ms of quiet; `around` wraps it. */
async function returningVisit(browser, origin, state, around) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: state });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: '__benchSignal' });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  if (RATE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  await tab.addInitScript(INIT);
  let tags = 0, done;
  const both = new Promise(r => (done = r));
  cdp.on('Runtime.bindingCalled', e => e.name === '__benchSignal' && ++tags >= 2 && done());
  const result = await around(cdp, tab, async () => {
    await tab.goto(origin + '/consentry', { waitUntil: 'load' });
    await Promise.race([both, tab.waitForTimeout(15000).then(() => Promise.reject(new Error('the tags did not run')))]);
    await tab.waitForTimeout(500);
  });
  const script = (await cdp.send('Performance.getMetrics')).metrics.find(m => m.name === 'ScriptDuration').value * 1000;
  const banner = await tab.evaluate(() => !!document.getElementById('consentry-root')?.shadowRoot?.querySelector('consentry-ui'));
  await context.close();
  if (banner) throw new Error('the returning visit showed the banner: no decision was stored');
  return { ...result, script };
}

// ---------------------------------------------------------------------------------------------
// Aggregation.

const isLoader = url => url.endsWith('/' + LOADER);
const kindOf = url => (isLoader(url) ? LOADER : url.includes('/tags/') ? 'tag' : url ? 'page' : 'native');

/** Self time (µs) per sample of a CDP profile. */
function sampleTimes(p) {
  const out = new Array(p.samples.length);
  let t = p.startTime;
  const ts = p.timeDeltas.map(d => (t += d));
  for (let i = 0; i < ts.length; i++) out[i] = (i + 1 < ts.length ? ts[i + 1] : p.endTime) - ts[i];
  return out;
}

function aggregateProfiles(profiles, map) {
  const fns = new Map(), lines = new Map(), entries = new Map(), kinds = new Map();
  const add = (m, k, v, extra) => {
    const e = m.get(k) || { us: 0, ...extra };
    e.us += v;
    m.set(k, e);
  };
  for (const p of profiles) {
    const byId = new Map(p.nodes.map(n => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
    const rootId = p.nodes.find(n => !parent.has(n.id)).id;
    const self = new Map();
    const times = sampleTimes(p);
    p.samples.forEach((id, i) => {
      self.set(id, (self.get(id) || 0) + times[i]);
      // The top-level entry: the root's child this sample runs under.
      let top = id;
      while (parent.get(top) !== undefined && parent.get(top) !== rootId) top = parent.get(top);
      const f = byId.get(top).callFrame;
      add(entries, `${f.url}|${f.lineNumber}|${f.columnNumber}|${f.functionName}`, times[i], { frame: f });
    });
    for (const [id, us] of self) {
      const n = byId.get(id), f = n.callFrame;
      add(fns, `${f.url}|${f.lineNumber}|${f.columnNumber}|${f.functionName}`, us, { frame: f });
      add(kinds, f.url ? kindOf(f.url) : f.functionName, us);
      // Line ticks: the node's self time shared among its lines.
      if (isLoader(f.url) && n.positionTicks?.length) {
        const ticks = n.positionTicks.reduce((s, t) => s + t.ticks, 0);
        for (const t of n.positionTicks) add(lines, t.line - 1, (us * t.ticks) / ticks);
      }
    }
  }
  const describe = f => {
    if (!f.url) return f.functionName;
    if (!isLoader(f.url)) return `${f.functionName || '(anonymous)'} ${kindOf(f.url) === 'tag' ? f.url.replace(/^.*\/tags\//, 'tags/') : 'page ' + new URL(f.url).pathname}:${f.lineNumber + 1}`;
    const s = map.at(f.lineNumber, f.columnNumber);
    if (!s) return `${LOADER}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    return `${s.file}:${s.line} ${map.owner(s.file, s.line)}() — ${s.text.slice(0, 70)}`;
  };
  return { fns, lines, entries, kinds, describe };
}

/** V8's runtime call stats, in buckets that say what the time went to. */
const RCS_BUCKETS = [
  [/^FunctionCallback$/, 'DOM and Web API calls (methods and attribute getters/setters: document.cookie, createElement, …)'],
  [/^(NamedGetterCallback|NamedQueryCallback|NamedSetterCallback|IndexedGetterCallback)$/, 'named/indexed getters (localStorage[key], window[name], …)'],
  [/^(AccessorGetterCallback|AccessorSetterCallback)$/, 'native accessors'],
  [/Parse|Compile|Preparse|PreParse|ScopeAnalysis|Rewrite/, 'parse and compile on the main thread (lazy functions)'],
  [/^JS_Execution$/, 'JS execution (interpreter and optimized code)'],
  [/IC_Miss|^HasProperty$|^GetProperty$|^SetProperty$|LoadIC|StoreIC|KeyedLoad|KeyedStore|DefineNamedOwn|DefineKeyedOwn/, 'property lookups (IC misses in cold code, has/get on host objects)'],
  [/^(ConfigureInstance|InstantiateObject|InstantiateFunction|CreateApiFunction|API_FunctionTemplate|Map_SetPrototype|Map_TransitionTo|PrototypeMap_)/, 'DOM wrappers and prototypes created'],
  [/^GC_|GC$/, 'garbage collection'],
  [/^Date|^DatePrototype|^DateCache|Intl|ICU/i, 'Date (ICU time zone)'],
  [/RegExp/, 'regular expressions (compile and exec)'],
  [/^API_String|^InternalizeString|String/, 'strings handed between V8 and Blink'],
];
const bucketOf = name => (RCS_BUCKETS.find(([re]) => re.test(name)) || [null, 'V8 runtime: ' + name])[1];

/** The main thread's script events of one traced visit, with nested script time taken out. */
function traceSummary(trace, map) {
  const events = (Array.isArray(trace) ? trace : trace.traceEvents).filter(e => e.ph === 'X' && typeof e.dur === 'number');
  const names = new Map();
  for (const e of Array.isArray(trace) ? trace : trace.traceEvents)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(e.pid + ':' + e.tid, e.args.name);
  // The renderer main thread that evaluated the loader.
  const ev = events.find(e => e.name === 'EvaluateScript' && isLoader(e.args?.data?.url || ''));
  if (!ev) throw new Error('no evaluation of ' + LOADER + ' in the trace');
  const main = events.filter(e => e.pid === ev.pid && e.tid === ev.tid).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const rows = new Map();
  const add = (k, us) => rows.set(k, (rows.get(k) || 0) + us);
  // Self time of the script events: minus the script events nested in them.
  const stack = [];
  const script = main.filter(e => ['EvaluateScript', 'FunctionCall', 'v8.compile', 'MajorGC', 'MinorGC'].includes(e.name));
  const selfOf = new Map(script.map(e => [e, e.dur]));
  for (const e of script) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) selfOf.set(stack.at(-1), selfOf.get(stack.at(-1)) - e.dur);
    stack.push(e);
  }
  const where = d => {
    const url = d?.url || '';
    if (!isLoader(url)) return kindOf(url) === 'tag' ? 'a tag (' + url.replace(/^.*\/tags\//, 'tags/') + ')' : 'the page (inline scripts)';
    const s = map.at((d.lineNumber || 1) - 1, (d.columnNumber || 1) - 1);
    return s ? `${s.file}:${s.line} ${map.owner(s.file, s.line)}()` : LOADER;
  };
  for (const [e, self] of selfOf) {
    const d = e.args?.data || {};
    if (e.name === 'v8.compile') add(isLoader(d.url || '') ? `${LOADER}: compile on the main thread${d.streamed ? ' (after streaming)' : ''}` : `compile: ${where(d)}`, self);
    else if (e.name === 'EvaluateScript') add(isLoader(d.url || '') ? `${LOADER}: evaluation (the loader's synchronous run in <head>)` : `evaluation: ${where(d)}`, self);
    else if (e.name === 'FunctionCall') add(isLoader(d.url || '') ? `${LOADER}: callback ${where(d)}` : `callback: ${where(d)}`, self);
    else add('garbage collection', self);
  }
  // Runtime call stats: each V8 entry (V8.Execute, V8.RunMicrotasks) belongs to the script event it
  // runs in, or (microtasks) to the first script event it runs.
  const rcs = new Map();
  const ownerOf = e => {
    const inside = script.filter(x => x.name !== 'v8.compile' && x.ts <= e.ts && x.ts + x.dur >= e.ts + e.dur).at(-1);
    const first = script.find(x => x.name !== 'v8.compile' && x.ts >= e.ts && x.ts < e.ts + e.dur);
    const x = inside || first;
    if (!x) return 'outside script events';
    const url = x.args?.data?.url || '';
    return isLoader(url) ? (x.name === 'EvaluateScript' ? `${LOADER}: evaluation` : `${LOADER}: callback ${where(x.args.data)}`) : 'tags and the page';
  };
  for (const e of main) {
    const stats = e.args?.['runtime-call-stats'];
    if (!stats) continue;
    const owner = ownerOf(e);
    const m = rcs.get(owner) || new Map();
    for (const [name, [, time]] of Object.entries(stats)) m.set(bucketOf(name), (m.get(bucketOf(name)) || 0) + time);
    rcs.set(owner, m);
  }
  const tasks = main.filter(e => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  // Top-level tasks only (a RunTask event may be duplicated by its ThreadControllerImpl twin).
  const top = [];
  for (const t of tasks) if (!top.length || t.ts >= top.at(-1).ts + top.at(-1).dur) top.push(t);
  const total = top.reduce((s, t) => s + t.dur, 0);
  const scriptTotal = [...rows.values()].reduce((s, v) => s + v, 0);
  add('everything else on the main thread (parsing HTML, style, layout, paint, loading, IPC)', total - scriptTotal);
  return { rows, rcs, long: top.filter(t => t.dur >= 50000).map(t => t.dur), total, tasks: top.length };
}

// ---------------------------------------------------------------------------------------------

const pad = (s, n) => String(s).padStart(n);
const sum = m => [...m.values()].reduce((a, b) => a + b, 0);
const us = x => pad(Math.round(x).toLocaleString('en'), 8);

async function main() {
  const built = await buildLoader(!opt.minified);
  const dist = join(ROOT, 'dist', LOADER);
  if (existsSync(dist)) {
    const plain = opt.minified ? built : await buildLoader(false);
    const same = plain.code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '').trim() === readFileSync(dist, 'utf8').trim();
    console.log(same ? `The loader profiled is dist/${LOADER} as built (same code${opt.minified ? '' : ', beautified'}).` : `Note: dist/${LOADER} differs from src/ as built here (run npm run build).`);
  }
  const map = readMap(built.map);
  const server = await serve(built.code);
  const browser = await launchChromium();
  try {
    // The first visit: accept everything, and wait until the configuration's verdict is stored.
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(server.origin + '/consentry');
    await tab.waitForFunction(() => window.consentry?.state?.choices && 'analytics' in window.consentry.state.choices);
    await tab.waitForFunction(() => { window.consentry.acceptAll(); return window.__analytics && window.__marketing && localStorage['consentry:valid']; }, null, { polling: 200 });
    const state = await context.storageState();
    state.cookies = state.cookies.filter(c => c.name !== '_ga' && c.name !== '_fbp');
    await context.close();

    // CPU profiles.
    const profiles = [], scripts = [];
    for (let i = 0; i < VISITS; i++) {
      const r = await returningVisit(browser, server.origin, state, async (cdp, _tab, visit) => {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL });
        await cdp.send('Profiler.start');
        await visit();
        const { profile } = await cdp.send('Profiler.stop');
        return { profile };
      });
      profiles.push(r.profile);
      scripts.push(r.script);
      process.stderr.write(`profiled visit ${i + 1}/${VISITS}\r`);
    }
    // Traces: one set for the times, one with V8's runtime call stats (which slow V8 down a lot:
    // only their shares are shown).
    const traces = [], rcsTraces = [];
    for (const [list, extra] of [[traces, []], [rcsTraces, ['disabled-by-default-v8.runtime_stats']]])
      for (let i = 0; i < VISITS; i++) {
        const r = await returningVisit(browser, server.origin, state, async (_cdp, tab, visit) => {
          await browser.startTracing(tab, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel', ...extra] });
          await visit();
          return { trace: JSON.parse((await browser.stopTracing()).toString()) };
        });
        list.push({ ...traceSummary(r.trace, map), script: r.script });
        process.stderr.write(`traced visit ${i + 1}/${VISITS}${extra.length ? ' (runtime call stats)' : ''}  \r`);
      }
    process.stderr.write('\n');

    const per = x => x / VISITS;
    const agg = aggregateProfiles(profiles, map);
    console.log(`\nReturning visit to the bench's article page, consentry ${lib.version}, CPU throttled ${RATE}×, ${VISITS} visits; times in µs per visit (mean), as measured at ${RATE}× (divide by ${RATE} for an unthrottled CPU).`);
    console.log(`CDP ScriptDuration of the whole page: ${(scripts.reduce((a, b) => a + b, 0) / VISITS).toFixed(1)} ms with the profiler on, ${(traces.reduce((a, t) => a + t.script, 0) / VISITS).toFixed(1)} ms traced.`);

    console.log(`\n## CPU profile (sampling every ${INTERVAL} µs): self time by kind\n`);
    for (const [k, v] of [...agg.kinds].filter(([k]) => k !== '(idle)').sort((a, b) => b[1].us - a[1].us))
      console.log(`${us(per(v.us))}  ${k === LOADER ? LOADER + ' (all its functions)' : k === 'tag' ? 'the tags' : k === 'page' ? 'the page\'s inline scripts' : k === '(program)' ? '(program): native work outside JS (parsing HTML, style, layout, loading)' : k}`);

    console.log(`\n## CPU profile: top-level entries (inclusive: each task's JS and what it called)\n`);
    for (const [, v] of [...agg.entries].filter(([, v]) => v.frame.url).sort((a, b) => b[1].us - a[1].us).slice(0, TOP))
      console.log(`${us(per(v.us))}  ${isLoader(v.frame.url) && v.frame.lineNumber === 0 && v.frame.columnNumber === 0 ? LOADER + ': script evaluation (top level)' : agg.describe(v.frame)}`);

    console.log(`\n## CPU profile: top self-time functions\n`);
    for (const [, v] of [...agg.fns].filter(([, v]) => v.frame.functionName !== '(idle)').sort((a, b) => b[1].us - a[1].us).slice(0, TOP))
      console.log(`${us(per(v.us))}  ${agg.describe(v.frame)}`);

    if (agg.lines.size) {
      console.log(`\n## CPU profile: ${LOADER}'s hottest lines (self time, mapped to src/)\n`);
      const bySource = new Map();
      for (const [line, v] of agg.lines) {
        const s = map.at(line, 0) || map.at(line, 4);
        const k = s ? `${s.file}:${s.line}` : `${LOADER}:${line + 1}`;
        const e = bySource.get(k) || { us: 0, s };
        e.us += v.us;
        bySource.set(k, e);
      }
      for (const [k, v] of [...bySource].sort((a, b) => b[1].us - a[1].us).slice(0, TOP))
        console.log(`${us(per(v.us))}  ${k} ${v.s ? map.owner(v.s.file, v.s.line) + '() — ' + v.s.text.slice(0, 80) : ''}`);
    }

    console.log(`\n## Trace: the main thread's tasks (self time of each script event, nested script taken out)\n`);
    const rows = new Map();
    for (const t of traces) for (const [k, v] of t.rows) rows.set(k, (rows.get(k) || 0) + v);
    for (const [k, v] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${us(per(v))}  ${k}`);
    const long = traces.flatMap(t => t.long);
    console.log(`\n## Trace with V8's runtime call stats: what each entry's time went to (shares; the stats slow V8 down)\n`);
    const rcs = new Map();
    for (const t of rcsTraces)
      for (const [owner, m] of t.rcs) {
        const o = rcs.get(owner) || new Map();
        for (const [k, v] of m) o.set(k, (o.get(k) || 0) + v);
        rcs.set(owner, o);
      }
    const all = [...rcs.values()].reduce((s, m) => s + sum(m), 0);
    const share = (v, of) => pad(((100 * v) / of).toFixed(1) + ' %', 8);
    for (const [owner, m] of [...rcs].sort((a, b) => sum(b[1]) - sum(a[1]))) {
      console.log(`${share(sum(m), all)}  ${owner}`);
      for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).filter(([, v]) => v / sum(m) >= 0.01)) console.log(`${share(v, sum(m))}      ${k}`);
    }
    console.log('');
    console.log(`${us(per(traces.reduce((s, t) => s + t.total, 0)))}  all top-level tasks (${Math.round(per(traces.reduce((s, t) => s + t.tasks, 0)))} per visit); long tasks (≥ 50 ms): ${long.length} in ${VISITS} visits${long.length ? ' (' + long.map(d => Math.round(d / 1000) + ' ms').join(', ') + ')' : ''}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
