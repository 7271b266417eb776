// Receipts from a page inside `<iframe sandbox="allow-scripts">` (no allow-same-origin), in a real
// Chromium against a real server: the frame's origin is opaque (`self.origin` is "null"), its
// cookies and storage throw, every request it makes is cross-origin (Origin: null). The chunks are
// served with `Access-Control-Allow-Origin: *`, as a CDN does (test/_util/server.ts). The receipt
// waits in memory and must still reach an endpoint that answers CORS for `null` (README, Consent
// receipts), exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';
import { textHash } from '../../src/index';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
/** What each endpoint path received: the Origin header and the receipt. */
const received: { path: string; origin: string | undefined; receipt: any }[] = [];

const CONFIG = (endpoint: string) => ({
  revision: 4,
  privacyPolicyUrl: '/privacy',
  categories: { necessary: {}, analytics: {}, marketing: {} },
  receipts: { endpoint },
});
const TAG = `<script>window.ran = [];</script><script type="text/plain" data-consent="analytics">ran.push('analytics')</script>`;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  // Answers CORS for the sandboxed frame's origin, `null`, as README says an endpoint must.
  server.route('/receipts', {
    handler: (req, res, body) => {
      if (req.method === 'POST') received.push({ path: '/receipts', origin: req.headers.origin, receipt: JSON.parse(body) });
      res.writeHead(201, { 'access-control-allow-origin': 'null' }).end();
    },
  });
  // Allows the site's own origin only: a sandboxed frame's answers are hidden from it.
  server.route('/receipts-site-only', {
    handler: (req, res, body) => {
      if (req.method === 'POST') received.push({ path: '/receipts-site-only', origin: req.headers.origin, receipt: JSON.parse(body) });
      res.writeHead(req.method === 'POST' ? 201 : 204, { 'access-control-allow-origin': server.origin }).end();
    },
  });
  server.route('/framed', html(CONFIG('/receipts'), TAG));
  server.route('/framed-site-only', html(CONFIG('/receipts-site-only'), TAG));
  for (const path of ['/framed', '/framed-site-only'])
    server.route('/parent' + path, `<!doctype html><html lang="en"><title>parent</title><iframe sandbox="allow-scripts" src="${path}" width="800" height="600"></iframe>`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  received.length = 0;
  context = await browser.newContext();
});

const until = async (check: () => boolean | Promise<boolean>, ms = 15000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 50));
  }
};

/** Opens the parent page and returns its sandboxed frame once consentry runs in it. */
async function openFramed(path: string) {
  const tab: Page = await context.newPage();
  const consoleLines: string[] = [];
  const pageErrors: string[] = [];
  tab.on('console', m => consoleLines.push(m.text()));
  tab.on('pageerror', e => pageErrors.push(e.message));
  await tab.goto(server.origin + '/parent' + path);
  let frame: Frame | undefined;
  await until(() => !!(frame = tab.frames().find(f => f.url() === server.origin + path)));
  await frame!.waitForFunction(() => (window as any).consentry?.state);
  return { tab, frame: frame!, consoleLines, pageErrors };
}
/** Accepts in the frame's banner and returns the consent id. */
async function accept(frame: Frame): Promise<string> {
  await frame.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
  await frame.waitForFunction(() => (window as any).ran.includes('analytics'));
  return frame.evaluate(() => (window as any).consentry.state.consentId as string);
}
const ours = (lines: string[]) => lines.filter(l => l.startsWith('[consentry]'));

describe('a sandboxed frame (opaque origin, no storage)', () => {
  it('should deliver the receipt of a decision made inside it exactly once, with the contract fields', async () => {
    const { frame, pageErrors } = await openFramed('/framed');
    expect(await frame.evaluate(() => [self.origin, (() => { try { return localStorage.length, 'storage'; } catch { return 'throws'; } })()])).toEqual(['null', 'throws']);
    const id = await accept(frame);
    await until(() => received.length > 0);
    // Confirmed by its 201: nothing is sent again, not at the backoff's first retry (1–3 s), not on leaving.
    await frame.waitForTimeout(3500);
    await frame.goto(server.origin + '/parent/framed').catch(() => {});
    await new Promise(r => setTimeout(r, 300));
    expect(received).toHaveLength(1);
    const [{ path, origin, receipt }] = received as [(typeof received)[number]];
    expect(path).toBe('/receipts');
    expect(origin).toBe('null');
    expect(receipt).toEqual({
      schema: 'consentry.receipt/1',
      receiptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      consentId: id,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      revision: 4,
      action: 'accept_all',
      choices: { necessary: true, analytics: true, marketing: true },
      gpc: false,
      language: 'en',
      textHash: await textHash(CONFIG('/receipts') as any, 'en'),
      url: server.origin + '/framed',
      policyUrl: '/privacy',
      sdkVersion: '1.0.0',
    });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('should keep the receipt in memory, send it again, and name the missing header when the endpoint does not allow origin null', async () => {
    const { frame, consoleLines, pageErrors } = await openFramed('/framed-site-only');
    const id = await accept(frame);
    // The first try reaches the endpoint, whose answer the frame may not read; the backoff's next try (1–3 s later) sends it again.
    await until(() => received.length >= 2);
    expect(received.every(r => r.receipt.consentId === id && r.receipt.receiptId === received[0]!.receipt.receiptId && r.origin === 'null')).toBe(true);
    await until(() => ours(consoleLines).some(l => l.includes('Access-Control-Allow-Origin')));
    expect(ours(consoleLines)).toContain(
      '[consentry] ' + server.origin + '/receipts-site-only answered without "Access-Control-Allow-Origin: null", so this page cannot read the answer: the receipt is kept and sent again. The endpoint must allow this origin (receipts are sent without credentials).',
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
