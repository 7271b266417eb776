// What a first-time visitor really downloads, in a real Chromium against a server that compresses
// dist/ as a CDN does: the banner shown in English, "Accept all" clicked, the receipt sent. The sum
// of the bytes received from dist/ must hold the budgets of package.json (`budgetTotals`, also
// checked file by file in test/build/size.test.ts), and the files fetched must be exactly the ones
// those budgets list, so the size test counts what a visitor fetches (README, "Sizes").
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Response } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const budgets = JSON.parse(readFileSync('package.json', 'utf8')).budgetTotals as Record<string, { files: string[]; max: number }>;
const USABLE = budgets['first visit until the banner can be used (English)']!;
const VISIT = budgets['first visit, Accept all and its receipt (English)']!;
const RETURNING = budgets['returning visitor (loader only)']!;

const CONFIG = {
  revision: 1,
  privacyPolicyUrl: '/privacy',
  categories: {
    necessary: {},
    analytics: { services: [{ name: 'Stats', cookies: [{ name: '_ga', duration: '13 months' }], blocks: ['/vendor/stats.js'] }] },
    marketing: { consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'] },
  },
  receipts: { endpoint: '/receipts' },
};
const BODY = `<script>window.ran = [];</script>
<script type="text/plain" data-consent="marketing">ran.push('marketing')</script>
<script src="/vendor/stats.js"></script>`;

let browser: Browser;
let server: TestServer;
let receipts = 0;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer({ gzip: true });
  server.route('/', html(CONFIG, BODY));
  server.route('/vendor/stats.js', "ran.push('stats')");
  server.route('/receipts', { handler: (_q, res) => (receipts++, res.writeHead(201).end()) });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * dist/ files as `dist/<name>`, with the bytes that went over the wire for each.
 * @param before only the requests started before this time (epoch ms)
 */
function recorder(responses: Response[]) {
  return async (before = Infinity) => {
    const files = new Map<string, number>();
    for (const r of responses) {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/consentry/') || r.request().timing().startTime >= before) continue;
      await r.finished();
      files.set('dist/' + path.slice('/consentry/'.length), (await r.request().sizes()).responseBodySize);
    }
    return files;
  };
}
const total = (files: Map<string, number>) => [...files.values()].reduce((a, b) => a + b, 0);

describe('a first visit, as the visitor lives it', () => {
  it('should fetch no more than the budgets until the banner can be used, and until the receipt is sent', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const responses: Response[] = [];
    tab.on('response', r => responses.push(r));
    const fetched = recorder(responses);
    // The moment the banner reports itself shown: drawn, its buttons usable. What is requested
    // after it (the decision writer, fetched for the click to come) is not what the banner waited for.
    await tab.addInitScript(() =>
      document.addEventListener('consentry:show', () => ((window as any).shownAt ??= performance.timeOrigin + performance.now())),
    );
    await tab.goto(server.origin + '/');
    const accept = tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' });
    await accept.waitFor();
    const usable = await fetched(await tab.evaluate(() => (window as any).shownAt as number));
    // Compressed on the wire: the server's gzip answers are what the page received.
    for (const [file, bytes] of usable) expect(bytes, file).toBeLessThan(readFileSync(file).length);
    expect([...usable.keys()].sort()).toEqual([...USABLE.files].sort());
    expect(total(usable)).toBeLessThanOrEqual(USABLE.max);

    await accept.click();
    await tab.waitForFunction(() => (window as any).ran.length === 2);
    await expect.poll(() => receipts).toBe(1);
    await tab.waitForLoadState('networkidle');
    const visit = await fetched();
    expect([...visit.keys()].sort()).toEqual([...VISIT.files].sort());
    expect(total(visit)).toBeLessThanOrEqual(VISIT.max);

    // The same visitor comes back: the loader alone.
    responses.length = 0;
    await tab.goto(server.origin + '/?next');
    await tab.waitForFunction(() => (window as any).ran.length === 2);
    await tab.waitForLoadState('networkidle');
    const returning = await fetched();
    expect([...returning.keys()]).toEqual(RETURNING.files);
    expect(total(returning)).toBeLessThanOrEqual(RETURNING.max);
    console.log(
      `first visit, bytes received from dist/: ${total(usable)} until usable, ${total(visit)} with the receipt; returning ${total(returning)}`,
    );
    await context.close();
  });
});
