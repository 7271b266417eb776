// consentry.js in a real Chromium: two tabs in sync, the debug report, and Microsoft UET / Meta pixel consent with recording stand-ins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const CONFIG = {
  revision: 1,
  categories: {
    necessary: {},
    // `_gid` is declared by the service but not in the patterns cleared on refusal: it can escape.
    analytics: { cookies: ['/^_ga/'], services: [{ name: 'Stats', cookies: [{ name: '_ga', duration: '13 months' }, { name: '_gid' }] }] },
    marketing: {},
  },
  receipts: { endpoint: '/receipts' },
};
const TAGS = `<script>window.ran = [];</script>
<script type="text/plain" data-consent="analytics">ran.push('analytics'); document.cookie = '_ga=1; path=/';</script>`;
const withLoader = (body: string, config: unknown = CONFIG, attrs = '') =>
  html(config, body).replace('<script src="/consentry/consentry.js">', '<script src="/consentry/consentry.js"' + attrs + '>');

let browser: Browser;
let server: TestServer;
let receipts = 0;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  server.route('/receipts', { handler: (_q, res) => (receipts++, res.writeHead(201).end()) });
  server.route('/', withLoader(TAGS));
  server.route('/debug', withLoader(TAGS, CONFIG, ' data-debug'));
  const META = `<script>!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];}(window,document,'script','');fbq('init','123');fbq('track','PageView');</script>`;
  server.route('/ads', html({ ...CONFIG, receipts: undefined, integrations: { uet: 'marketing', metaPixel: 'marketing' } }, META));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ready = async (tab: Page, path = '/') => {
  await tab.goto(server.origin + path);
  await tab.waitForFunction(() => (window as any).consentry);
};

describe('every tab at once', () => {
  it('should apply a decision made in one tab to the other without a reload, with one receipt', async () => {
    const context = await browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    await ready(a);
    await ready(b);
    await b.locator('#consentry-root').getByRole('button', { name: 'Reject all' }).waitFor();
    receipts = 0;
    await a.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await b.waitForFunction(() => (window as any).consentry.get('analytics') === true).catch(async e => {
      throw e;
    });
    await b.waitForFunction(() => (window as any).ran.includes('analytics'));
    await b.locator('#consentry-root').getByRole('button', { name: 'Reject all' }).waitFor({ state: 'detached' });
    expect(await b.evaluate(() => (window as any).consentry.state.consentId)).toBe(await a.evaluate(() => (window as any).consentry.state.consentId));
    await a.waitForLoadState('networkidle');
    expect(receipts).toBe(1);
    // Withdrawing in B (often within the same second) clears the analytics cookie and stops A too.
    await b.evaluate(() => (window as any).consentry.withdraw());
    await a.waitForFunction(() => (window as any).consentry.get('analytics') === false);
    expect((await context.cookies()).map(c => c.name)).toEqual(['consentry']);
    await context.close();
  });
});

describe('the debug report', () => {
  it('should print the audit as a table on load and after each decision, flagging what escaped the gate', async () => {
    const context = await browser.newContext();
    await context.addCookies(['_ga', '_gid'].map(name => ({ name, value: 'server-set', url: server.origin })));
    const tab = await context.newPage();
    const lines: string[] = [];
    tab.on('console', m => lines.push(m.type() + ' ' + m.text()));
    await ready(tab, '/debug');
    await tab.waitForFunction(() => (window as any).consentry.state.choices.necessary === true);
    await tab.waitForTimeout(300);
    // On load `_ga` (a refused category's pattern) is cleared at once; `_gid` is not, and is flagged.
    const first = lines.filter(l => l.includes('[consentry] audit:'));
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('1 escaped the gate: _gid');
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.includes('analytics'));
    await tab.waitForTimeout(300);
    expect(lines.filter(l => l.includes('[consentry] audit:')).length).toBeGreaterThanOrEqual(2);
    expect(lines.some(l => l.startsWith('table'))).toBe(true);
    await context.close();
  });
});

describe('Microsoft UET and the Meta pixel', () => {
  it('should deny by default before the platforms\' own calls, then follow the category', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await context.addInitScript(() => ((window as any).uetq = []));
    await ready(tab, '/ads');
    const before = await tab.evaluate(() => ({
      uet: (window as any).uetq.slice(),
      fbq: (window as any).fbq.queue.map((a: unknown[]) => Array.from(a)),
    }));
    expect(before.uet).toEqual(['consent', 'default', { ad_storage: 'denied' }]);
    expect(before.fbq).toEqual([['consent', 'revoke'], ['init', '123'], ['track', 'PageView']]);
    await tab.evaluate(() => (window as any).consentry.set({ marketing: true }));
    await tab.waitForFunction(() => (window as any).uetq.length > 3);
    const after = await tab.evaluate(() => ({
      uet: (window as any).uetq.slice(3),
      fbq: (window as any).fbq.queue.map((a: unknown[]) => Array.from(a)).slice(3),
    }));
    expect(after.uet).toEqual(['consent', 'update', { ad_storage: 'granted' }]);
    expect(after.fbq).toEqual([['consent', 'grant']]);
    await context.close();
  });
});
