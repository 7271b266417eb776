// Consent receipts end to end: a real Chromium, the site on one origin, the reference
// collector on another (so the cross-origin, CORS-simple POST is exercised), and between them a
// switchable proxy that can fail like a real endpoint does.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';
// @ts-expect-error plain JavaScript module
import { startCollector } from '../../demo/collector/server.mjs';
import { textHash } from '../../src/index';

type Mode = 'ok' | '503' | 'down' | 'stored-but-503';
let mode: Mode = 'ok';
let browser: Browser;
let site: TestServer;
let collector: { url: string; collector: { store: { all(): AsyncIterable<any> } }; close(): Promise<void> };
let dataDir: string;
let context: BrowserContext;
const posts: { receiptId: string; type: string | undefined; origin: string | undefined }[] = [];

const CONFIG = () => ({
  revision: 2,
  privacyPolicyUrl: '/privacy',
  categories: { necessary: {}, analytics: {}, marketing: { optOutOnGPC: true } },
  receipts: { endpoint: site.origin + '/proxy' },
});
const stored = async () => {
  const out: any[] = [];
  for await (const r of collector.collector.store.all()) out.push(r);
  return out;
};
/** Forwards a receipt to the collector; `mode` decides what the browser sees. */
function forward(body: string, headers: Record<string, string | string[] | undefined>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(collector.url, { method: 'POST', headers: { 'content-type': String(headers['content-type']), origin: String(headers.origin) } }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode || 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  site = await startServer();
  dataDir = mkdtempSync(join(tmpdir(), 'consentry-receipts-'));
  collector = await startCollector({ port: 0, dataDir, origins: [site.origin], token: 't0ken' });
  site.route('/proxy', {
    handler: async (req, res, body) => {
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      try {
        posts.push({ receiptId: JSON.parse(body).receiptId, type: req.headers['content-type'], origin: req.headers.origin });
      } catch {
        // not a receipt
      }
      if (mode === 'down') return void req.socket.destroy();
      if (mode === '503') return void res.writeHead(503, { 'access-control-allow-origin': site.origin }).end();
      const status = await forward(body, req.headers);
      res.writeHead(mode === 'stored-but-503' ? 503 : status, { 'access-control-allow-origin': site.origin }).end();
    },
  });
  site.route('/', html(CONFIG()));
  site.route('/elsewhere', '<!doctype html><p>a page without consentry</p>');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await collector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  mode = 'ok';
  posts.length = 0;
  context = await browser.newContext();
});

const open = async (tab: Page, path = '/') => {
  await tab.goto(site.origin + path);
  await tab.waitForFunction(() => (window as any).consentry?.state);
};
/** The consent id, once decided: a decision through the API waits for the configuration's check (a chunk on a first visit). */
const consentIdOf = async (tab: Page) => {
  await tab.waitForFunction(() => (window as any).consentry.state.decided);
  return tab.evaluate(() => (window as any).consentry.state.consentId as string);
};
const byConsent = async (id: string) => (await stored()).filter(r => r.consentId === id);
const until = async (check: () => Promise<boolean>, ms = 15000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 100));
  }
};

describe('a receipt', () => {
  it('should reach the collector with exactly the contract fields, as text/plain, without query or fragment', async () => {
    const tab = await context.newPage();
    await open(tab, '/?email=someone%40example.com#private');
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    const id = await consentIdOf(tab);
    await until(async () => (await byConsent(id)).length === 1);
    const [r] = await byConsent(id);
    const { receivedAt, ...receipt } = r;
    expect(Date.parse(receivedAt)).toBeGreaterThan(Date.now() - 60000);
    expect(receipt).toEqual({
      schema: 'consentry.receipt/1',
      receiptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      consentId: id,
      timestamp: await tab.evaluate(() => (window as any).consentry.state.decidedAt),
      revision: 2,
      action: 'accept_all',
      choices: { necessary: true, analytics: true, marketing: true },
      gpc: false,
      language: 'en',
      textHash: await textHash(CONFIG() as any, 'en'),
      url: site.origin + '/',
      policyUrl: '/privacy',
      sdkVersion: '1.0.0',
    });
    expect(posts.map(p => p.type)).toEqual(['text/plain;charset=UTF-8']);
    expect(posts[0]!.origin).toBe(site.origin);
    await context.close();
  });

  it('should need no chunk but consentry-receipts.js (which writes the decision too) after "Accept all" in the banner (texts from the banner, Web Crypto, fetch)', async () => {
    const tab = await context.newPage();
    const chunks: string[] = [];
    tab.on('request', r => r.url().startsWith(site.origin + '/consentry/') && chunks.push(r.url().slice(site.origin.length + '/consentry/'.length)));
    await open(tab);
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    const id = await consentIdOf(tab);
    await until(async () => (await byConsent(id)).length === 1);
    expect((await byConsent(id))[0].textHash).toBe(await textHash(CONFIG() as any, 'en'));
    expect(chunks).toEqual(['consentry.js', 'consentry-ui.js', 'consentry-receipts.js']);
    await context.close();
  });

  it('should prove the texts shown when decided through the API on a page where the banner never loaded', async () => {
    const tab = await context.newPage();
    await open(tab);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    const id = await consentIdOf(tab);
    await until(async () => (await byConsent(id)).length === 1);
    // The next page: decided, so no banner and no UI chunk; the visitor withdraws through the site's own link.
    const chunks: string[] = [];
    tab.on('request', r => r.url().startsWith(site.origin + '/consentry/') && chunks.push(r.url().slice(site.origin.length + '/consentry/'.length)));
    await open(tab, '/?next');
    await tab.evaluate(() => (window as any).consentry.withdraw());
    await until(async () => (await byConsent(id)).length === 2);
    const withdrawn = (await byConsent(id)).find(r => r.action === 'withdraw');
    expect(withdrawn.textHash).toBe(await textHash(CONFIG() as any, 'en'));
    expect(withdrawn.language).toBe('en');
    expect(chunks).not.toContain('consentry-ui.js');
    expect(chunks).toContain('consentry-receipts-texts.js');
    await context.close();
  });

  it('should be stored later when the collector answered 503', async () => {
    mode = '503';
    const tab = await context.newPage();
    await open(tab);
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    await until(async () => posts.length >= 1);
    const id = await consentIdOf(tab);
    expect(await byConsent(id)).toEqual([]);
    expect(await tab.evaluate(() => JSON.parse(localStorage['consentry:outbox']).length)).toBe(1);
    mode = 'ok';
    await until(async () => (await byConsent(id)).length === 1); // the backoff's next try, 1–3 s later
    expect((await byConsent(id))[0].action).toBe('reject_all');
    await until(async () => !(await tab.evaluate(() => localStorage['consentry:outbox'])));
    await context.close();
  });

  it('should be delivered on the next visit when the collector was down and the page was left', async () => {
    mode = 'down';
    const tab = await context.newPage();
    await open(tab);
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    const id = await consentIdOf(tab);
    await until(async () => posts.length >= 1);
    await tab.goto(site.origin + '/elsewhere'); // pagehide: the beacon fails too
    await tab.waitForTimeout(300);
    expect(await byConsent(id)).toEqual([]);
    mode = 'ok';
    await open(tab, '/?back');
    await until(async () => (await byConsent(id)).length === 1);
    expect((await byConsent(id))[0].choices).toEqual({ necessary: true, analytics: true, marketing: false });
    await context.close();
  });

  it('should go out with sendBeacon when the page is left while it waits for its retry', async () => {
    mode = '503';
    const tab = await context.newPage();
    await open(tab);
    await tab.evaluate(() => (window as any).consentry.set({ marketing: true }));
    const id = await consentIdOf(tab);
    await until(async () => posts.length >= 1);
    mode = 'ok';
    await tab.goto(site.origin + '/elsewhere'); // before the backoff's retry (at least 1 s away)
    await until(async () => (await byConsent(id)).length === 1, 5000);
    expect(posts.length).toBe(2);
    expect(posts[1]!.type!.toLowerCase()).toBe('text/plain;charset=utf-8'); // a Blob's type comes lowercased
    await context.close();
  });

  it('should be stored exactly once however often it is sent', async () => {
    mode = 'stored-but-503'; // the collector stores it, the browser is told to try again
    const tab = await context.newPage();
    await open(tab);
    await tab.evaluate(() => (window as any).consentry.withdraw());
    const id = await consentIdOf(tab);
    await until(async () => posts.length >= 2);
    mode = 'ok';
    await until(async () => !(await tab.evaluate(() => localStorage['consentry:outbox'])));
    const copies = await byConsent(id);
    expect(copies).toHaveLength(1);
    expect(copies[0].action).toBe('withdraw');
    expect(posts.filter(p => p.receiptId === copies[0].receiptId).length).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  it('should store both receipts once when two tabs decide at the same time', async () => {
    const [a, b] = [await context.newPage(), await context.newPage()];
    await Promise.all([open(a), open(b)]);
    // Both banners up and their decision writer (fetched once a banner shows) at hand: what is tested
    // here is two tabs writing the outbox at once, not a decision made while chunks still load.
    for (const tab of [a, b]) {
      await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).waitFor();
      await tab.waitForFunction(() => performance.getEntriesByType('resource').some(r => r.name.endsWith('/consentry-receipts.js')));
      await tab.waitForTimeout(100);
    }
    await Promise.all([a.evaluate(() => (window as any).consentry.acceptAll()), b.evaluate(() => (window as any).consentry.rejectAll())]);
    // Each tab sends its own receipt. (The consent ids shown afterwards may be the same: the later
    // decision applies in both tabs, see README "Every tab at once".)
    await until(async () => new Set(posts.map(p => p.receiptId)).size === 2);
    const sent = [...new Set(posts.map(p => p.receiptId))];
    await until(async () => (await stored()).filter(r => sent.includes(r.receiptId)).length === 2);
    await a.waitForTimeout(500);
    const mine = (await stored()).filter(r => sent.includes(r.receiptId));
    expect(mine.map(r => r.action).sort()).toEqual(['accept_all', 'reject_all']);
    // Claimed before sending: no receipt went out twice.
    for (const r of mine) expect(posts.filter(p => p.receiptId === r.receiptId)).toHaveLength(1);
    // Both tabs end on the same decision, the later one.
    expect(await a.evaluate(() => (window as any).consentry.state.consentId)).toBe(await b.evaluate(() => (window as any).consentry.state.consentId));
    await context.close();
  });

  it('should carry gpc: true when the browser sends Global Privacy Control', async () => {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const tab = await context.newPage();
    await open(tab);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    const id = await consentIdOf(tab);
    await until(async () => (await byConsent(id)).length === 1);
    expect((await byConsent(id))[0]).toMatchObject({ gpc: true, choices: { marketing: false } });
    await context.close();
  });
});
