// Host pages that broke or replaced built-ins before the loader ran, and browsers without some APIs
// (README, "Browser support"), in a real Chromium against a real server. Whatever the page did: nothing of consentry's
// is thrown into it, no gated tag runs before its category is granted, the visitor can still decide
// wherever the browser lets them, receipts still reach the endpoint, and where something cannot be
// done the console says so with a `[consentry]` line.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';
import { UUID_V4 } from '../../src/core/uuid';
import { textHash } from '../../src/index';

const CONFIG = {
  revision: 1,
  categories: { necessary: {}, analytics: { consentMode: ['analytics_storage'] }, marketing: {} },
  receipts: { endpoint: '/receipts' },
};
// The `necessary` tag runs once the configuration has been validated: the page's signal that
// consentry has made up its mind.
const TAGS = `<script>window.ran = [];</script>
<script type="text/plain" data-consent="necessary">ran.push('necessary')</script>
<script type="text/plain" data-consent="analytics">ran.push('analytics')</script>
<script type="text/plain" data-consent="marketing">ran.push('marketing')</script>`;

// What a third-party polyfill of the 2010s looks like: then/catch/finally, resolve/reject/all,
// callbacks on setTimeout. Nothing else of the ES2015 Promise.
const PROMISE_POLYFILL = `(function () {
  function P(run) {
    var self = this; self.state = 0; self.value = undefined; self.queue = [];
    function settle(state, value) {
      if (self.state) return;
      if (state === 1 && value && typeof value.then === 'function') {
        var done = false;
        try { value.then(function (v) { if (!done) { done = true; settle(1, v); } }, function (e) { if (!done) { done = true; settle(2, e); } }); }
        catch (e) { if (!done) { done = true; settle(2, e); } }
        return;
      }
      self.state = state; self.value = value;
      setTimeout(function () { self.queue.splice(0).forEach(function (f) { f(); }); }, 0);
    }
    try { run(function (v) { settle(1, v); }, function (e) { settle(2, e); }); } catch (e) { settle(2, e); }
  }
  P.prototype.then = function (ok, ko) {
    var self = this;
    return new P(function (resolve, reject) {
      function next() {
        try {
          if (self.state === 1) resolve(typeof ok === 'function' ? ok(self.value) : self.value);
          else if (typeof ko === 'function') resolve(ko(self.value));
          else reject(self.value);
        } catch (e) { reject(e); }
      }
      if (self.state) setTimeout(next, 0); else self.queue.push(next);
    });
  };
  P.prototype['catch'] = function (ko) { return this.then(null, ko); };
  P.prototype['finally'] = function (f) { return this.then(function (v) { f(); return v; }, function (e) { f(); throw e; }); };
  P.resolve = function (v) { return v instanceof P ? v : new P(function (r) { r(v); }); };
  P.reject = function (e) { return new P(function (_, r) { r(e); }); };
  P.all = function (list) {
    return new P(function (resolve, reject) {
      var out = [], left = list.length;
      if (!left) resolve(out);
      list.forEach(function (p, i) { P.resolve(p).then(function (v) { out[i] = v; if (!--left) resolve(out); }, reject); });
    });
  };
  window.Promise = P;
})();`;

let browser: Browser;
let server: TestServer;
/** 200, or 503 to keep a receipt waiting in the outbox. */
let answer = 200;
const received: { path: string; type: string; receipt: any }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  for (const path of ['/receipts', '/stolen'])
    server.route(path, {
      handler: (req, res, body) => {
        received.push({ path, type: String(req.headers['content-type']), receipt: JSON.parse(body) });
        res.writeHead(answer).end();
      },
    });
  server.route('/', html(CONFIG, TAGS));
  server.route('/elsewhere', '<!doctype html><p>a page without consentry</p>');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(() => {
  answer = 200;
  received.length = 0;
});

interface Visit {
  context: BrowserContext;
  tab: Page;
  /** Uncaught exceptions and unhandled rejections on the page. */
  errors: string[];
  console: string[];
}
/** Opens `path` in a new browser context after `init` has run in the page, as a first script would. */
async function visit(init: string | (() => void) | null, path = '/', origin = server.origin): Promise<Visit> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const v: Visit = { context, tab, errors: [], console: [] };
  tab.on('pageerror', e => v.errors.push(e.message));
  tab.on('console', m => v.console.push(m.text()));
  if (init) await tab.addInitScript(init);
  await tab.goto(origin + path);
  await waitIn(tab, () => !!(window as any).consentry);
  return v;
}
const until = async (check: () => boolean | Promise<boolean>, ms = 10000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 50));
  }
};
/** page.waitForFunction, by polling: Playwright's own needs the page's Promise, which a test removes. */
const waitIn = (tab: Page, fn: () => boolean) => until(() => tab.evaluate(fn));
const said = (v: Visit, text: string) => until(() => v.console.some(l => l.startsWith('[consentry] ' + text)));
const ran = (tab: Page) => tab.evaluate(() => (window as any).ran as string[]);
const stateOf = (tab: Page) => tab.evaluate(() => (window as any).consentry.state);
const button = (tab: Page, name: string) => tab.locator('#consentry-root').getByRole('button', { name });
/** Accepts in the banner, and waits for the tags it grants. */
async function acceptInBanner(tab: Page): Promise<string> {
  await button(tab, 'Accept all').click();
  await waitIn(tab, () => (window as any).ran.includes('marketing'));
  return (await stateOf(tab)).consentId;
}
const receiptsOf = (consentId: string) => received.filter(r => r.receipt.consentId === consentId);
/** Waits for the receipt of a decision and checks that it proves the English texts. */
async function receiptArrives(consentId: string): Promise<(typeof received)[number]> {
  await until(() => receiptsOf(consentId).length > 0);
  const r = receiptsOf(consentId)[0]!;
  expect(r.receipt.textHash).toBe(await textHash(CONFIG as any, 'en'));
  expect(r.type).toBe('text/plain;charset=UTF-8');
  return r;
}

describe('a page whose JSON.parse does not work', () => {
  const cases: [string, () => void][] = [
    ['throws', () => void (JSON.parse = () => { throw new Error('no parsing here'); })],
    ['is gone with the rest of JSON', () => void ((window as any).JSON = {})],
  ];
  for (const [name, init] of cases)
    it(`should refuse every optional category and say why, when JSON.parse ${name}`, async () => {
      const v = await visit(init);
      // Nothing else can read the inline configuration: a consent manager that cannot read its
      // categories can only refuse them all.
      await said(v, 'JSON.parse does not work on this page');
      const { tab } = v;
      await tab.evaluate(() => (window as any).consentry.acceptAll());
      expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(false);
      expect((await stateOf(tab)).decided).toBe(false);
      expect(await ran(tab)).toEqual([]);
      // Consent Mode still got its default before any tag: every type denied.
      const consent = await tab.evaluate(() => Array.from((window as any).dataLayer[0]));
      expect(consent).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied', ad_storage: 'denied' })]);
      expect(v.errors).toEqual([]);
      await v.context.close();
    });

  it('should still work, receipts included, when only JSON.stringify throws', async () => {
    const v = await visit(() => void (JSON.stringify = () => { throw new Error('no stringify here'); }));
    const { tab } = v;
    const id = await acceptInBanner(tab);
    expect((await v.context.cookies()).map(c => c.name)).toEqual(['consentry']);
    await receiptArrives(id);
    // Delivered, so the outbox it was written to (and read back from) is empty again.
    await until(async () => !(await tab.evaluate(() => localStorage['consentry:outbox'])));
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('should not take one configuration found valid for another when JSON.stringify throws', async () => {
    // The site's next revision has a mistake the validator catches: "yes" is not true or false.
    const wrong = { ...CONFIG, revision: 2, categories: { ...CONFIG.categories, analytics: { required: 'yes' } } };
    server.route('/next', html(wrong, TAGS));
    const v = await visit(() => void (JSON.stringify = () => { throw new Error('no stringify here'); }));
    await waitIn(v.tab, () => (window as any).ran.includes('necessary'));
    await v.tab.goto(server.origin + '/next');
    await said(v, 'invalid configuration, every optional category is refused');
    expect(await v.tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(false);
    expect(await ran(v.tab)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });
});

describe('a page with Prototype.js-era additions to the built-in prototypes', () => {
  it('should send the receipt, with the textHash of what was shown, when arrays have a toJSON that makes them strings', async () => {
    // Prototype.js 1.6: JSON.stringify([1, 2]) === '"[1, 2]"'.
    const v = await visit(() => void ((Array.prototype as any).toJSON = function (this: unknown[]) { return '[' + this.join(', ') + ']'; }));
    const { tab } = v;
    expect(await tab.evaluate(() => JSON.stringify([1, 2]))).toBe('"[1, 2]"');
    const writers = server.hits('/consentry/consentry-receipts-json.js');
    const id = await acceptInBanner(tab);
    await receiptArrives(id);
    await until(async () => !(await tab.evaluate(() => localStorage['consentry:outbox'])));
    // Our own JSON writer comes in a chunk of its own, fetched where the page's cannot be trusted.
    expect(server.hits('/consentry/consentry-receipts-json.js')).toBe(writers + 1);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('should send the receipt, with the textHash of what was shown, when a tag the decision runs adds that toJSON', async () => {
    server.route('/late-prototype', html(CONFIG, TAGS + `<script type="text/plain" data-consent="marketing">
      Array.prototype.toJSON = function () { return '[' + this.join(', ') + ']'; };</script>`));
    const v = await visit(null, '/late-prototype');
    const { tab } = v;
    const id = await acceptInBanner(tab);
    expect(await tab.evaluate(() => JSON.stringify([1, 2]))).toBe('"[1, 2]"');
    await receiptArrives(id);
    await until(async () => !(await tab.evaluate(() => localStorage['consentry:outbox'])));
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('should never read what a page added to Object.prototype as a granted category or a configuration field', async () => {
    const junk = () => {
      const o = Object.prototype as any;
      // Each would do harm if read: grant every category, show them granted, send receipts
      // elsewhere, load the UI from elsewhere. Plain assignments: enumerable, as old libraries made them.
      o.required = true;
      o.analytics = true;
      o.marketing = true;
      o.endpoint = '/stolen';
      o.assetsUrl = '/nowhere/';
      (Array.prototype as any).pluck = function () {};
    };
    const v = await visit(junk);
    const { tab } = v;
    await waitIn(tab, () => (window as any).ran.includes('necessary'));
    await button(tab, 'Reject all').waitFor();
    expect(await ran(tab)).toEqual(['necessary']);
    expect((await stateOf(tab)).choices).toEqual({ necessary: true, analytics: false, marketing: false });
    expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(undefined);

    await button(tab, 'Reject all').click();
    await waitIn(tab, () => (window as any).consentry.state.decided);
    expect(await ran(tab)).toEqual(['necessary']);
    // Tag Manager sees exactly the site's categories, none of the page's additions.
    const event = await tab.evaluate(() => {
      const e = (window as any).dataLayer.findLast((x: any) => x.event === 'consentry_change').consentry;
      return Object.fromEntries(Object.keys(e).map(k => [k, e[k]]));
    });
    expect(event).toEqual({ necessary: 'granted', analytics: 'denied', marketing: 'denied' });
    const id = (await stateOf(tab)).consentId;
    expect((await receiptArrives(id)).path).toBe('/receipts');
    expect(server.hits('/stolen')).toBe(0);

    // Coming back: the configuration is known valid, so the loader decides alone, without the validator.
    await tab.reload();
    await waitIn(tab, () => (window as any).ran?.includes('necessary'));
    expect(await ran(tab)).toEqual(['necessary']);
    expect((await stateOf(tab)).choices).toEqual({ necessary: true, analytics: false, marketing: false });
    expect(server.hits('/nowhere/')).toBe(0);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });
});

describe('a page whose fetch does not work', () => {
  const cases: [string, () => void][] = [
    ['replaced by a function that throws', () => void (window.fetch = () => { throw new Error('fetch is blocked here'); })],
    ['removed', () => void delete (window as any).fetch],
  ];
  for (const [name, init] of cases)
    it(`should show the banner, apply the choice and send the receipt by XMLHttpRequest when fetch is ${name}`, async () => {
      const v = await visit(init);
      const id = await acceptInBanner(v.tab);
      await receiptArrives(id);
      await said(v, 'fetch does not work on this page: receipts are sent with XMLHttpRequest');
      expect(server.hits('/consentry/consentry-receipts-xhr.js')).toBeGreaterThan(0);
      expect(v.errors).toEqual([]);
      await v.context.close();
    });

  it('should still publish window.consentry, refusing everything, when a remote configuration cannot be fetched', async () => {
    server.route('/config.json', JSON.stringify(CONFIG));
    server.route('/remote', `<!doctype html><html lang="en"><head><script src="/consentry/consentry.js" data-config="/config.json"></script></head><body>${TAGS}</body></html>`);
    const v = await visit(() => void delete (window as any).fetch, '/remote');
    await said(v, 'configuration not fetched: ');
    expect(await v.tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(false);
    expect(await ran(v.tab)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });
});

describe('a page that replaced Promise', () => {
  const cases: [string, string][] = [
    ['a minimal polyfill', PROMISE_POLYFILL],
    ['undefined', 'window.Promise = undefined;'],
  ];
  for (const [name, init] of cases)
    it(`should show the banner, apply the choice and send the receipt when Promise is ${name}`, async () => {
      const v = await visit(init);
      expect(await v.tab.evaluate(() => typeof Promise === 'undefined' || !String(Promise).includes('[native code]'))).toBe(true);
      const id = await acceptInBanner(v.tab);
      await receiptArrives(id);
      expect(v.errors).toEqual([]);
      await v.context.close();
    });
});

describe('a page that overrode the document.cookie setter', () => {
  const cases: [string, string][] = [
    ['ignores writes', 'set() {}'],
    ['throws', "set() { throw new Error('cookies are blocked here'); }"],
  ];
  for (const [name, setter] of cases)
    it(`should apply the choice for the page, say it was not stored, and send the receipt when the setter ${name}`, async () => {
      const v = await visit(`(() => {
        const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
        Object.defineProperty(document, 'cookie', { configurable: true, get() { return real.get.call(this); }, ${setter} });
      })();`);
      const id = await acceptInBanner(v.tab);
      expect(await v.tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(true);
      expect(await v.context.cookies()).toEqual([]);
      await said(v, 'the consent cookie could not be stored; the choice holds for this page only');
      await receiptArrives(id);
      expect(v.errors).toEqual([]);
      await v.context.close();
    });
});

describe('a browser without BroadcastChannel, navigator.sendBeacon and Web Locks', () => {
  it('should decide, deliver the receipt, and send one still waiting when the page is left', async () => {
    const v = await visit(() => {
      delete (window as any).BroadcastChannel;
      delete (Navigator.prototype as any).sendBeacon;
      delete (Navigator.prototype as any).locks;
    });
    const { tab } = v;
    expect(await tab.evaluate(() => [typeof BroadcastChannel, typeof navigator.sendBeacon, typeof navigator.locks])).toEqual(['undefined', 'undefined', 'undefined']);
    answer = 503;
    const id = await acceptInBanner(tab);
    await until(() => receiptsOf(id).length === 1);
    expect(await tab.evaluate(() => JSON.parse(localStorage['consentry:outbox']).length)).toBe(1);
    answer = 200;
    // Left before the backoff's retry (at least 1 s away): only what is sent on pagehide can arrive.
    await tab.goto(server.origin + '/elsewhere');
    await until(() => receiptsOf(id).length === 2);
    expect(receiptsOf(id)[1]!.receipt).toEqual(receiptsOf(id)[0]!.receipt);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });
});

describe('a plain-http page that is not localhost (no secure context)', () => {
  it('should decide with a random consent id and send a receipt whose textHash matches, without crypto.randomUUID or crypto.subtle', async () => {
    const origin = 'http://www.consentry.test:' + new URL(server.origin).port;
    const v = await visit(null, '/', origin);
    const { tab } = v;
    expect(await tab.evaluate(() => [isSecureContext, typeof crypto.subtle, typeof crypto.randomUUID])).toEqual([false, 'undefined', 'undefined']);
    const id = await acceptInBanner(tab);
    expect(id).toMatch(UUID_V4);
    const [cookie] = await v.context.cookies();
    expect(cookie!.name).toBe('consentry');
    expect(cookie!.value.split('.')[1]).toBe(id);
    const { receipt } = await receiptArrives(id);
    expect(receipt.receiptId).toMatch(UUID_V4);
    expect(receipt.url).toBe(origin + '/');
    // The plain-JavaScript SHA-256 and UUID come in a chunk of their own, fetched only where there is no secure context.
    expect(server.hits('/consentry/consentry-receipts-plain-http.js')).toBe(1);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });
});
