// The demo site, as a site owner first tries it: every page under the demo's strict
// Content-Security-Policy with no violation, nothing run before consent and the tags after, the
// gated video, the receipts page and its textHash check, the layouts and languages, the footer link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../_util/chromium';
// @ts-expect-error plain JavaScript module
import { startDemo } from '../../demo/server.mjs';

const NOTHING_RAN = 'Nothing ran: no analytics or marketing tag runs before you decide.';
const VIDEO = 'Video: shaping a sourdough loaf';
const CONFIG = JSON.parse(readFileSync(new URL('../../demo/site/consent-config.json', import.meta.url), 'utf8'));

let browser: Browser;
let server: Server;
let origin: string;
let dataDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  // A fresh collector folder: the demo must work with no receipt stored yet.
  dataDir = mkdtempSync(join(tmpdir(), 'consentry-demo-test-'));
  server = await startDemo(0, { dataDir });
  origin = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await browser?.close();
  await new Promise(r => (server ? server.close(r) : r(undefined)));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Visit {
  context: BrowserContext;
  tab: Page;
  /** console errors, page errors and CSP violations */
  problems: string[];
  /** paths requested from the demo */
  requests: string[];
}

/** A fresh visitor (or `context`'s) on a new tab, with its console errors and CSP violations collected. */
async function visit(path: string, context?: BrowserContext): Promise<Visit> {
  context ??= await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tab = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  tab.on('console', m => m.type() === 'error' && problems.push(m.text()));
  tab.on('pageerror', e => problems.push(e.message));
  tab.on('request', r => requests.push(r.url().replace(origin, '')));
  await tab.exposeFunction('reportViolation', (v: string) => problems.push('CSP: ' + v));
  await tab.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', e =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(e.violatedDirective + ' ' + e.blockedURI),
    ),
  );
  const response = await tab.goto(origin + path);
  expect(response?.status(), path).toBe(200);
  await tab.waitForLoadState('networkidle');
  return { context, tab, problems, requests };
}

const banner = (tab: Page) => tab.locator('#consentry-root');
const tagLines = (tab: Page) => tab.locator('#tag-log li').allTextContents();
const cookieNames = async (context: BrowserContext) => (await context.cookies()).map(c => c.name).sort();
const TRACKERS = ['_demo_ads', '_demo_ga', '_demo_px'];

/** Waits for the receipt of the decision `decide` makes to be stored by the collector. */
async function decideAndDeliver(tab: Page, decide: () => Promise<void>) {
  const delivered = tab.waitForResponse(r => r.url().endsWith('/consent/receipts') && r.request().method() === 'POST');
  await decide();
  expect((await delivered).status()).toBe(201);
}

describe('the demo site', () => {
  it('should answer every page with 200, a banner, and no console error or CSP violation, with a fresh collector', async () => {
    const stored = await fetch(origin + '/demo/receipts.json');
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual([]);

    for (const path of ['/', '/article.html', '/shop.html', '/privacy.html', '/receipts.html']) {
      // Strict for real: nonces and Trusted Types, with the gate's policy the only one allowed.
      expect((await fetch(origin + path)).headers.get('content-security-policy'), path).toMatch(
        /script-src 'self' 'nonce-[^']+';.*require-trusted-types-for 'script'; trusted-types consentry$/,
      );
      const { context, tab, problems } = await visit(path);
      await banner(tab).getByRole('button', { name: 'Reject all' }).waitFor();
      expect(await tab.locator('footer a[data-consentry-open]').textContent(), path).toBe('Cookie settings');
      expect(await tab.locator('footer a[href^="/privacy.html"]').count(), path).toBe(1);
      if (path === '/receipts.html') {
        await expect.poll(() => tab.locator('#receipts-status').textContent()).toContain('No receipts stored yet');
      } else {
        expect(await tagLines(tab), path).toEqual([NOTHING_RAN]);
      }
      expect(problems, path).toEqual([]);
      await context.close();
    }
  });

  it('should inline the one shared configuration, with ?layout and a valid ?lang applied', async () => {
    const inline = async (query: string) => {
      const html = await (await fetch(origin + '/shop.html' + query)).text();
      const json = /<script type="application\/json" id="consentry-config">([\s\S]*?)<\/script>/.exec(html)?.[1];
      expect(json, query).not.toContain('<');
      return JSON.parse(json!);
    };
    expect(await inline('')).toEqual(CONFIG);
    expect(await inline('?layout=modal&lang=zh-Hans')).toEqual({ ...CONFIG, language: 'zh-Hans', ui: { ...CONFIG.ui, layout: 'modal' } });
    expect(await inline('?layout=sideways&lang=' + encodeURIComponent('"><script>'))).toEqual(CONFIG);
    expect(CONFIG.receipts).toEqual({ endpoint: '/consent/receipts' });
  });

  it('should run no tag before consent, and every tag after "Accept all", on this page and the next', async () => {
    const { context, tab, problems, requests } = await visit('/');
    expect(await tagLines(tab)).toEqual([NOTHING_RAN]);
    expect(await tab.locator('#cookie-list li').allTextContents()).toEqual(['none']);
    expect(await cookieNames(context)).toEqual([]);
    expect(requests.filter(r => r.startsWith('/tags/'))).toEqual([]);

    await decideAndDeliver(tab, () => banner(tab).getByRole('button', { name: 'Accept all' }).click());
    await expect.poll(() => tagLines(tab)).toHaveLength(3);
    const lines = await tagLines(tab);
    expect(lines[0]).toMatch(/^Demo Analytics \(\/tags\/analytics\.js\) ran at .* and set the cookie _demo_ga$/);
    expect(lines[1]).toMatch(/^Demo Ads \(\/tags\/ads\.js\) ran at .* and set the cookie _demo_ads$/);
    expect(lines[2]).toMatch(/^Demo Ads pixel \(inline script\) ran at .* and set the cookie _demo_px$/);
    expect(await cookieNames(context)).toEqual([...TRACKERS, 'consentry']);
    await expect.poll(() => tab.locator('#cookie-list code').allTextContents()).toEqual(['consentry', '_demo_ga', '_demo_ads', '_demo_px']);
    expect(await tab.locator('#consent-state').textContent()).toBe('Your choice: analytics allowed, marketing allowed.');
    expect(requests).toEqual(expect.arrayContaining(['/tags/analytics.js', '/tags/ads.js', '/tags/pixel.gif']));
    expect(problems).toEqual([]);

    // The next page: the stored decision runs the tags at once, and no banner is shown.
    await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shop' }).click();
    await tab.waitForURL(origin + '/shop.html');
    await expect.poll(() => tagLines(tab)).toHaveLength(3);
    expect(await banner(tab).getByRole('button', { name: 'Reject all' }).count()).toBe(0);

    // Withdrawing from the footer's cookie settings clears the tags' cookies.
    await tab.locator('footer').getByRole('link', { name: 'Cookie settings' }).click();
    await decideAndDeliver(tab, () => tab.getByRole('dialog', { name: 'Privacy preferences' }).getByRole('button', { name: 'Withdraw my consent' }).click());
    await expect.poll(() => cookieNames(context)).toEqual(['consentry']);
    await expect.poll(() => tab.locator('#cookie-list code').allTextContents()).toEqual(['consentry']);
    expect(await tab.locator('#consent-state').textContent()).toBe('Your choice: analytics refused, marketing refused.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('should load the article video when its placeholder\'s "Allow and load" is used', async () => {
    const { context, tab, problems } = await visit('/article.html');
    expect(await tab.locator('iframe[title="' + VIDEO + '"]').getAttribute('src')).toBeNull();
    expect(await tagLines(tab)).toEqual([NOTHING_RAN]);

    await decideAndDeliver(tab, () => tab.getByRole('button', { name: 'Allow and load: ' + VIDEO }).click());
    const frame = tab.locator('iframe[title="' + VIDEO + '"]');
    await expect.poll(() => frame.getAttribute('src')).toBe('/embed.html');
    expect(await tab.frameLocator('iframe[title="' + VIDEO + '"]').locator('.note').textContent()).toContain('you allowed marketing');
    // It granted marketing only: the advertising tags ran, analytics did not.
    await expect.poll(() => tagLines(tab)).toHaveLength(2);
    expect((await tagLines(tab)).join('\n')).not.toContain('Demo Analytics');
    expect(await cookieNames(context)).toEqual(['_demo_ads', '_demo_px', 'consentry']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('should list the visitor\'s receipts, newest first and filtered by their consent id, each with "✓ matches"', async () => {
    // Someone else's decision first: the filter must leave it out.
    const other = await visit('/');
    await decideAndDeliver(other.tab, () => banner(other.tab).getByRole('button', { name: 'Reject all' }).click());
    await other.context.close();
    // And a receipt whose texts are not this configuration's.
    const forged = {
      schema: 'consentry.receipt/1', receiptId: randomUUID(), consentId: randomUUID(), timestamp: new Date().toISOString(),
      revision: 1, action: 'accept_all', choices: { necessary: true, analytics: true, marketing: true }, gpc: false,
      language: 'en', textHash: 'ab'.repeat(32), url: origin + '/', policyUrl: '/privacy.html', sdkVersion: '1.0.0',
    };
    const posted = await fetch(origin + '/consent/receipts', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(forged) });
    expect(posted.status).toBe(201);

    // This visitor refuses in French, then accepts in English from the footer's cookie settings.
    const { context, tab, problems } = await visit('/?lang=fr');
    await decideAndDeliver(tab, () => banner(tab).getByRole('button', { name: 'Tout refuser' }).click());
    const me = await tab.evaluate(() => (window as unknown as { consentry: { state: { consentId: string } } }).consentry.state.consentId);
    await tab.goto(origin + '/privacy.html');
    await tab.locator('footer a[data-consentry-open]').click();
    const dialog = tab.getByRole('dialog', { name: 'Privacy preferences' });
    await decideAndDeliver(tab, () => dialog.getByRole('button', { name: 'Accept all' }).click());

    await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consent receipts' }).click();
    await tab.waitForURL(origin + '/receipts.html');
    await expect.poll(() => tab.locator('#consent-id').inputValue()).toBe(me);
    const rows = tab.locator('#receipts tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => tab.locator('#receipts td.check').allTextContents()).toEqual(['✓ matches', '✓ matches']);
    const row = async (i: number) =>
      Object.fromEntries(
        await Promise.all(['action', 'choices', 'language', 'gpc', 'consent-id'].map(async c => [c, await rows.nth(i).locator('td.' + c).textContent()])),
      );
    expect(await row(0)).toEqual({ action: 'accept_all', choices: 'analytics on, marketing on', language: 'en', gpc: 'no', 'consent-id': me });
    expect(await row(1)).toEqual({ action: 'reject_all', choices: 'analytics off, marketing off', language: 'fr', gpc: 'no', 'consent-id': me });

    // Every stored receipt (earlier tests' too), newest first; only the forged one's texts differ.
    const stored = (await (await fetch(origin + '/demo/receipts.json')).json()) as { receiptId: string; receivedAt: string }[];
    await tab.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => rows.count()).toBe(stored.length);
    const newestFirst = [...stored].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt)).map(r => r.receiptId);
    expect(await rows.evaluateAll(trs => trs.map(tr => (tr as HTMLElement).dataset.receiptId))).toEqual(newestFirst);
    await expect
      .poll(() => tab.locator('#receipts td.check').allTextContents())
      .toEqual(newestFirst.map(id => (id === forged.receiptId ? '✗ differs' : '✓ matches')));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('should show the layout and the language asked for, and keep them on the site\'s links', async () => {
    const box = await visit('/?layout=box');
    const region = banner(box.tab).getByRole('region', { name: 'Your privacy choices' });
    await region.waitFor();
    expect((await region.boundingBox())!.width).toBeLessThan(500);
    await box.context.close();

    const bar = await visit('/?layout=bar');
    await banner(bar.tab).getByRole('region', { name: 'Your privacy choices' }).waitFor();
    expect((await banner(bar.tab).getByRole('region', { name: 'Your privacy choices' }).boundingBox())!.width).toBeGreaterThan(1000);
    await bar.context.close();

    const { context, tab, problems } = await visit('/?layout=modal&lang=fr');
    await banner(tab).getByRole('dialog', { name: 'Vos choix de confidentialité' }).waitFor();
    expect(await banner(tab).getByRole('button', { name: 'Tout refuser' }).isVisible()).toBe(true);
    const nav = tab.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Shop' }).getAttribute('href')).toBe('/shop.html?layout=modal&lang=fr');
    expect(await tab.getByRole('link', { name: 'Box', exact: true }).getAttribute('href')).toBe('/?layout=box&lang=fr');
    expect(await tab.getByRole('link', { name: 'Modal', exact: true }).getAttribute('aria-current')).toBe('true');
    expect(await tab.locator('#try-lang').inputValue()).toBe('fr');

    // The language selector navigates, keeping the layout.
    await Promise.all([tab.waitForURL(origin + '/?layout=modal&lang=de'), tab.selectOption('#try-lang', 'de')]);
    await banner(tab).getByRole('button', { name: 'Alle ablehnen' }).waitFor();
    // The "Try it" layout links work for a visitor who has decided, too: "Show the banner".
    await banner(tab).getByRole('button', { name: 'Alle ablehnen' }).click();
    await tab.getByRole('link', { name: 'Box', exact: true }).click();
    await tab.waitForURL(origin + '/?layout=box&lang=de');
    await tab.getByRole('button', { name: 'Show the banner' }).click();
    await banner(tab).getByRole('region', { name: /./ }).waitFor();
    expect((await banner(tab).getByRole('region', { name: /./ }).boundingBox())!.width).toBeLessThan(500);

    // "Start over as a new visitor": no cookie left, and the banner asks again.
    await banner(tab).getByRole('button', { name: 'Alle ablehnen' }).click();
    await Promise.all([tab.waitForEvent('load'), tab.getByRole('button', { name: 'Start over as a new visitor' }).click()]);
    await banner(tab).getByRole('button', { name: 'Alle ablehnen' }).waitFor();
    expect(await cookieNames(context)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('should open the preferences from the footer link', async () => {
    const { context, tab, problems } = await visit('/shop.html');
    await banner(tab).getByRole('button', { name: 'Reject all' }).waitFor();
    const link = tab.locator('footer').getByRole('link', { name: 'Cookie settings' });
    await link.click();
    const dialog = tab.getByRole('dialog', { name: 'Privacy preferences' });
    await dialog.waitFor();
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(false);
    expect(tab.url()).toBe(origin + '/shop.html'); // the link's "#" is not followed
    await tab.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the cookie audit page', () => {
  it('should list the page\'s cookies and storage keys, classified, and update after a decision', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(origin + '/audit.html');
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => document.cookie.includes('_demo_ga'));
    await tab.getByRole('button', { name: 'Refresh' }).click();
    await tab.waitForFunction(() => [...document.querySelectorAll('#audit-rows tr')].some(tr => tr.textContent!.includes('_demo_ga')));
    const rows = await tab.locator('#audit-rows tr').allTextContents();
    expect(rows.some(r => r.startsWith('cookieconsentryconsent'))).toBe(true);
    expect(rows.some(r => r.startsWith('cookie_demo_gadeclaredanalytics'))).toBe(true);
    expect(await tab.locator('#audit-summary').textContent()).toContain('none escaped the gate');
    await context.close();
  });
});
