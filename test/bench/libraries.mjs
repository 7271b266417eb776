// Benchmark (not a test) of consentry against vanilla-cookieconsent, Klaro and tarteaucitron.js
// (issue 8). Serves on 127.0.0.1 the same article page once per library, each with categories
// necessary/analytics/marketing, English texts, one gated external analytics script and one gated
// inline marketing script, blocked with the library's own documented mechanism; then measures in
// headless Chromium, libraries interleaved run by run, each run on a fresh context.
// Options (env): BENCH_RUNS (default 15), BENCH_THROTTLED=0 to skip the 4x CPU runs, BENCH_SCALING=0.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { cpus, platform, release } from 'node:os';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../_util/chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NM = join(ROOT, 'node_modules');
const RUNS = Number(process.env.BENCH_RUNS || 15);
const THROTTLED = process.env.BENCH_THROTTLED !== '0';
const SCALING = process.env.BENCH_SCALING !== '0';

const version = pkg => JSON.parse(readFileSync(join(NM, pkg, 'package.json'), 'utf8')).version;

// ---------------------------------------------------------------------------------------------
// The pages

const ANALYTICS_JS = "window.__analytics = performance.now(); document.cookie = '_ga=GA1.1.42.42; path=/; max-age=3600';";
const MARKETING_JS = "window.__marketing = performance.now(); document.cookie = '_fbp=fb.1.42.42; path=/; max-age=3600';";
const DESCRIPTION = 'We use cookies to measure the audience of this site and to show you relevant ads. You can accept them all, refuse them, or choose.';

const ARTICLE = `
<header><h1>The long read: why the river changed course</h1><p class="byline">By A. Writer · 12 minutes</p></header>
<main><article>
${Array.from({ length: 12 }, (_, i) => `<h2>Part ${i + 1}</h2><p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. '.repeat(3)}</p>`).join('\n')}
</article></main>
<footer><a href="/privacy">Privacy policy</a></footer>`;

const page = (head, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Article</title>
<style>body{font:16px/1.5 sans-serif;max-width:42rem;margin:0 auto;padding:1rem}</style>
${head}
</head><body>
${ARTICLE}
${body}
</body></html>`;

/**
 * Each library: where its files are served from (/lib/<id>/ → dir), the page, and how to find its
 * "accept all" button (a function body evaluated in the page; `deep` lists elements through open
 * shadow roots).
 */
const LIBRARIES = [
  {
    id: 'consentry',
    name: 'consentry',
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    dir: join(ROOT, 'dist'),
    // README "Embedding" and "Gated tags": inline JSON configuration, the loader in <head>.
    html: page(
      `<script type="application/json" id="consentry-config">${JSON.stringify({
        revision: 1,
        privacyPolicyUrl: '/privacy',
        language: 'en',
        categories: { necessary: { required: true }, analytics: { cookies: ['/^_ga/'] }, marketing: { cookies: ['_fbp'] } },
        ui: { layout: 'bar' },
      })}</script>
<script src="/lib/consentry/consentry.js"></script>`,
      `<script type="text/plain" data-consent="analytics" src="/tags/analytics.js"></script>
<script type="text/plain" data-consent="marketing">${MARKETING_JS}</script>`,
    ),
    accept: `return deep('button').find(b => b.textContent.trim() === 'Accept all' && !b.closest('[hidden]'));`,
  },
  {
    id: 'vanilla',
    name: 'vanilla-cookieconsent',
    version: version('vanilla-cookieconsent'),
    dir: join(NM, 'vanilla-cookieconsent/dist'),
    // Its Readme: the CSS, the UMD bundle, CookieConsent.run(config) at the end of <body>;
    // scripts blocked with type="text/plain" data-category.
    html: page(
      `<link rel="stylesheet" href="/lib/vanilla/cookieconsent.css">`,
      `<script type="text/plain" data-category="analytics" src="/tags/analytics.js"></script>
<script type="text/plain" data-category="marketing">${MARKETING_JS}</script>
<script src="/lib/vanilla/cookieconsent.umd.js"></script>
<script>
CookieConsent.run({
  hideFromBots: false, // its bot detection hides the banner from headless Chromium (navigator.webdriver)
  guiOptions: { consentModal: { layout: 'bar', position: 'bottom' } },
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: { autoClear: { cookies: [{ name: /^_ga/ }] } },
    marketing: { autoClear: { cookies: [{ name: '_fbp' }] } }
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Your privacy choices',
          description: ${JSON.stringify(DESCRIPTION)} + ' <a href="/privacy">Privacy policy</a>',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Choose'
        },
        preferencesModal: {
          title: 'Cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save my choices',
          closeIconLabel: 'Close',
          sections: [
            { title: 'Necessary', description: 'Needed for the site to work.', linkedCategory: 'necessary' },
            { title: 'Analytics', description: 'Audience measurement.', linkedCategory: 'analytics' },
            { title: 'Marketing', description: 'Personalised advertising.', linkedCategory: 'marketing' }
          ]
        }
      }
    }
  }
});
</script>`,
    ),
    accept: `return document.querySelector('#cc-main .cm button[data-role="all"]');`,
  },
  {
    id: 'klaro',
    name: 'klaro',
    version: version('klaro'),
    dir: join(NM, 'klaro/dist'),
    // Its README / dist/config.js: a klaroConfig global, then `<script defer data-config src=klaro.js>`
    // (the default build, CSS and translations included); scripts blocked with type="text/plain"
    // data-type data-name (data-src for an external one).
    html: page(
      `<script>
var klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  lang: 'en',
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  groupByPurpose: true,
  styling: { theme: ['light', 'bottom', 'wide'] },
  translations: {
    en: {
      privacyPolicyUrl: '/privacy',
      consentNotice: { description: ${JSON.stringify(DESCRIPTION)} },
      purposes: { necessary: 'Necessary', analytics: 'Analytics', marketing: 'Marketing' }
    }
  },
  services: [
    { name: 'session', title: 'Session', purposes: ['necessary'], required: true },
    { name: 'analytics', title: 'Analytics', purposes: ['analytics'], cookies: [/^_ga/] },
    { name: 'marketing', title: 'Marketing', purposes: ['marketing'], cookies: ['_fbp'] }
  ]
};
</script>
<script defer type="application/javascript" data-config="klaroConfig" src="/lib/klaro/klaro.js"></script>`,
      `<script type="text/plain" data-type="application/javascript" data-name="analytics" data-src="/tags/analytics.js"></script>
<script type="text/plain" data-type="application/javascript" data-name="marketing">${MARKETING_JS}</script>`,
    ),
    accept: `return document.querySelector('.klaro .cookie-notice .cn-buttons .cm-btn-success');`,
  },
  {
    id: 'tac',
    name: 'tarteaucitronjs',
    version: version('tarteaucitronjs'),
    dir: join(NM, 'tarteaucitronjs'),
    // Its README: tarteaucitron(.min).js, init() with the documented defaults (useExternalCss/Js false:
    // it loads its CSS, services file and English texts itself), a custom service per tag ("Create
    // custom service") and tarteaucitron.job.
    html: page(
      `<script src="/lib/tac/tarteaucitron.min.js"></script>
<script>
tarteaucitron.init({
  privacyUrl: '/privacy',
  bodyPosition: 'bottom',
  hashtag: '#tarteaucitron',
  cookieName: 'tarteaucitron',
  orientation: 'bottom',
  groupServices: false,
  showDetailsOnClick: true,
  serviceDefaultState: 'wait',
  showAlertSmall: false,
  cookieslist: false,
  showIcon: true,
  adblocker: false,
  DenyAllCta: true,
  AcceptAllCta: true,
  highPrivacy: true,
  handleBrowserDNTRequest: false,
  removeCredit: false,
  moreInfoLink: true,
  useExternalCss: false,
  useExternalJs: false,
  mandatory: true,
  mandatoryCta: true,
  googleConsentMode: false,
  bingConsentMode: false,
  pianoConsentMode: false,
  dataLayer: false,
  serverSide: false,
  partnersList: false
});
</script>`,
      `<script>
tarteaucitron.services.benchanalytics = {
  key: 'benchanalytics', type: 'analytic', name: 'Analytics', needConsent: true, cookies: ['_ga'],
  js: function () { 'use strict'; tarteaucitron.addScript('/tags/analytics.js'); }
};
tarteaucitron.services.benchmarketing = {
  key: 'benchmarketing', type: 'ads', name: 'Marketing', needConsent: true, cookies: ['_fbp'],
  js: function () { 'use strict'; ${MARKETING_JS} }
};
(tarteaucitron.job = tarteaucitron.job || []).push('benchanalytics');
tarteaucitron.job.push('benchmarketing');
</script>`,
    ),
    accept: `return document.getElementById('tarteaucitronPersonalize2');`,
  },
];

// The same article with nothing gated by anyone: the baseline for script time, heap and long tasks.
const BASELINE = { id: 'none', name: 'no consent library (baseline)', html: page('', '') };

// consentry alone: n gated inline scripts, and a page inserting 10,000 nodes with or without the loader.
const CONSENTRY_HEAD = LIBRARIES[0].html.match(/<script type="application\/json"[\s\S]*?consentry\.js"><\/script>/)[0];
const scalePage = n =>
  page(
    `<script>window.__n = 0;</script>${CONSENTRY_HEAD}`,
    Array.from({ length: n }, () => `<script type="text/plain" data-consent="analytics">if (++window.__n === ${n}) window.__done = performance.now();</script>`).join('\n'),
  );
const insertPage = withConsentry => page(withConsentry ? CONSENTRY_HEAD : '', '<div id="feed"></div>');

// ---------------------------------------------------------------------------------------------
// Server

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8' };

function startServer() {
  const dirs = Object.fromEntries(LIBRARIES.map(l => [l.id, l.dir]));
  const pages = { ...Object.fromEntries([...LIBRARIES, BASELINE].map(l => ['/' + l.id, l.html])) };
  for (const n of [10, 100, 1000]) pages['/scale-' + n] = scalePage(n);
  pages['/insert-with'] = insertPage(true);
  pages['/insert-without'] = insertPage(false);
  const server = createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://x');
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (pages[url.pathname]) return send(200, 'text/html; charset=utf-8', pages[url.pathname]);
    if (url.pathname === '/tags/analytics.js') return send(200, TYPES['.js'], ANALYTICS_JS);
    const m = /^\/lib\/(\w+)\/(.+)$/.exec(url.pathname);
    if (m && dirs[m[1]]) {
      const file = normalize(join(dirs[m[1]], m[2]));
      if (file.startsWith(dirs[m[1]]))
        try {
          return send(200, TYPES[extname(file)] || 'application/octet-stream', readFileSync(file));
        } catch {}
    }
    send(404, 'text/plain', 'not found');
  });
  return new Promise(r => server.listen(0, '127.0.0.1', () => r({ origin: 'http://127.0.0.1:' + server.address().port, close: () => server.close() })));
}

/** Raw, gzip -9 and brotli (quality 11) size of a served library file, from disk. */
const sizeCache = new Map();
function fileSizes(pathname) {
  if (sizeCache.has(pathname)) return sizeCache.get(pathname);
  const m = /^\/lib\/(\w+)\/(.+)$/.exec(pathname);
  const lib = LIBRARIES.find(l => l.id === m[1]);
  const data = readFileSync(join(lib.dir, m[2]));
  const sizes = {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: data.length } }).length,
  };
  sizeCache.set(pathname, sizes);
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// In the page, from navigation start: long tasks, layout shifts, click time, and a per-frame poll
// of the accept button (visible: painted with non-zero size, opacity and visibility; clickable:
// also enabled, on top at its centre, and its box unchanged since the previous frame).

const INIT = `(() => {
  const b = window.__bench = { longTasks: [], cls: 0, shifts: 0, visible: null, clickable: null, click: null };
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) b.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch {}
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput && b.click === null) { b.cls += e.value; b.shifts++; } }).observe({ type: 'layout-shift', buffered: true }); } catch {}
  addEventListener('pointerdown', () => { b.click = performance.now(); }, true); // the last click
  const deep = (sel, root = document, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(sel)) out.push(el);
      if (el.shadowRoot) deep(sel, el.shadowRoot, out);
    }
    return out;
  };
  const hit = (x, y) => { let el = document.elementFromPoint(x, y); while (el && el.shadowRoot) { const inner = el.shadowRoot.elementFromPoint(x, y); if (!inner || inner === el) break; el = inner; } return el; };
  let find = null, last = '';
  b.setFinder = src => { b.src = src; find = new Function('deep', src).bind(null, deep); };
  b.center = () => { const r = find().getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; };
  const frame = () => {
    // Only once every stylesheet in the document has loaded: an unstyled banner is not the banner.
    if (find && document.body && [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)) {
      const btn = find();
      if (btn && btn.isConnected) {
        const r = btn.getBoundingClientRect();
        const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && btn.checkVisibility({ opacityProperty: true, visibilityProperty: true });
        if (shown && b.visible === null) b.visible = performance.now();
        const box = [r.x, r.y, r.width, r.height].join();
        if (shown && !btn.disabled) {
          const h = hit(r.x + r.width / 2, r.y + r.height / 2);
          let op = 1; for (let el = btn; el; el = el.parentElement || (el.getRootNode() && el.getRootNode().host)) op *= +getComputedStyle(el).opacity;
          if (h && (h === btn || btn.contains(h)) && op > 0.99 && box === last) { b.clickable = performance.now(); b.box = [r.x + r.width / 2, r.y + r.height / 2]; return; }
        }
        last = box;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

const tbt = (tasks, until = Infinity) => tasks.filter(([s]) => s <= until).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
const metric = (metrics, name) => metrics.find(m => m.name === name)?.value;

async function newPage(browser, throttle, storageState) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await tab.addInitScript(INIT);
  return { context, tab, cdp };
}

function trackBytes(tab, lib) {
  const bytes = { raw: 0, gzip: 0, brotli: 0, files: new Set() };
  tab.on('response', res => {
    const path = new URL(res.url()).pathname;
    if (!path.startsWith('/lib/' + lib.id + '/') || res.status() !== 200) return;
    const s = fileSizes(path);
    bytes.files.add(path.slice(('/lib/' + lib.id + '/').length));
    bytes.raw += s.raw;
    bytes.gzip += s.gzip;
    bytes.brotli += s.brotli;
  });
  return bytes;
}

const cookieNames = async context => (await context.cookies()).map(c => c.name);

/** One run of one library: first visit, accept, then a returning visit in a new context with the stored state. */
async function runLibrary(browser, origin, lib, throttle) {
  const out = {};
  const { context, tab, cdp } = await newPage(browser, throttle);
  const bytes = trackBytes(tab, lib);
  await tab.goto(origin + '/' + lib.id, { waitUntil: 'commit' });
  await tab.evaluate(src => window.__bench.setFinder(src), lib.accept);
  await tab.waitForFunction(() => window.__bench.clickable !== null, null, { timeout: 30000, polling: 50 });
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const b = await tab.evaluate(() => ({ ...window.__bench, tags: [window.__analytics, window.__marketing] }));
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = metric((await cdp.send('Performance.getMetrics')).metrics, 'JSHeapUsedSize');
  const cookiesBefore = await cookieNames(context);
  out.correctBefore = b.tags.every(t => t === undefined) && !cookiesBefore.some(n => n === '_ga' || n === '_fbp');
  Object.assign(out, {
    visible: b.visible,
    clickable: b.clickable,
    script: metric(metrics, 'ScriptDuration') * 1000,
    task: metric(metrics, 'TaskDuration') * 1000,
    heap,
    longTasks: b.longTasks.filter(([s]) => s <= b.clickable).length,
    tbt: tbt(b.longTasks, b.clickable),
    cls: b.cls,
  });
  // A visitor reads before clicking: click once the page has loaded (tarteaucitron wires its buttons
  // late); a click that does nothing is repeated and counted, the time still runs from the first.
  await tab.waitForLoadState('load');
  const at = await tab.evaluate(() => {
    window.__bench.setFinder(window.__bench.src);
    return window.__bench.center();
  });
  out.clicks = 0;
  for (;;) {
    await tab.mouse.click(at[0], at[1]);
    out.clicks++;
    try {
      await tab.waitForFunction(() => window.__analytics !== undefined && window.__marketing !== undefined, null, { timeout: 3000, polling: 'raf' });
      break;
    } catch (e) {
      if (out.clicks >= 3) throw e;
    }
  }
  const after = await tab.evaluate(() => ({ click: window.__bench.click, tags: [window.__analytics, window.__marketing] }));
  out.acceptToTags = Math.max(...after.tags) - after.click;
  const cookiesAfter = await cookieNames(context);
  out.correctAfter = cookiesAfter.includes('_ga') && cookiesAfter.includes('_fbp');
  out.bytesFirst = { raw: bytes.raw, gzip: bytes.gzip, brotli: bytes.brotli, files: [...bytes.files] };
  // The returning visitor: the decision (cookies and storage) kept, the trackers' own cookies dropped.
  const state = await context.storageState();
  state.cookies = state.cookies.filter(c => c.name !== '_ga' && c.name !== '_fbp');
  await context.close();

  const ret = await newPage(browser, throttle, state);
  const rbytes = trackBytes(ret.tab, lib);
  await ret.tab.goto(origin + '/' + lib.id, { waitUntil: 'load' });
  await ret.tab.waitForFunction(() => window.__analytics !== undefined && window.__marketing !== undefined, null, { timeout: 15000, polling: 'raf' });
  const rt = await ret.tab.evaluate(() => [window.__analytics, window.__marketing]);
  out.returnToTags = Math.max(...rt);
  await ret.tab.waitForTimeout(100); // late chunks
  out.bytesReturn = { raw: rbytes.raw, gzip: rbytes.gzip, brotli: rbytes.brotli, files: [...rbytes.files] };
  await ret.context.close();
  return out;
}

async function runBaseline(browser, origin, throttle) {
  const { context, tab, cdp } = await newPage(browser, throttle);
  await tab.goto(origin + '/none', { waitUntil: 'load' });
  await tab.waitForTimeout(50);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = metric((await cdp.send('Performance.getMetrics')).metrics, 'JSHeapUsedSize');
  const b = await tab.evaluate(() => window.__bench);
  await context.close();
  return { script: metric(metrics, 'ScriptDuration') * 1000, task: metric(metrics, 'TaskDuration') * 1000, heap, tbt: tbt(b.longTasks), longTasks: b.longTasks.length, cls: b.cls };
}

// ---------------------------------------------------------------------------------------------
// consentry alone: scaling of the gate, and the cost of the loader's observers.

async function runScale(browser, origin, n) {
  const { context, tab } = await newPage(browser, 1);
  await tab.goto(origin + '/scale-' + n, { waitUntil: 'load' });
  await tab.waitForFunction(() => window.consentry && window.__n === 0);
  const ms = await tab.evaluate(
    () =>
      new Promise(resolve => {
        const t0 = performance.now();
        window.consentry.acceptAll();
        const check = () => (window.__done !== undefined ? resolve(window.__done - t0) : setTimeout(check, 0));
        check();
      }),
  );
  const ok = await tab.evaluate(n => window.__n === n, n);
  await context.close();
  if (!ok) throw new Error('scale ' + n + ': not every gated element ran');
  return ms;
}

async function runInsert(browser, origin, withConsentry) {
  const { context, tab } = await newPage(browser, 1);
  await tab.goto(origin + (withConsentry ? '/insert-with' : '/insert-without'), { waitUntil: 'load' });
  if (withConsentry) {
    await tab.evaluate(src => window.__bench.setFinder(src), LIBRARIES[0].accept);
    await tab.waitForFunction(() => window.__bench.clickable !== null, null, { polling: 50 });
  }
  // 10,000 nodes in 100 batches of 100 (div > text), a task between batches so that observers run
  // as they would on a page that grows; the time includes the observers' callbacks.
  const ms = await tab.evaluate(async () => {
    const feed = document.getElementById('feed');
    const tick = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    const t0 = performance.now();
    for (let batch = 0; batch < 100; batch++) {
      for (let i = 0; i < 50; i++) {
        const div = document.createElement('div');
        div.className = 'item';
        div.textContent = 'item ' + (batch * 50 + i);
        feed.appendChild(div);
      }
      await tick();
    }
    return performance.now() - t0;
  });
  await context.close();
  return { ms };
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

const sorted = xs => xs.filter(x => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
const pct = (xs, p) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const med = xs => pct(xs, 50);
const ms = x => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toString());
const kb = b => (b / 1024).toFixed(1);
const ratio = (x, base) => (base > 0 && Number.isFinite(x) ? ' (' + (x / base).toFixed(1) + '×)' : '');
const mp = (xs, f = ms) => `${f(med(xs))} / ${f(pct(xs, 90))}`;

function timingTable(results, baseline, throttle) {
  const cons = results.consentry;
  const head = `| library | banner visible, ms | accept clickable, ms | accept → both tags, ms | returning: navigation → both tags, ms | script, ms | tasks, ms | long tasks | TBT, ms | CLS | JS heap Δ, KB |
|---|---|---|---|---|---|---|---|---|---|---|`;
  const baseScript = med(baseline.map(r => r.script));
  const baseTask = med(baseline.map(r => r.task));
  const baseHeap = med(baseline.map(r => r.heap));
  const rows = LIBRARIES.map(l => {
    const r = results[l.id];
    const col = (key, f = ms) => {
      const xs = r.map(x => x[key]);
      return mp(xs, f) + (l.id === 'consentry' ? '' : ratio(med(xs), med(cons.map(x => x[key]))));
    };
    const delta = (key, base, f = ms) => {
      const xs = r.map(x => x[key] - base);
      return mp(xs, f) + (l.id === 'consentry' ? '' : ratio(med(xs), med(cons.map(x => x[key] - base))));
    };
    return `| ${l.name} | ${col('visible')} | ${col('clickable')} | ${col('acceptToTags')} | ${col('returnToTags')} | ${delta('script', baseScript)} | ${delta('task', baseTask)} | ${mp(r.map(x => x.longTasks), String)} | ${mp(r.map(x => x.tbt))} | ${mp(r.map(x => x.cls), x => x.toFixed(3))} | ${delta('heap', baseHeap, x => (x / 1024).toFixed(0))} |`;
  });
  const base = `| (baseline page, no library: script ${ms(baseScript)} ms, tasks ${ms(baseTask)} ms, heap ${(baseHeap / 1024).toFixed(0)} KB, TBT ${ms(med(baseline.map(r => r.tbt)))} ms) | | | | | | | | | | |`;
  return `#### CPU ${throttle === 1 ? 'not throttled' : throttle + '× throttled (Emulation.setCPUThrottlingRate)'}\n\n${head}\n${rows.join('\n')}\n${base}`;
}

function bytesTable(results) {
  const c = results.consentry[0];
  const head = `| library | version | first visit: raw / gzip / brotli, KB | ratio (brotli) | returning visit: raw / gzip / brotli, KB | ratio (brotli) | files fetched on a first visit |
|---|---|---|---|---|---|---|`;
  const rows = LIBRARIES.map(l => {
    const r = results[l.id][0];
    const f = r.bytesFirst, t = r.bytesReturn;
    return `| ${l.name} | ${l.version} | ${kb(f.raw)} / ${kb(f.gzip)} / ${kb(f.brotli)} | ${(f.brotli / c.bytesFirst.brotli).toFixed(1)}× | ${kb(t.raw)} / ${kb(t.gzip)} / ${kb(t.brotli)} | ${(t.brotli / c.bytesReturn.brotli).toFixed(1)}× | ${f.files.join(', ')} |`;
  });
  return `${head}\n${rows.join('\n')}`;
}

function correctnessTable(results, throttles) {
  const head = `| library | runs | before the click: no gated tag ran, no _ga/_fbp cookie | after "Accept all": both tags ran, both cookies set | returning visit: both tags ran without a click | runs where the first click did nothing |\n|---|---|---|---|---|---|`;
  const rows = LIBRARIES.map(l => {
    const r = throttles.flatMap(t => results[t][l.id]);
    const n = r.length;
    const c = key => `${r.filter(x => x[key]).length}/${n}`;
    return `| ${l.name} | ${n} | ${c('correctBefore')} | ${c('correctAfter')} | ${r.filter(x => Number.isFinite(x.returnToTags)).length}/${n} | ${r.filter(x => x.clicks > 1).length} |`;
  });
  return `${head}\n${rows.join('\n')}`;
}


export async function runLibrariesBench({ log = console.error } = {}) {
  const started = Date.now();
  const server = await startServer();
  const browser = await launchChromium();
  const throttles = THROTTLED ? [1, 4] : [1];
  const results = {}, baselines = {};
  try {
    for (const throttle of throttles) {
      results[throttle] = Object.fromEntries(LIBRARIES.map(l => [l.id, []]));
      baselines[throttle] = [];
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, and the order rotated from run to run.
        const order = [...LIBRARIES.slice(run % LIBRARIES.length), ...LIBRARIES.slice(0, run % LIBRARIES.length)];
        for (const lib of order) {
          try {
            results[throttle][lib.id].push(await runLibrary(browser, server.origin, lib, throttle));
          } catch (e) {
            log(`  ${lib.name} run ${run + 1} (${throttle}×) failed: ${e.message.split('\n')[0]}`);
            results[throttle][lib.id].push({ correctBefore: false, correctAfter: false, failed: true });
          }
        }
        baselines[throttle].push(await runBaseline(browser, server.origin, throttle));
        log(`libraries bench: ${throttle}× CPU, run ${run + 1}/${RUNS} (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
    const scale = {}, insert = { with: [], without: [] };
    if (SCALING) {
      for (const n of [10, 100, 1000]) scale[n] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const n of [10, 100, 1000]) scale[n].push(await runScale(browser, server.origin, n));
        insert.without.push(await runInsert(browser, server.origin, false));
        insert.with.push(await runInsert(browser, server.origin, true));
      }
      log(`libraries bench: scaling done (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    const chromiumVersion = browser.version();
    const cpu = cpus();
    const ok = id => results[1][id].filter(r => !r.failed);
    const out = [];
    out.push(`### consentry against vanilla-cookieconsent, Klaro and tarteaucitron.js

Reproduce with \`npm run bench\` (\`BENCH_ONLY=libraries npm run bench\` for this part alone). Machine: ${cpu[0]?.model} × ${cpu.length} cores, ${platform()} ${release()}, Node ${process.version}, headless Chromium ${chromiumVersion}. ${RUNS} runs per library and CPU setting, libraries interleaved run by run, each visit in a fresh browser context; values are median / p90, ratios are medians relative to consentry (above 1× means more than consentry). Versions: ${LIBRARIES.map(l => `${l.name} ${l.version}`).join(', ')}.

The page: one article, categories necessary/analytics/marketing, English texts, a bottom bar, one gated external analytics script (sets \`_ga\`) and one gated inline marketing script (sets \`_fbp\`), each library blocking them its own documented way (consentry \`type="text/plain" data-consent\`; vanilla-cookieconsent \`type="text/plain" data-category\`; Klaro \`type="text/plain" data-type data-name\` with its default \`klaro.js\` build; tarteaucitron.js custom services and \`tarteaucitron.job\`, with its default \`useExternalCss/Js: false\`). Pages: \`test/bench/libraries.mjs\`.`);
    out.push(`#### Bytes each library adds (its own files as fetched; gzip -9 and brotli 11 computed from the files)\n\n${bytesTable({ consentry: ok('consentry'), vanilla: ok('vanilla'), klaro: ok('klaro'), tac: ok('tac') })}`);
    for (const t of throttles) {
      const r = Object.fromEntries(LIBRARIES.map(l => [l.id, results[t][l.id].filter(x => !x.failed)]));
      out.push(timingTable(r, baselines[t], t));
    }
    out.push(`Times are from navigation start (\`performance.timeOrigin\`). *Banner visible*: first frame in which the "Accept all" button is painted (non-zero box, opacity, visibility); *clickable*: enabled, on top at its centre, fully opaque and not moving. *Accept → both tags*: pointerdown on "Accept all" (the last one, where a first click did nothing: see Correctness) to the later of the two tags' own \`performance.now()\`. *Script* and *tasks*: CDP \`Performance.getMetrics\` ScriptDuration/TaskDuration at the moment the button became clickable, minus the same page without any library; *long tasks*/*TBT*: \`longtask\` entries until then; *CLS*: layout shifts before the click; *JS heap Δ*: JSHeapUsedSize after a forced GC, minus the baseline page.`);
    out.push(`#### Correctness\n\n${correctnessTable(results, throttles)}`);
    if (SCALING) {
      const withMs = insert.with.map(x => x.ms), withoutMs = insert.without.map(x => x.ms);
      out.push(`#### consentry alone: scaling (CPU not throttled)

| gated elements (inline scripts) | \`acceptAll()\` → all activated, ms (median / p90) | per element, µs |
|---|---|---|
${[10, 100, 1000].map(n => `| ${n} | ${mp(scale[n])} | ${((med(scale[n]) / n) * 1000).toFixed(0)} |`).join('\n')}

| page inserting 10,000 DOM nodes (5,000 elements + 5,000 text nodes, 100 batches) | ms (median / p90) |
|---|---|
| without consentry | ${mp(withoutMs)} |
| with consentry (banner shown, loader's observers active) | ${mp(withMs)} |
| ratio | ${(med(withMs) / med(withoutMs)).toFixed(2)}× |`);
    }
    out.push(`(${Math.round((Date.now() - started) / 1000)} s for this part.)`);
    return out.join('\n\n');
  } finally {
    await browser.close();
    server.close();
  }
}
