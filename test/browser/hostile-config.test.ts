// A hostile configuration is inert (README, "Browser support"), in a real Chromium and without a Content-Security-Policy
// to hide behind: markup and script in every text the banner, the preferences and the loader's own
// widgets draw, and in the URLs they use, end up as text; `javascript:` and `data:` URLs are refused
// by the validator, with the path of the field; `__proto__` keys, huge texts and huge lists are
// reported and refused without hanging the page. Every payload would set `window.pwned`.
// (happy-dom covers single fields: test/ui/banner.test.tsx, test/core/validate.test.ts.)
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SHAPES = [
  (n: number) => `<img src=x onerror=top.pwned=${n}>`,
  (n: number) => `<script>top.pwned=${n}</script>`,
  (n: number) => `"><svg onload=top.pwned=${n}>`,
  (n: number) => `'><iframe srcdoc="<script>parent.pwned=${n}</script>"></iframe>`,
  (n: number) => `javascript:top.pwned=${n}`,
  (n: number) => `<a href="javascript:top.pwned=${n}">x</a><style>*{display:none}</style>`,
];
/** Each field's payload, by field name. */
const made = new Map<string, string>();
/** A distinct payload: the field's name, then markup that would set window.pwned if parsed. */
const payload = (field: string) => {
  const text = field + ' ' + SHAPES[made.size % SHAPES.length]!(made.size + 1);
  made.set(field, text);
  return text;
};

/**
 * Waits until the console has the report of an invalid configuration: it comes once the chunk with
 * the validator's words has arrived, a fetch after the verdict itself (src/core/lazy-chunk.ts).
 */
const reported = async (lines: string[], ms = 10000) => {
  const end = Date.now() + ms;
  while (!lines.some(l => l.startsWith('[consentry] invalid configuration'))) {
    if (Date.now() > end) throw new Error('no report of an invalid configuration');
    await new Promise(r => setTimeout(r, 20));
  }
};

const en = JSON.parse(readFileSync('src/locales/en.json', 'utf8')) as Record<string, string>;
const translations = Object.fromEntries(Object.keys(en).map(k => [k, payload(k)]));
const service = (name: string) => ({
  name: payload(name + '.name'),
  provider: payload(name + '.provider'),
  purpose: payload(name + '.purpose'),
  cookies: [{ name: payload(name + '.cookie'), duration: payload(name + '.duration'), description: payload(name + '.cookieDescription') }],
});
const custom = (key: string) => ({ title: { en: payload(key + '.title') }, description: { en: payload(key + '.description') }, services: [service(key)] });
const TEXTS_CONFIG = {
  revision: 1,
  // A valid path whose query holds markup: it may become an href, never markup.
  privacyPolicyUrl: '/privacy?"><img src=x onerror=top.pwned=1001>',
  categories: {
    necessary: { required: true },
    preferences: {},
    analytics: { services: [service('analytics')] },
    marketing: { optOutOnGPC: true },
    partners: custom('partners'),
    // A category key that is also an Object.prototype member.
    constructor: custom('constructor'),
  },
  receipts: { endpoint: '/receipts?"><svg onload=top.pwned=1002>' },
  ui: { theme: { '--consentry-font': 'x" onload="top.pwned=1003' } },
  translations: { en: translations },
};
/** Every field whose text the visitor may be shown (a service cookie's description is not drawn). */
const SHOWN = [...made.keys()].filter(f => !f.endsWith('.cookieDescription'));

/** What the page shows of consentry: every element, text and attribute inside its shadow roots. */
const snapshot = (tab: Page) =>
  tab.evaluate(() => {
    const elements: { tag: string; attributes: [string, string][] }[] = [];
    const texts: string[] = [];
    const walk = (root: ShadowRoot) => {
      texts.push(root.textContent || '');
      for (const el of root.querySelectorAll('*')) {
        elements.push({ tag: el.tagName, attributes: [...el.attributes].map(a => [a.name, a.value]) });
        for (const a of el.attributes) texts.push(a.value);
        if (el.tagName === 'SELECT') texts.push(...[...(el as HTMLSelectElement).options].map(o => o.text));
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    for (const host of document.querySelectorAll('*')) if (host.shadowRoot) walk(host.shadowRoot);
    return { elements, texts, pwned: (window as any).pwned as unknown };
  });

// What the banner, the preferences and the loader's widgets are made of: nothing else may appear.
const DRAWN = new Set('DIV SECTION H2 P BUTTON A SPAN UL LI LABEL INPUT SELECT OPTION DETAILS SUMMARY B DL DT DD TABLE TBODY TR TH TD CODE CONSENTRY-UI'.split(' '));
function expectInert(snap: Awaited<ReturnType<typeof snapshot>>): void {
  expect(snap.pwned).toBeUndefined();
  expect(snap.elements.map(e => e.tag).filter(t => !DRAWN.has(t))).toEqual([]);
  expect(snap.elements.flatMap(e => e.attributes.filter(([name]) => name.startsWith('on')))).toEqual([]);
  for (const e of snap.elements.filter(e => e.tag === 'A'))
    expect(new URL(Object.fromEntries(e.attributes).href!, server.origin).protocol).toBe(server.origin.split('//')[0]);
}

describe('markup and script in every text and URL of a valid configuration', () => {
  it('should be drawn as text in the banner, the preferences, the floating button and the placeholder, and never run', async () => {
    server.route('/receipts', { status: 201 });
    server.route('/texts', html(TEXTS_CONFIG, '<iframe data-consent="marketing" data-src="/frame" title="Video"></iframe>'));
    const context = await browser.newContext();
    // GPC: the banner then also shows the text saying the signal was honoured.
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const tab = await context.newPage();
    const pageErrors: string[] = [];
    tab.on('pageerror', e => pageErrors.push(e.message));
    await tab.goto(server.origin + '/texts');
    const root = tab.locator('#consentry-root');
    await root.locator('h2').waitFor();
    const shown = [await snapshot(tab)];

    await root.locator('button.cz').click(); // "customize"
    await root.getByRole('dialog').waitFor();
    shown.push(await snapshot(tab));
    // The custom category named like an Object.prototype member is a category like any other.
    await root.getByRole('switch', { name: made.get('constructor.title') }).check();
    await root.getByRole('dialog').locator('button.cz').click(); // "save"
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    expect(await tab.evaluate(() => [(window as any).consentry.get('constructor'), (window as any).consentry.get('toString')])).toEqual([true, false]);
    shown.push(await snapshot(tab)); // the status "saved"

    await root.locator('button.fab').click(); // the floating button, labelled by a payload too
    await root.getByRole('dialog').waitFor();
    shown.push(await snapshot(tab)); // the decision, its consent id, "withdraw"

    // The next page: the loader alone draws the placeholder and the floating button, with the texts
    // the UI left in localStorage.
    await tab.reload();
    await tab.waitForFunction(() => (window as any).consentry?.state?.decided);
    await tab.waitForFunction(() => document.querySelector('iframe')?.previousElementSibling?.shadowRoot);
    shown.push(await snapshot(tab));

    for (const snap of shown) expectInert(snap);
    expect(SHOWN).toHaveLength(Object.keys(en).length + 3 * 5 + 2 * 2);
    const texts = shown.flatMap(s => s.texts);
    const missing = SHOWN.filter(f => !texts.some(t => t.includes(made.get(f)!)));
    expect(missing).toEqual([]);
    expect(texts).toContain(TEXTS_CONFIG.privacyPolicyUrl); // as the link's href, verbatim
    expect(pageErrors).toEqual([]);
    expect(await tab.evaluate(() => (window as any).pwned)).toBeUndefined();
    await context.close();
  });
});

describe('a javascript: or data: URL', () => {
  const cases: [string, string][] = [
    ['privacyPolicyUrl', 'javascript:top.pwned=1'],
    ['privacyPolicyUrl', 'java\tscript:top.pwned=1'],
    ['privacyPolicyUrl', ' JavaScript:top.pwned=1'],
    ['privacyPolicyUrl', 'data:text/html,<script>top.pwned=1</script>'],
    ['receipts.endpoint', 'javascript:top.pwned=1'],
  ];
  it.each(cases)('in %s (%j): refused with the path of the field, nothing granted, nothing linked or run', async (path, url) => {
    const fields = path === 'receipts.endpoint' ? { receipts: { endpoint: url } } : { privacyPolicyUrl: url };
    // The console quotes what it found, cut at 40 characters.
    const got = JSON.stringify(url.length > 40 ? url.slice(0, 40) + '…' : url);
    const id = '/url-' + encodeURIComponent(JSON.stringify(fields));
    server.route(id, html({ revision: 1, categories: { necessary: {}, analytics: {} }, ...fields }, '<script type="text/plain" data-consent="analytics">top.ran = 1</script>'));
    const tab = await browser.newPage();
    const lines: string[] = [];
    tab.on('console', m => lines.push(m.text()));
    await tab.goto(server.origin + id);
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.waitForFunction(() => (window as any).consentry.get('analytics') === false);
    await reported(lines);
    expect(lines).toContain('[consentry] invalid configuration, every optional category is refused:\n  ' + path + ': expected an http(s) URL or a path, got ' + got);
    expect(await tab.evaluate(() => (window as any).consentry.acceptAll())).toBeUndefined();
    expect(await tab.evaluate(() => [(window as any).consentry.get('analytics'), (window as any).ran, (window as any).pwned])).toEqual([false, undefined, undefined]);
    expectInert(await snapshot(tab));
    expect(await tab.locator('#consentry-root a').count()).toBe(0);
    await tab.close();
  });

  // The loader fetches its chunks from assetsUrl before the validator (a chunk) can look at it, so the
  // loader itself refuses any assetsUrl that does not resolve to http(s), even without a CSP: the
  // configuration is then unreadable, and the validator, fetched from the loader's own folder, says why.
  it.each(['data:text/javascript,top.pwned=1//', ' data:text/javascript,top.pwned=1//', 'da\tta:text/javascript,top.pwned=1//', 'blob:' + 'x'])(
    'in assetsUrl (%j), without any CSP: never imported, reported, nothing granted',
    async assetsUrl => {
      const id = '/assets-' + encodeURIComponent(assetsUrl);
      server.route(id, html({ revision: 1, categories: { necessary: {}, analytics: {} }, assetsUrl }));
      const tab = await browser.newPage();
      const lines: string[] = [];
      const imported: string[] = [];
      tab.on('console', m => lines.push(m.text()));
      tab.on('request', r => imported.push(r.url()));
      await tab.goto(server.origin + id);
      await tab.waitForFunction(() => (window as any).consentry);
      await tab.waitForFunction(() => (window as any).consentry.get('analytics') === false);
      await tab.evaluate(() => (window as any).consentry.acceptAll());
      expect(await tab.evaluate(() => [(window as any).consentry.get('analytics'), (window as any).pwned])).toEqual([false, undefined]);
      await reported(lines);
      expect(lines.some(l => l.startsWith('[consentry] invalid configuration') && l.includes('assetsUrl: expected an http(s) URL or a path'))).toBe(true);
      // Only the page, the loader, and the validator and its words from the loader's folder.
      expect(imported.map(u => new URL(u).pathname)).toEqual(
        [id.replace(/%09/g, '%09'), '/consentry/consentry.js', '/consentry/consentry-core.js', '/consentry/consentry-core-messages.js'].map(p => new URL(p, server.origin).pathname),
      );
      await tab.close();
    },
  );
});

describe('prototype keys, huge texts and huge lists', () => {
  it('should be reported and refused without polluting Object.prototype or hanging the page', async () => {
    const big = 'x'.repeat(2_000_000);
    // Written as JSON text: JSON.parse makes "__proto__" an own key, as a fetched configuration would.
    const json =
      '{"__proto__":{"polluted":1,"privacyPolicyUrl":"javascript:top.pwned=1"},"revision":1,' +
      '"categories":{"necessary":{},"__proto__":{"required":true},"analytics":{"cookies":' + JSON.stringify(Array(100_000).fill('_ga')) +
      ',"services":[{"name":"A","__proto__":{"name":"B"}}]},"marketing":{"title":{"en":"' + big + '"}},' +
      Array.from({ length: 3000 }, (_, i) => '"c' + i + '":{}').join(',') + '},' +
      '"translations":{"en":{"__proto__":"x","banner.title":"' + big + '"}},"constructor":{"prototype":{"polluted":1}}}';
    server.route('/huge', html(JSON.parse(json)));
    const tab = await browser.newPage();
    const lines: string[] = [];
    tab.on('console', m => lines.push(m.text()));
    await tab.goto(server.origin + '/huge');
    await tab.waitForFunction(() => (window as any).consentry?.get('analytics') === false);
    await reported(lines);
    const report = lines.find(l => l.startsWith('[consentry] invalid configuration'))!;
    for (const line of [
      '  ["__proto__"]: expected no such field;',
      '  categories: expected 1 to 30 categories',
      '  categories["__proto__"]: expected a category key',
      '  categories.analytics.cookies: expected at most 200 items',
      '  categories.analytics.services[0]["__proto__"]: expected no such field;',
      '  categories.marketing.title.en: expected a text, got "' + 'x'.repeat(40) + '…"',
      '  translations.en["__proto__"]: expected a text key',
      '  translations.en.banner.title: expected a text, got "',
      '  constructor: expected no such field;',
    ])
      expect(report.split('\n').some(l => l.startsWith(line)), line).toBe(true);
    // Reported in full, but not as megabytes: each value is cut to 40 characters.
    expect(report.length).toBeLessThan(big.length / 10);
    expect(await tab.evaluate(() => [({} as any).polluted, (Object.prototype as any).polluted, (window as any).pwned])).toEqual([undefined, undefined, undefined]);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    expect(await tab.evaluate(() => (window as any).consentry.state)).toMatchObject({ decided: false, choices: {} });
    expect(await tab.locator('#consentry-root consentry-ui').count()).toBe(0);
    await tab.close();
  });
});
