// Automatic blocking with dist/consentry.js in a real Chromium: untagged elements
// whose URL a service lists in `blocks` neither run nor load before consent, whether they are in
// the HTML or injected by a tag-manager-like script; they run, in order, once consent arrives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const CONFIG = {
  revision: 1,
  categories: {
    necessary: {},
    analytics: { services: [{ name: 'Stats', blocks: ['/vendor/analytics.js'] }] },
    marketing: { services: [{ name: 'Ads', blocks: ['/vendor/tm-', '/\\/vendor\\/beacon\\.gif/', '/vendor/frame.html'] }] },
  },
};
// A tag manager (not gated: it is the site's own) that injects a pixel script, an image beacon and an iframe.
const TAG_MANAGER = `<script>
  window.ran = window.ran || [];
  const s = document.createElement('script'); s.src = '/vendor/tm-pixel.js'; document.head.appendChild(s);
  new Image().src = '/vendor/beacon.gif?e=pageview';
  const f = document.createElement('iframe'); f.src = '/vendor/frame.html'; f.title = 'Ad'; document.body.append(f);
  const own = document.createElement('script'); own.src = '/own.js'; document.head.appendChild(own);
</script>`;
const BODY = `<script>window.ran = [];</script>
<script src="/vendor/analytics.js"></script>
${TAG_MANAGER}
<p>content</p>`;

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
let tab: Page;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  server.route('/vendor/analytics.js', "ran.push('analytics');");
  server.route('/vendor/tm-pixel.js', "ran.push('tm-pixel');");
  server.route('/own.js', "ran.push('own');");
  server.route('/vendor/beacon.gif', { body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
  server.route('/vendor/frame.html', '<p>ad</p>');
  server.route('/', html(CONFIG, BODY));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  tab = await context.newPage();
  server.requests.length = 0;
});

const ran = () => tab.evaluate(() => (window as any).ran as string[]);
const loaded = (path: string) => server.hits(path);

describe('automatic blocking', () => {
  it('should run and load nothing listed in blocks before consent, and leave everything else alone', async () => {
    await tab.goto(server.origin + '/');
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.waitForLoadState('networkidle');
    expect(await ran()).toEqual(['own']);
    expect(loaded('/vendor/tm-pixel.js')).toBe(0);
    expect(loaded('/vendor/beacon.gif')).toBe(0);
    expect(loaded('/vendor/frame.html')).toBe(0);
    // The HTML's own script may be fetched by the preload scanner, but it never runs (see README).
    expect(await tab.evaluate(() => document.querySelector('script[src="/vendor/analytics.js"]')!.getAttribute('type'))).toBe('text/plain');
  });

  it('should run and load them once their categories are granted, in order, each once', async () => {
    await tab.goto(server.origin + '/');
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.includes('tm-pixel') && (window as any).ran.includes('analytics'));
    await tab.waitForLoadState('networkidle');
    // Document order: the pixel the tag manager appended to <head> comes before the <body> script.
    expect(await ran()).toEqual(['own', 'tm-pixel', 'analytics']);
    expect(loaded('/vendor/beacon.gif')).toBe(1);
    expect(loaded('/vendor/frame.html')).toBe(1);
  });

  it('should grant per category: analytics alone runs only the analytics tag', async () => {
    await tab.goto(server.origin + '/');
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    await tab.waitForFunction(() => (window as any).ran.includes('analytics'));
    await tab.waitForLoadState('networkidle');
    expect(await ran()).toEqual(['own', 'analytics']);
    expect(loaded('/vendor/tm-pixel.js') + loaded('/vendor/beacon.gif') + loaded('/vendor/frame.html')).toBe(0);
  });

  it('should let a returning visitor\'s granted tags run directly', async () => {
    await tab.goto(server.origin + '/');
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.includes('tm-pixel'));
    server.requests.length = 0;
    await tab.goto(server.origin + '/?again');
    await tab.waitForFunction(() => (window as any).ran?.includes('tm-pixel') && (window as any).ran.includes('analytics'));
    await tab.waitForLoadState('networkidle');
    expect(loaded('/vendor/beacon.gif')).toBe(1);
  });
});
