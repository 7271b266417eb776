// A receipts endpoint that misbehaves (README, "Browser support"), in a real Chromium against real HTTP servers: slow,
// redirecting, on another origin without CORS, refusing connections. In every case the receipt stays
// in the outbox and is sent again with backoff, nothing is thrown into the page, and the console
// tells the site what to fix. (Plain 5xx and a dropped connection: test/browser/receipts.test.ts.)
//
// The page's clock is Playwright's fake one, paused once the page is up: the 10 s timeout and each
// backoff delay pass when the test moves the clock, not in real time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

let browser: Browser;
let site: TestServer;
/** Another origin (another port) for the endpoint. */
let other: TestServer;
let context: BrowserContext;

interface Entry {
  receipt: { receiptId: string; action: string };
  tries: number;
  next: number;
}
/** The POSTs an endpoint path received, as parsed receipts. */
const received = (server: TestServer, path: string) =>
  server.requests.filter(r => r.method === 'POST' && r.path === path).map(r => JSON.parse(r.body) as { receiptId: string });

beforeAll(async () => {
  browser = await launchChromium();
  site = await startServer();
  other = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await other?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
});

const CATEGORIES = { necessary: {}, analytics: {}, marketing: {} };
/** A page whose configuration sends receipts to `endpoint`. */
const sitePage = (path: string, endpoint: string) => site.route(path, html({ revision: 1, categories: CATEGORIES, receipts: { endpoint } }));

/** Opens a page with a fake clock, paused once consentry is up; collects console lines and page errors. */
async function open(path: string) {
  const tab = await context.newPage();
  const consoleLines: string[] = [];
  const pageErrors: string[] = [];
  tab.on('console', m => consoleLines.push(m.text()));
  tab.on('pageerror', e => pageErrors.push(e.message));
  await tab.clock.install();
  await tab.goto(site.origin + path);
  await tab.waitForFunction(() => (window as any).consentry?.state);
  await tab.clock.pauseAt((await now(tab)) + 1000);
  return { tab, consoleLines, pageErrors };
}
/** consentry's own console lines (Chromium adds its own about failed requests). */
const ours = (lines: string[]) => lines.filter(l => l.startsWith('[consentry]'));
const now = (tab: Page) => tab.evaluate(() => Date.now());
const outbox = (tab: Page) => tab.evaluate(() => JSON.parse(localStorage['consentry:outbox'] || '[]') as Entry[]);
const until = async (check: () => Promise<boolean> | boolean, ms = 15000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 50));
  }
};
/** Waits for try number `tries` to have failed, and returns the receipt's entry. */
const failed = async (tab: Page, tries: number) => {
  await until(async () => (await outbox(tab))[0]?.tries === tries);
  return (await outbox(tab))[0]!;
};
/** Moves the page's clock to the time the waiting receipt is due (`next` has a fraction of a millisecond). */
const toNextTry = async (tab: Page, entry: Entry) => tab.clock.fastForward(Math.max(0, Math.ceil(entry.next - (await now(tab)))));

describe('a slow endpoint, which answers after the timeout', () => {
  it('should keep the receipt, say so, and deliver it at the next try', async () => {
    const held: ServerResponse[] = [];
    let slow = true;
    site.route('/slow-endpoint', {
      handler: (_req, res) => (slow ? held.push(res) : res.writeHead(201).end()),
    });
    sitePage('/slow', '/slow-endpoint');
    const { tab, consoleLines, pageErrors } = await open('/slow');
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await until(() => received(site, '/slow-endpoint').length === 1);
    await tab.clock.fastForward(10_000); // the timeout
    const entry = await failed(tab, 1);
    expect(entry.receipt.action).toBe('accept_all');
    expect(ours(consoleLines)).toEqual(['[consentry] no answer from ' + site.origin + '/slow-endpoint within 10 s: the receipt is kept and sent again']);
    for (const res of held) res.writeHead(201).end(); // its answer comes too late to count
    slow = false;
    await toNextTry(tab, entry);
    await until(async () => (await outbox(tab)).length === 0);
    expect(received(site, '/slow-endpoint').map(r => r.receiptId)).toEqual([entry.receipt.receiptId, entry.receipt.receiptId]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('a redirecting endpoint', () => {
  it.each([302, 307])('should not follow a %i, keep the receipt, and tell the site once to configure the final URL', async status => {
    let moved = true;
    site.route('/moved-' + status, {
      handler: (_req, res) => (moved ? res.writeHead(status, { location: '/final-' + status }) : res.writeHead(201)).end(),
    });
    // A 302 would turn the POST into a GET without the receipt; this page's 200 must not confirm it.
    site.route('/final-' + status, 'thanks');
    sitePage('/redirect-' + status, '/moved-' + status);
    const { tab, consoleLines, pageErrors } = await open('/redirect-' + status);
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    const first = await failed(tab, 1);
    await toNextTry(tab, first);
    const second = await failed(tab, 2);
    expect(second.receipt).toEqual(first.receipt);
    expect(received(site, '/moved-' + status)).toHaveLength(2);
    expect(site.hits('/final-' + status)).toBe(0);
    expect(ours(consoleLines)).toEqual([
      '[consentry] ' + site.origin + '/moved-' + status +
        ' answered with a redirect, which receipts do not follow (a redirected POST can lose its body): set receipts.endpoint to the final URL. The receipt is kept and sent again.',
    ]);
    moved = false; // the site fixed its endpoint
    await toNextTry(tab, second);
    await until(async () => (await outbox(tab)).length === 0);
    expect(received(site, '/moved-' + status).at(-1)!.receiptId).toBe(first.receipt.receiptId);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('a redirecting endpoint, on a page whose fetch does not work', () => {
  it('should keep the receipt: XMLHttpRequest follows the 302, and the final answer confirms nothing', async () => {
    site.route('/xhr-moved', { handler: (_req, res) => res.writeHead(302, { location: '/xhr-final' }).end() });
    site.route('/xhr-final', 'thanks');
    sitePage('/xhr-redirect', '/xhr-moved');
    await context.addInitScript(() => void delete (window as any).fetch);
    const { tab, consoleLines, pageErrors } = await open('/xhr-redirect');
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    const first = await failed(tab, 1);
    expect(first.receipt.action).toBe('reject_all');
    // XHR cannot refuse the redirect: the final page was asked, yet the receipt waits for a real answer.
    expect(site.hits('/xhr-final')).toBe(1);
    expect(ours(consoleLines)).toContain(
      '[consentry] ' + site.origin + '/xhr-moved answered with a redirect, which receipts do not follow (a redirected POST can lose its body): set receipts.endpoint to the final URL. The receipt is kept and sent again.',
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('an endpoint on another origin that does not answer CORS', () => {
  it('should keep the receipt, retry it with growing delays, explain the missing header, and deliver it once CORS is on', async () => {
    let cors = false;
    const origins: (string | undefined)[] = [];
    other.route('/receipts', {
      handler: (req: IncomingMessage, res) => {
        if (req.method === 'POST') origins.push(req.headers.origin);
        res.writeHead(req.method === 'POST' ? 201 : 204, cors ? { 'access-control-allow-origin': site.origin } : {}).end();
      },
    });
    sitePage('/cross', other.origin + '/receipts');
    const { tab, consoleLines, pageErrors } = await open('/cross');
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    let entry = await failed(tab, 1);
    for (let tries = 1; tries <= 3; tries++) {
      if (tries > 1) {
        await toNextTry(tab, entry);
        entry = await failed(tab, tries);
      }
      // Each try reached the endpoint once (a CORS-simple request needs no preflight)…
      expect(received(other, '/receipts')).toHaveLength(tries);
      // …and the next waits 2 s × 2^(tries - 1), ±50 %: the clock is paused, so this is the delay itself.
      const delay = entry.next - (await now(tab));
      expect(delay).toBeGreaterThanOrEqual(1000 * 2 ** (tries - 1));
      expect(delay).toBeLessThanOrEqual(3000 * 2 ** (tries - 1));
    }
    expect(new Set(received(other, '/receipts').map(r => r.receiptId))).toEqual(new Set([entry.receipt.receiptId]));
    expect(origins.every(o => o === site.origin)).toBe(true);
    await until(() => ours(consoleLines).length > 0);
    expect(ours(consoleLines)).toEqual([
      '[consentry] ' + other.origin + '/receipts answered without "Access-Control-Allow-Origin: ' + site.origin +
        '", so this page cannot read the answer: the receipt is kept and sent again. The endpoint must allow this origin (receipts are sent without credentials).',
    ]);
    expect(pageErrors).toEqual([]);

    cors = true;
    await tab.goto(site.origin + '/cross');
    await tab.waitForFunction(() => (window as any).consentry?.state);
    // The backoff still holds on the new page: move its clock until the receipt is due.
    await until(async () => {
      await tab.clock.fastForward(1000);
      return (await outbox(tab)).length === 0;
    });
    expect(await tab.evaluate(() => (window as any).consentry.state.choices)).toEqual({ necessary: true, analytics: true, marketing: false });
    await context.close();
  });
});

describe('an endpoint that refuses connections', () => {
  it('should keep the receipt and say the endpoint could not be reached (not blame CORS)', async () => {
    const closed = await startServer();
    const endpoint = closed.origin + '/receipts';
    await closed.close();
    sitePage('/refused', endpoint);
    const { tab, consoleLines, pageErrors } = await open('/refused');
    await tab.evaluate(() => (window as any).consentry.withdraw());
    const entry = await failed(tab, 1);
    expect(entry.receipt.action).toBe('withdraw');
    await until(() => ours(consoleLines).length > 0);
    expect(ours(consoleLines)).toEqual(['[consentry] could not reach ' + endpoint + ': the receipt is kept and sent again']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
