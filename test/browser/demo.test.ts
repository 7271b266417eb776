// The demo site, as a site owner first tries it: nothing runs before consent, the tags run after,
// under the demo's strict Content-Security-Policy, with no violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../_util/chromium';
// @ts-expect-error plain JavaScript module
import { startDemo } from '../../demo/server.mjs';

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startDemo(0);
  origin = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await browser?.close();
  await new Promise(r => server?.close(r));
});

describe('the demo site', () => {
  it('should run no tag before consent and both after "Accept all", with no CSP violation', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', m => m.type() === 'error' && problems.push(m.text()));
    tab.on('pageerror', e => problems.push(e.message));
    await tab.goto(origin + '/');
    await tab.waitForLoadState('networkidle');
    await expect(tab.locator('#tag-log')).toBeDefined();
    expect(await tab.locator('#tag-log li').allTextContents()).toEqual([
      'No tag has run: nothing is collected before you decide.',
    ]);
    expect((await context.cookies()).map(c => c.name)).toEqual([]);

    await tab.click('[data-action="acceptAll"]');
    await tab.waitForFunction(() => document.querySelectorAll('#tag-log li').length === 2);
    const lines = await tab.locator('#tag-log li').allTextContents();
    expect(lines[0]).toContain('analytics (external script) ran');
    expect(lines[1]).toContain('marketing (inline pixel) ran');
    expect((await context.cookies()).map(c => c.name).sort()).toEqual(['_demo_ads', '_demo_ga', 'consentry']);
    expect(await tab.getAttribute('iframe[title="Demo video"]', 'src')).toBe('/embed.html');
    expect(problems).toEqual([]);

    await tab.click('[data-action="withdraw"]');
    await tab.waitForFunction(() => !document.cookie.includes('_demo_ga'));
    expect((await context.cookies()).map(c => c.name)).toEqual(['consentry']);
    await context.close();
  });
});
