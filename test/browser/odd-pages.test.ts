// Odd host pages and faults (README, "Browser support"), in a real Chromium: consentry keeps working and never throws
// into the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const CONFIG = { revision: 1, categories: { necessary: {}, analytics: {}, marketing: {} } };
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

async function visit(path: string) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const pageErrors: string[] = [];
  tab.on('pageerror', e => pageErrors.push(e.message));
  await tab.goto(server.origin + path);
  await tab.waitForFunction(() => (window as any).consentry);
  return { context, tab, pageErrors };
}
const ran = (tab: Page) => tab.evaluate(() => (window as any).ran as string[]);

describe('a gated tag that fails', () => {
  it('should not stop the tags after it: a throwing inline tag, a throwing external tag, a 404', async () => {
    server.route('/throws.js', "ran.push('external-throws'); throw new Error('tag bug');");
    server.route('/fails', html(CONFIG, `<script>window.ran = [];</script>
<script type="text/plain" data-consent="analytics">ran.push('inline-throws'); throw new Error('tag bug');</script>
<script type="text/plain" data-consent="analytics" src="/throws.js"></script>
<script type="text/plain" data-consent="analytics" src="/missing.js"></script>
<script type="text/plain" data-consent="analytics">ran.push('after');</script>`));
    const { context, tab, pageErrors } = await visit('/fails');
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.includes('after'));
    expect(await ran(tab)).toEqual(['inline-throws', 'external-throws', 'after']);
    // The errors are the tags' own, not consentry's.
    expect(pageErrors).toEqual(['tag bug', 'tag bug']);
    await context.close();
  });
});

describe('a single-page app that replaces the body', () => {
  it('should keep gating new content and still show its banner and preferences', async () => {
    server.route('/spa', html(CONFIG, '<script>window.ran = [];</script><p>first view</p>'));
    const { context, tab, pageErrors } = await visit('/spa');
    await tab.locator('#consentry-root').getByRole('button', { name: 'Reject all' }).waitFor();
    await tab.evaluate(() => {
      const body = document.createElement('body');
      body.innerHTML = '<p>second view</p>';
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.dataset.consent = 'analytics';
      s.text = "ran.push('second-view-tag')";
      body.appendChild(s);
      document.body.replaceWith(body);
    });
    await tab.waitForTimeout(100);
    expect(await ran(tab)).toEqual([]);
    await tab.evaluate(() => (window as any).consentry.showBanner());
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).ran.includes('second-view-tag'));
    await tab.getByRole('button', { name: 'Cookie settings' }).click();
    await tab.getByRole('dialog').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('a sandboxed page, where cookies and storage throw', () => {
  it('should show the banner and apply the choice for the page, without an uncaught error', async () => {
    server.route('/sandboxed', {
      body: html(CONFIG, `<script>window.ran = [];</script><script type="text/plain" data-consent="analytics">ran.push('analytics')</script>`),
      headers: { 'content-security-policy': 'sandbox allow-scripts' },
    });
    const { context, tab, pageErrors } = await visit('/sandboxed');
    expect(await tab.evaluate(() => { try { return document.cookie, 'readable'; } catch { return 'throws'; } })).toBe('throws');
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).ran.includes('analytics'));
    expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
