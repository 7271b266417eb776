// Benchmark (not a test) of consentry against vanilla-cookieconsent, Klaro and tarteaucitron.js
//. Serves on 127.0.0.1 the same article page once per library, each with categories
// necessary/analytics/marketing, English texts, one gated external analytics script and one gated
// inline marketing script, blocked with the library's own documented mechanism; then measures in
// headless Chromium, libraries interleaved run by run, each run on a fresh context.
// Options (env): BENCH_RUNS (default 15), BENCH_THROTTLED=0 to skip the 4x CPU runs, BENCH_SCALING=0,
// BENCH_DEBUG=1 to log every run's values.
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
const DEBUG = process.env.BENCH_DEBUG === '1';

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
    // Its UI lives in an open shadow root (<consentry-ui>) inside that of #consentry-root.
    accept: `const root = document.getElementById('consentry-root')?.shadowRoot?.querySelector('consentry-ui')?.shadowRoot; return root && [...root.querySelectorAll('button')].find(b => b.textContent.trim() === 'Accept all' && !b.closest('[hidden]'));`,
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
// The same article with the two tags as plain scripts, where the gated ones are: what a site without a
// consent library serves. The baseline of returning visits, where every library runs both tags.
const BASELINE_TAGS = {
  id: 'none-tags',
  name: 'no consent library, tags not gated (baseline of returning visits)',
  html: page('', `<script src="/tags/analytics.js"></script>\n<script>${MARKETING_JS}</script>`),
};

// consentry alone: n gated inline scripts, and a page inserting 10,000 nodes with or without the loader.
const CONSENTRY_HEAD = LIBRARIES[0].html.match(/<script type="application\/json"[\s\S]*?consentry\.js"><\/script>/)[0];
const scalePage = n =>
  page(
    `<script>window.__n = 0;</script>${CONSENTRY_HEAD}`,
    Array.from({ length: n }, () => `<script type="text/plain" data-consent="analytics">if (++window.__n === ${n}) window.__done = performance.now();</script>`).join('\n'),
  );

/**
 * The loader file of the 10,000-node page: with a configuration whose services list `blocks`, its
 * automatic blocking (insertion hooks, the gate's observer handing it every added element) is active.
 */
const OBSERVER_LOADER = 'consentry.js';
// The same configuration as the article's, with services whose `blocks` list URLs (a substring and a
// /regex/), which is what turns automatic blocking on.
const OBSERVER_HEAD = `<script type="application/json" id="consentry-config">${JSON.stringify({
  revision: 1,
  privacyPolicyUrl: '/privacy',
  language: 'en',
  categories: {
    necessary: { required: true },
    analytics: { cookies: ['/^_ga/'], services: [{ name: 'Google Analytics', blocks: ['googletagmanager.com/gtag/js', '/^https:\\/\\/www\\.google-analytics\\.com\\//'] }] },
    marketing: { cookies: ['_fbp'], services: [{ name: 'Meta pixel', blocks: ['connect.facebook.net'] }] },
  },
  ui: { layout: 'bar' },
})}</script>
<script src="/lib/consentry/${OBSERVER_LOADER}"></script>`;
const insertPage = withConsentry => page(withConsentry ? OBSERVER_HEAD : '', '<div id="feed"></div>');

// ---------------------------------------------------------------------------------------------
// Server

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8' };

function startServer() {
  const dirs = Object.fromEntries(LIBRARIES.map(l => [l.id, l.dir]));
  const pages = { ...Object.fromEntries([...LIBRARIES, BASELINE, BASELINE_TAGS].map(l => ['/' + l.id, l.html])) };
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
// In the page, from navigation start: long tasks, layout shifts, click time, the gated tags, and
// (first visit only) a per-frame poll of the accept button (visible: painted with non-zero size,
// opacity and visibility; clickable: also enabled, on top at its centre, and its box unchanged
// since the previous frame). The poll stops once the button is clickable; the time it spent is
// kept (pollMs) and taken out of the page's script time. The page tells the bench through a CDP
// binding (__benchSignal: one call when the button is clickable, one per gated tag), so the bench
// never has to run script in the page to wait.

const INIT = finder => `(() => {
  const b = window.__bench = { longTasks: [], cls: 0, shifts: 0, visible: null, clickable: null, click: null, pollMs: 0, frames: 0, found: 0 };
  const signal = what => { try { window.__benchSignal(what); } catch {} };
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) b.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch {}
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput && b.click === null) { b.cls += e.value; b.shifts++; } }).observe({ type: 'layout-shift', buffered: true }); } catch {}
  addEventListener('pointerdown', () => { b.click = performance.now(); }, true); // the last click
  // The tags assign window.__analytics / __marketing: a setter tells the bench, the value is kept.
  for (const name of ['__analytics', '__marketing']) {
    let value;
    Object.defineProperty(window, name, { configurable: true, get: () => value, set: v => { value = v; signal('tag'); } });
  }
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
  const poll = () => {
    // Only once every stylesheet in the document has loaded: an unstyled banner is not the banner.
    if (document.body && [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)) {
      const btn = find();
      if (btn && btn.isConnected) {
        const r = btn.getBoundingClientRect();
        const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && btn.checkVisibility({ opacityProperty: true, visibilityProperty: true });
        if (shown && b.visible === null) b.visible = performance.now();
        const box = [r.x, r.y, r.width, r.height].join();
        if (shown && !btn.disabled) {
          const h = hit(r.x + r.width / 2, r.y + r.height / 2);
          let op = 1; for (let el = btn; el; el = el.parentElement || (el.getRootNode() && el.getRootNode().host)) op *= +getComputedStyle(el).opacity;
          if (h && (h === btn || btn.contains(h)) && op > 0.99 && box === last) { b.clickable = performance.now(); b.box = [r.x + r.width / 2, r.y + r.height / 2]; return 2; }
        }
        last = box;
        return 1;
      }
    }
    return 0;
  };
  const frame = () => {
    const t0 = performance.now();
    const found = poll();
    b.pollMs += performance.now() - t0;
    b.frames++;
    if (found) b.found++;
    if (found === 2) signal('clickable');
    else requestAnimationFrame(frame);
  };
  // Calibration, once the page has settled: the poll's script time per frame, replayed n times on
  // the clickable button (the full path), or with no button found (empty: true).
  b.replay = (n, empty) => {
    const keep = [find, b.clickable, b.box];
    if (empty) find = () => null;
    for (let i = 0; i < n; i++) poll();
    [find, b.clickable, b.box] = keep;
  };
  const src = ${JSON.stringify(finder ?? null)};
  if (src) {
    b.setFinder(src);
    requestAnimationFrame(frame);
  }
})();`;

const tbt = (tasks, until = Infinity) => tasks.filter(([s]) => s <= until).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
const metric = (metrics, name) => metrics.find(m => m.name === name)?.value;

/** A visit has settled after this long without a request, a long task or script (see settle()). */
const QUIET_MS = 500;
/** Script time (CDP ScriptDuration) that a settled page may still add during QUIET_MS. */
const QUIET_SCRIPT_MS = 0.1;
/** A visit that has not settled this long after navigation is measured as it is (and counted). */
const SETTLE_MAX_MS = 15000;

/**
 * A fresh context and tab with CDP: Performance metrics, the CPU throttling, the bench's init script
 * (finder: the accept button's finder, for a first visit; null: no poll), the __benchSignal binding,
 * and a count of the page's requests in flight.
 */
async function newPage(browser, throttle, { storageState, finder = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: '__benchSignal' });
  const signals = { clickable: 0, tag: 0, waiters: [] };
  cdp.on('Runtime.bindingCalled', e => {
    if (e.name !== '__benchSignal') return;
    signals[e.payload] = (signals[e.payload] || 0) + 1;
    for (const w of signals.waiters.splice(0)) w();
  });
  /** Resolves once `test()` holds (checked at each signal), or rejects after `ms`. */
  signals.until = (test, ms) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the page')), ms);
      const check = () => (test() ? (clearTimeout(timer), resolve()) : signals.waiters.push(check));
      check();
    });
  const net = { inflight: 0, last: Date.now(), loaded: false, navAt: NaN };
  // navAt: the first request, the navigation's own (settledAt is counted from it).
  const start = () => { net.inflight++; net.last = Date.now(); net.navAt ||= net.last; };
  const end = () => { net.inflight = Math.max(0, net.inflight - 1); net.last = Date.now(); };
  tab.on('request', start);
  tab.on('requestfinished', end);
  tab.on('requestfailed', end);
  tab.on('load', () => (net.loaded = true));
  await tab.addInitScript(INIT(finder));
  return { context, tab, cdp, signals, net };
}

/**
 * Waits until the visit has settled, and returns the page's CDP metrics then. Settled: the load
 * event has fired, `ready()` holds (first visit: the accept button is clickable; returning visit:
 * both gated tags ran), and for the last QUIET_MS no request was in flight or started, the page's
 * script time (Performance.getMetrics ScriptDuration) grew by less than QUIET_SCRIPT_MS and its task
 * time by less than 50 ms (so no long task). Polled from here every 50 ms with Performance.getMetrics,
 * which runs no script in the page. After SETTLE_MAX_MS the metrics are taken all the same, and the
 * visit counted as not settled.
 */
async function settle({ tab, cdp, net }, ready = () => true) {
  const t0 = Date.now();
  const history = [];
  for (;;) {
    const m = (await cdp.send('Performance.getMetrics')).metrics;
    const now = Date.now();
    const sample = { at: now, script: metric(m, 'ScriptDuration') * 1000, task: metric(m, 'TaskDuration') * 1000, metrics: m };
    history.push(sample);
    const before = history.findLast(s => s.at <= now - QUIET_MS);
    const quiet =
      before &&
      net.loaded &&
      ready() &&
      net.inflight === 0 &&
      now - net.last >= QUIET_MS &&
      sample.script - before.script < QUIET_SCRIPT_MS &&
      sample.task - before.task < 50;
    // settledAt: from the navigation's start to the start of the quiet period.
    if (quiet || now - t0 > SETTLE_MAX_MS) return { metrics: m, settled: !!quiet, settledAt: before ? before.at - net.navAt : NaN };
    await tab.waitForTimeout(50);
  }
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

/**
 * The script time (CDP ScriptDuration) the bench's own button poll added to a first visit: its
 * frames replayed REPLAYS times once the page has settled, with the button found and with none,
 * each batch's ScriptDuration minus that of an empty evaluation, per frame, times the frames of
 * each kind the visit had. (Timing the poll in the page would also count the layout it forces,
 * which ScriptDuration leaves out, and performance.now() has 100 µs steps here.)
 */
const REPLAYS = 20;
async function pollCost({ tab, cdp }, b) {
  const script = async () => metric((await cdp.send('Performance.getMetrics')).metrics, 'ScriptDuration') * 1000;
  // In a task of the page's own: CDP's Runtime.evaluate is not counted in ScriptDuration.
  const replay = (n, empty) => tab.evaluate(([n, empty]) => new Promise(r => setTimeout(() => r(window.__bench.replay(n, empty)))), [n, empty]);
  const t0 = await script();
  await replay(REPLAYS, false);
  const t1 = await script();
  await replay(REPLAYS, true);
  const t2 = await script();
  await replay(0, false);
  const t3 = await script();
  const full = Math.max(0, (t1 - t0 - (t3 - t2)) / REPLAYS);
  const empty = Math.max(0, (t2 - t1 - (t3 - t2)) / REPLAYS);
  return { ms: b.found * full + (b.frames - b.found) * empty, full, empty, frames: b.frames, found: b.found, wall: b.pollMs };
}

/**
 * One run of one library: a first visit measured until it settles, then "Accept all", then a
 * returning visit (fresh context with the stored cookies and storage) measured until it settles.
 */
async function runLibrary(browser, origin, lib, throttle) {
  const out = {};
  const first = await newPage(browser, throttle, { finder: lib.accept });
  const { context, tab, cdp, signals } = first;
  const bytes = trackBytes(tab, lib);
  await tab.goto(origin + '/' + lib.id, { waitUntil: 'commit' });
  const s = await settle(first, () => signals.clickable > 0);
  if (!signals.clickable) throw new Error('the accept button never became clickable');
  const b = await tab.evaluate(() => ({ ...window.__bench, tags: [window.__analytics, window.__marketing] }));
  const poll = await pollCost(first, b);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = metric((await cdp.send('Performance.getMetrics')).metrics, 'JSHeapUsedSize');
  const cookiesBefore = await cookieNames(context);
  out.correctBefore = b.tags.every(t => t === undefined) && !cookiesBefore.some(n => n === '_ga' || n === '_fbp');
  Object.assign(out, {
    visible: b.visible,
    clickable: b.clickable,
    // The poll's own time is the bench's, not the library's.
    script: metric(s.metrics, 'ScriptDuration') * 1000 - poll.ms,
    poll,
    task: metric(s.metrics, 'TaskDuration') * 1000 - poll.wall,
    heap,
    longTasks: b.longTasks.length,
    tbt: tbt(b.longTasks),
    cls: b.cls,
    settled: s.settled,
    settledAt: s.settledAt,
  });
  // A visitor reads before clicking: the page has loaded and settled (tarteaucitron wires its buttons
  // late); a click that does nothing is repeated and counted, the time still runs from the first.
  const at = await tab.evaluate(() => window.__bench.center());
  out.clicks = 0;
  for (;;) {
    await tab.mouse.click(at[0], at[1]);
    out.clicks++;
    try {
      await signals.until(() => signals.tag >= 2, 3000);
      break;
    } catch (e) {
      if (out.clicks >= 3) throw e;
    }
  }
  const after = await tab.evaluate(() => ({ click: window.__bench.click, tags: [window.__analytics, window.__marketing] }));
  out.acceptToTags = Math.max(...after.tags) - after.click;
  const cookiesAfter = await cookieNames(context);
  out.correctAfter = cookiesAfter.includes('_ga') && cookiesAfter.includes('_fbp');
  await tab.waitForTimeout(100); // what the decision fetches (receipts, language packs) is done
  out.bytesFirst = { raw: bytes.raw, gzip: bytes.gzip, brotli: bytes.brotli, files: [...bytes.files] };
  // The returning visitor: the decision (cookies and storage) kept, the trackers' own cookies dropped.
  const state = await context.storageState();
  state.cookies = state.cookies.filter(c => c.name !== '_ga' && c.name !== '_fbp');
  await context.close();

  const ret = await newPage(browser, throttle, { storageState: state });
  const rbytes = trackBytes(ret.tab, lib);
  await ret.tab.goto(origin + '/' + lib.id, { waitUntil: 'commit' });
  const rs = await settle(ret, () => ret.signals.tag >= 2);
  const rb = await ret.tab.evaluate(src => {
    window.__bench.setFinder(src);
    let banner = null;
    try { banner = window.__bench.center(); } catch {}
    return { ...window.__bench, tags: [window.__analytics, window.__marketing], banner: !!banner && banner.every(x => x > 0) };
  }, lib.accept);
  Object.assign(out, {
    returnScript: metric(rs.metrics, 'ScriptDuration') * 1000,
    returnTask: metric(rs.metrics, 'TaskDuration') * 1000,
    returnToTags: rb.tags.every(t => typeof t === 'number') ? Math.max(...rb.tags) : NaN,
    returnLongTasks: rb.longTasks.length,
    returnTbt: tbt(rb.longTasks),
    returnSettled: rs.settled,
    returnSettledAt: rs.settledAt,
    returnBanner: rb.banner,
  });
  out.bytesReturn = { raw: rbytes.raw, gzip: rbytes.gzip, brotli: rbytes.brotli, files: [...rbytes.files] };
  await ret.context.close();
  return out;
}

/**
 * The same article without any library, measured the same way (no poll: there is no button); with
 * `tags`, the page whose two tags run as plain scripts, settled once both ran.
 */
async function runBaseline(browser, origin, throttle, tags = false) {
  const visit = await newPage(browser, throttle);
  await visit.tab.goto(origin + (tags ? '/none-tags' : '/none'), { waitUntil: 'commit' });
  const s = await settle(visit, () => !tags || visit.signals.tag >= 2);
  await visit.cdp.send('HeapProfiler.collectGarbage');
  const heap = metric((await visit.cdp.send('Performance.getMetrics')).metrics, 'JSHeapUsedSize');
  const b = await visit.tab.evaluate(() => window.__bench);
  await visit.context.close();
  return {
    script: metric(s.metrics, 'ScriptDuration') * 1000,
    task: metric(s.metrics, 'TaskDuration') * 1000,
    heap,
    tbt: tbt(b.longTasks),
    longTasks: b.longTasks.length,
    cls: b.cls,
    settled: s.settled,
    settledAt: s.settledAt,
  };
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
  const visit = await newPage(browser, 1, { finder: withConsentry ? LIBRARIES[0].accept : null });
  const { context, tab, signals } = visit;
  await tab.goto(origin + (withConsentry ? '/insert-with' : '/insert-without'), { waitUntil: 'commit' });
  // With consentry: its banner is up (UI chunk loaded), its observers and insertion hooks active.
  await settle(visit, () => !withConsentry || signals.clickable > 0);
  if (withConsentry && !(await tab.evaluate(() => typeof window.consentry?.get === 'function' && Node.prototype.appendChild.toString().indexOf('[native code]') < 0)))
    throw new Error(OBSERVER_LOADER + ' did not install automatic blocking on the 10,000-node page');
  // 10,000 nodes in 100 batches of 100 (div > text), a task between batches so that observers run
  // as they would on a page that grows; the time includes the observers' callbacks. Also the
  // CPU time of the page's main thread over the same span (CDP ThreadTime), which neither the waits
  // between batches nor other processes on a shared machine blur.
  const busy = async () => metric((await visit.cdp.send('Performance.getMetrics')).metrics, 'ThreadTime') * 1000;
  const busy0 = await busy();
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
  const task = (await busy()) - busy0;
  await context.close();
  return { ms, task };
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

/** Median of a per-run value: `key` a field, or a function of the run. */
const value = (runs, key) => runs.map(typeof key === 'function' ? key : r => r[key]);

function timingTables(results, baseline, baselineTags, throttle) {
  const cons = results.consentry;
  const base = key => med(baseline.map(r => r[key]));
  const baseTags = key => med(baselineTags.map(r => r[key]));
  const cell = (l, key) => {
    const xs = value(results[l.id], key);
    return mp(xs) + (l.id === 'consentry' ? '' : ratio(med(xs), med(value(cons, key))));
  };
  const counts = (l, key) => mp(value(results[l.id], key), String);
  const unsettled = (l, key) => results[l.id].filter(r => !r[key]).length;
  const firstHead = `| library | banner visible, ms | accept clickable, ms | script, ms | tasks, ms | long tasks | TBT, ms | CLS | JS heap Δ, KB | accept → both tags, ms |
|---|---|---|---|---|---|---|---|---|---|`;
  const first = LIBRARIES.map(l =>
    `| ${l.name}${unsettled(l, 'settled') ? ` (${unsettled(l, 'settled')} not settled)` : ''} | ${cell(l, 'visible')} | ${cell(l, 'clickable')} | ${cell(l, r => r.script - base('script'))} | ${cell(l, r => r.task - base('task'))} | ${counts(l, 'longTasks')} | ${mp(value(results[l.id], 'tbt'))} | ${mp(value(results[l.id], 'cls'), x => x.toFixed(3))} | ${mp(value(results[l.id], r => r.heap - base('heap')), x => (x / 1024).toFixed(0))} | ${cell(l, 'acceptToTags')} |`,
  );
  const returnHead = `| library | script, ms | tasks, ms | navigation → both tags, ms | long tasks | TBT, ms |
|---|---|---|---|---|---|`;
  const ret = LIBRARIES.map(l =>
    `| ${l.name}${unsettled(l, 'returnSettled') ? ` (${unsettled(l, 'returnSettled')} not settled)` : ''} | ${cell(l, r => r.returnScript - baseTags('script'))} | ${cell(l, r => r.returnTask - baseTags('task'))} | ${cell(l, 'returnToTags')} | ${counts(l, 'returnLongTasks')} | ${mp(value(results[l.id], 'returnTbt'))} |`,
  );
  const note = `(The page without any library, subtracted above: script ${ms(base('script'))} ms, tasks ${ms(base('task'))} ms, heap ${(base('heap') / 1024).toFixed(0)} KB, TBT ${ms(base('tbt'))} ms; with its two tags running as plain scripts, subtracted from returning visits: script ${ms(baseTags('script'))} ms, tasks ${ms(baseTags('task'))} ms, TBT ${ms(baseTags('tbt'))} ms. Visits settled, median, ${LIBRARIES.map(l => `${l.name} ${ms(med(value(results[l.id], 'settledAt')))} / ${ms(med(value(results[l.id], 'returnSettledAt')))} ms`).join(', ')} (first / returning visit), the page without any library ${ms(base('settledAt'))} ms after navigation. The bench's own button poll, taken out of first-visit script time: ${LIBRARIES.map(l => `${l.name} ${med(value(results[l.id], r => r.poll.ms)).toFixed(2)} ms`).join(', ')}.)`;
  return `#### CPU ${throttle === 1 ? 'not throttled' : throttle + '× throttled (Emulation.setCPUThrottlingRate)'}

First visit (no decision stored), until the page settles, then "Accept all":

${firstHead}
${first.join('\n')}

Returning visit (decision stored, fresh page load), until the page settles:

${returnHead}
${ret.join('\n')}

${note}`;
}

/**
 * The issue's goals, each judged on this run's medians: consentry's value, the value it is compared
 * with, the ratio, and whether the goal is met.
 */
function goalsTable(results, baselines, throttles, insert) {
  // baselines[t]: { none, tags } (see runLibrariesBench).
  const rows = [];
  const rivals = LIBRARIES.filter(l => l.id !== 'consentry');
  const vanilla = LIBRARIES.find(l => l.id === 'vanilla');
  const row = (goal, ours, theirs, max, who, unit = 'ms') => {
    const r = ours / theirs;
    const ok = Number.isFinite(r) && r <= max;
    rows.push(`| ${goal} | ${ms(ours)} ${unit} | ${ms(theirs)} ${unit} (${who}) | ${r.toFixed(2)}× | ${ok ? 'met' : 'not met'} |`);
  };
  for (const t of throttles) {
    const res = results[t];
    const baseScript = med(baselines[t].tags.map(r => r.script));
    const m = (id, key) => med(value(res[id], key));
    const cpu = t === 1 ? '1× CPU' : t + '× CPU';
    row(`returning visit, script time ≤ 0.5× vanilla-cookieconsent's (${cpu})`, m('consentry', r => r.returnScript - baseScript), m('vanilla', r => r.returnScript - baseScript), 0.5, vanilla.name);
    row(`returning visit, navigation → gated tags ≤ 0.8× vanilla-cookieconsent's (${cpu})`, m('consentry', 'returnToTags'), m('vanilla', 'returnToTags'), 0.8, vanilla.name);
    const fastest = (key) => rivals.map(l => [m(l.id, key), l.name]).sort((a, b) => a[0] - b[0])[0];
    if (t > 1) {
      const [v, who] = fastest('visible');
      row(`first visit, banner visible ≤ 0.9× the fastest rival's (${cpu})`, m('consentry', 'visible'), v, 0.9, who);
      const lt = res.consentry.map(r => r.longTasks), tb = res.consentry.map(r => r.tbt);
      const withLong = lt.filter(x => x > 0).length;
      const ok = med(lt) === 0 && med(tb) === 0;
      rows.push(`| first visit, no long task and TBT 0 until the page settles (${cpu}) | median ${med(lt)} long tasks, TBT ${ms(med(tb))} ms (runs with a long task: ${withLong}/${lt.length}) | 0, 0 ms | – | ${ok ? 'met' : 'not met'} |`);
    }
    const [a, who] = fastest('acceptToTags');
    row(`accept → tags ≤ the fastest rival's (${cpu})`, m('consentry', 'acceptToTags'), a, 1, who);
  }
  if (insert) {
    const w = key => med(insert.with.map(x => x[key])), wo = key => med(insert.without.map(x => x[key]));
    row(`10,000 inserted nodes with automatic blocking active < 1.2× the page without any library: time (1× CPU)`, w('ms'), wo('ms'), 1.2, 'no library');
    row(`the same, main-thread CPU time (1× CPU)`, w('task'), wo('task'), 1.2, 'no library');
  }
  return `| goal | consentry | compared with | ratio | in this run |
|---|---|---|---|---|
${rows.join('\n')}`;
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
  const head = `| library | runs | before the click: no gated tag ran, no _ga/_fbp cookie | after "Accept all": both tags ran, both cookies set | returning visit: both tags ran without a click, no banner | runs where the first click did nothing |\n|---|---|---|---|---|---|`;
  const rows = LIBRARIES.map(l => {
    const r = throttles.flatMap(t => results[t][l.id]);
    const n = r.length;
    const c = key => `${r.filter(x => x[key]).length}/${n}`;
    return `| ${l.name} | ${n} | ${c('correctBefore')} | ${c('correctAfter')} | ${r.filter(x => Number.isFinite(x.returnToTags) && !x.returnBanner).length}/${n} | ${r.filter(x => x.clicks > 1).length} |`;
  });
  return `${head}\n${rows.join('\n')}`;
}


// For test/bench/profile-return.mjs: the same pages.
export { LIBRARIES, ANALYTICS_JS };

export async function runLibrariesBench({ log = console.error } = {}) {
  const started = Date.now();
  const server = await startServer();
  const browser = await launchChromium();
  const throttles = THROTTLED ? [1, 4] : [1];
  const results = {}, baselines = {};
  try {
    for (const throttle of throttles) {
      results[throttle] = Object.fromEntries(LIBRARIES.map(l => [l.id, []]));
      baselines[throttle] = { none: [], tags: [] };
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, and the order rotated from run to run.
        const order = [...LIBRARIES.slice(run % LIBRARIES.length), ...LIBRARIES.slice(0, run % LIBRARIES.length)];
        for (const lib of order) {
          try {
            const r = await runLibrary(browser, server.origin, lib, throttle);
            results[throttle][lib.id].push(r);
            if (DEBUG) log(`  ${lib.id} ${throttle}×: ${JSON.stringify(r, (k, v) => (k.startsWith('bytes') || k === 'longTaskList' ? undefined : typeof v === 'number' ? +v.toFixed(3) : v))}`);
          } catch (e) {
            log(`  ${lib.name} run ${run + 1} (${throttle}×) failed: ${e.message.split('\n')[0]}`);
            results[throttle][lib.id].push({ correctBefore: false, correctAfter: false, failed: true });
          }
        }
        baselines[throttle].none.push(await runBaseline(browser, server.origin, throttle));
        baselines[throttle].tags.push(await runBaseline(browser, server.origin, throttle, true));
        log(`libraries bench: ${throttle}× CPU, run ${run + 1}/${RUNS} (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
    const scale = {}, insert = { with: [], without: [] };
    if (SCALING) {
      for (const n of [10, 100, 1000]) scale[n] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const n of [10, 100, 1000]) scale[n].push(await runScale(browser, server.origin, n));
        // Alternated, the order swapped from run to run.
        for (const withConsentry of run % 2 ? [true, false] : [false, true])
          insert[withConsentry ? 'with' : 'without'].push(await runInsert(browser, server.origin, withConsentry));
      }
      log(`libraries bench: scaling done (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    const chromiumVersion = browser.version();
    const cpu = cpus();
    const ok = t => Object.fromEntries(LIBRARIES.map(l => [l.id, results[t][l.id].filter(x => !x.failed)]));
    const out = [];
    out.push(`### consentry against vanilla-cookieconsent, Klaro and tarteaucitron.js

Reproduce with \`npm run bench\` (\`BENCH_ONLY=libraries npm run bench\` for this part alone). Machine: ${cpu[0]?.model} × ${cpu.length} cores, ${platform()} ${release()}, Node ${process.version}, headless Chromium ${chromiumVersion}. ${RUNS} runs per library and CPU setting, libraries interleaved run by run, each visit in a fresh browser context; values are median / p90, ratios are medians relative to consentry (above 1× means more than consentry). Versions: ${LIBRARIES.map(l => `${l.name} ${l.version}`).join(', ')}.

The page: one article, categories necessary/analytics/marketing, English texts, a bottom bar, one gated external analytics script (sets \`_ga\`) and one gated inline marketing script (sets \`_fbp\`), each library blocking them its own documented way (consentry \`type="text/plain" data-consent\`; vanilla-cookieconsent \`type="text/plain" data-category\`; Klaro \`type="text/plain" data-type data-name\` with its default \`klaro.js\` build; tarteaucitron.js custom services and \`tarteaucitron.job\`, with its default \`useExternalCss/Js: false\`). Pages: \`test/bench/libraries.mjs\`.`);
    out.push(`#### Goals (README, "Performance, side by side"), judged on this run's medians\n\n${goalsTable(Object.fromEntries(throttles.map(t => [t, ok(t)])), baselines, throttles, SCALING && insert)}`);
    out.push(`#### Bytes each library adds (its own files as fetched; gzip -9 and brotli 11 computed from the files)\n\n${bytesTable(ok(1))}`);
    for (const t of throttles) out.push(timingTables(ok(t), baselines[t].none, baselines[t].tags, t));
    out.push(`How each value is measured. Times are from navigation start (\`performance.timeOrigin\`). *Banner visible*: first frame in which the "Accept all" button is painted (non-zero box, opacity, visibility); *clickable*: enabled, on top at its centre, fully opaque and not moving. A visit is measured until it has *settled*: the load event has fired, the button is clickable (first visit) or both gated tags ran (returning visit), and for ${QUIET_MS} ms no request was in flight, no long task ran and the page's script time grew by less than ${QUIET_SCRIPT_MS} ms (CDP \`Performance.getMetrics\`, polled every 50 ms from outside the page; a visit not settled after ${SETTLE_MAX_MS / 1000} s is measured then and flagged). *Script* and *tasks*: CDP \`Performance.getMetrics\` ScriptDuration/TaskDuration of the whole visit at that moment, minus the same page without any library measured the same way (returning visits: that page with the two tags as plain scripts, since every library runs them then; first visit: minus the script time of the bench's own per-frame button poll, replayed after the visit and measured the same way); *long tasks*/*TBT*: \`longtask\` entries of the whole visit; *CLS*: layout shifts before the click; *JS heap Δ*: JSHeapUsedSize after a forced GC, minus the page without any library. *Accept → both tags*: pointerdown on "Accept all" (the last one, where a first click did nothing: see Correctness) to the later of the two tags' own \`performance.now()\`. *Returning visit*: a fresh context with the cookies and storage the first visit left (the trackers' own \`_ga\`/\`_fbp\` removed), the page loaded again; *navigation → both tags*: the later of the two tags' own \`performance.now()\`. The bench waits through a CDP binding the page calls (button clickable, each tag ran), so it runs no script in the page before the metrics are taken.`);
    out.push(`#### Correctness\n\n${correctnessTable(results, throttles)}`);
    if (SCALING) {
      const withMs = insert.with.map(x => x.ms), withoutMs = insert.without.map(x => x.ms);
      const withTask = insert.with.map(x => x.task), withoutTask = insert.without.map(x => x.task);
      out.push(`#### consentry alone: scaling (CPU not throttled)

| gated elements (inline scripts) | \`acceptAll()\` → all activated, ms (median / p90) | per element, µs |
|---|---|---|
${[10, 100, 1000].map(n => `| ${n} | ${mp(scale[n])} | ${((med(scale[n]) / n) * 1000).toFixed(0)} |`).join('\n')}

| page inserting 10,000 DOM nodes (5,000 elements + 5,000 text nodes, 100 batches) | time, ms (median / p90) | main-thread CPU time, ms (median / p90) |
|---|---|---|
| without any library | ${mp(withoutMs)} | ${mp(withoutTask)} |
| with consentry's loader (\`${OBSERVER_LOADER}\`, services listing \`blocks\`: automatic blocking's observer and insertion hooks active; banner shown) | ${mp(withMs)} | ${mp(withTask)} |
| ratio | ${(med(withMs) / med(withoutMs)).toFixed(2)}× | ${(med(withTask) / med(withoutTask)).toFixed(2)}× |

*Time*: \`performance.now()\` around the 100 batches, the tasks between them included; *main-thread CPU time*: CDP ThreadTime (CPU time of the page's main thread) over the same span.`);
    }
    out.push(`(${Math.round((Date.now() - started) / 1000)} s for this part.)`);
    return out.join('\n\n');
  } finally {
    await browser.close();
    server.close();
  }
}
