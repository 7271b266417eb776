// Every visitor's language, in a real Chromium: detection, fallback, right-to-left, the
// switcher, what is downloaded, and receipts that name the language shown.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';
import { textHash } from '../../src/index';

const CONFIG = {
  revision: 1,
  privacyPolicyUrl: '/privacy',
  language: 'auto',
  categories: { necessary: {}, analytics: {}, marketing: {} },
  receipts: { endpoint: '/receipts' },
};
const IFRAME = '<iframe data-consent="marketing" data-src="/frame.html" title="Video" width="400" height="200"></iframe>';
const pack = (code: string) => JSON.parse(readFileSync('src/locales/' + code + '.json', 'utf8')) as Record<string, string>;

let browser: Browser;
let server: TestServer;
const receipts: any[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  server.route('/receipts', { handler: (_req, res, body) => (receipts.push(JSON.parse(body)), res.writeHead(201).end()) });
  server.route('/frame.html', '<p>frame</p>');
  for (const lang of ['fr', 'fr-CA', 'ar', 'xx', ''])
    server.route('/page-' + (lang || 'none'), html(CONFIG, IFRAME, '', lang));
  server.route('/page-de-broken', html(CONFIG, '', '', 'de'));
  server.route('/consentry/i18n/de.json', { status: 404, body: 'gone' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(path: string, locale = 'en-US') {
  const context = await browser.newContext({ locale });
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('console', m => m.type() === 'error' && errors.push(m.text()));
  server.requests.length = 0;
  await tab.goto(server.origin + path);
  return { context, tab, errors };
}
const ui = (tab: Page) => tab.locator('#consentry-root');
const packsFetched = () => server.requests.filter(r => r.path.startsWith('/consentry/i18n/')).map(r => r.path);

describe('language detection', () => {
  it('should speak French to a French page, download the French pack and no other, and say so in the receipt', async () => {
    const { context, tab, errors } = await visit('/page-fr');
    await ui(tab).getByRole('button', { name: 'Tout refuser' }).waitFor();
    expect(await ui(tab).getByRole('button', { name: 'Tout accepter' }).count()).toBe(1);
    expect(await tab.evaluate(() => document.getElementById('consentry-root')!.lang)).toBe('fr');
    // What the loader drew is relabelled in French too.
    expect(await tab.getByRole('button', { name: 'Autoriser et charger: Video' }).count()).toBe(1);
    await ui(tab).getByRole('button', { name: 'Tout refuser' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await tab.waitForLoadState('networkidle');
    expect(packsFetched().filter((p, i, a) => a.indexOf(p) === i)).toEqual(['/consentry/i18n/fr.json']);
    const id = await tab.evaluate(() => (window as any).consentry.state.consentId);
    await tab.waitForFunction(() => !localStorage['consentry:outbox']);
    const receipt = receipts.find(r => r.consentId === id);
    expect(receipt.language).toBe('fr');
    expect(receipt.textHash).toBe(await textHash(CONFIG as any, 'fr', pack('fr')));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('should take the browser\'s languages when the page names none', async () => {
    const { context, tab } = await visit('/page-none', 'pl-PL');
    await ui(tab).getByRole('button', { name: 'Odrzuć wszystkie' }).waitFor();
    expect(packsFetched()).toEqual(['/consentry/i18n/pl.json']);
    await context.close();
  });

  it('should fall back from a region to its language (fr-CA → fr), and to English when there is no pack', async () => {
    const a = await visit('/page-fr-CA');
    await ui(a.tab).getByRole('button', { name: 'Tout refuser' }).waitFor();
    await a.context.close();
    const b = await visit('/page-xx', 'xx-YY');
    await ui(b.tab).getByRole('button', { name: 'Reject all' }).waitFor();
    expect(packsFetched()).toEqual([]);
    await b.context.close();
  });

  it('should show English, and say why, when the visitor\'s pack cannot be loaded', async () => {
    const { context, tab, errors } = await visit('/page-de-broken');
    await ui(tab).getByRole('button', { name: 'Reject all' }).waitFor();
    expect(errors.some(e => e.includes('language pack "de" not loaded'))).toBe(true);
    expect(await tab.evaluate(() => document.getElementById('consentry-root')!.lang)).toBe('en');
    await context.close();
  });
});

describe('right-to-left', () => {
  it('should set dir="rtl" for Arabic and mirror the layout', async () => {
    const { context, tab } = await visit('/page-ar');
    const reject = ui(tab).getByRole('button', { name: pack('ar')['banner.rejectAll'] });
    await reject.waitFor();
    expect(await tab.evaluate(() => document.getElementById('consentry-root')!.dir)).toBe('rtl');
    const close = (await ui(tab).getByRole('button', { name: pack('ar')['banner.close'] }).boundingBox())!;
    const title = (await ui(tab).getByRole('heading', { name: pack('ar')['banner.title'] }).boundingBox())!;
    // The × sits at the inline end: on the left in a right-to-left layout.
    expect(close.x).toBeLessThan(title.x);
    const accept = (await ui(tab).getByRole('button', { name: pack('ar')['banner.acceptAll'] }).boundingBox())!;
    const refuse = (await reject.boundingBox())!;
    expect(accept.x).toBeGreaterThan(refuse.x); // first in reading order, so on the right
    await tab.screenshot({ path: 'test/.tmp/rtl-ar.png' });
    await context.close();
  });
});

describe('the language switcher', () => {
  it('should switch the preferences to another language and remember it on the next page', async () => {
    const { context, tab } = await visit('/page-fr');
    await ui(tab).getByRole('button', { name: 'Personnaliser' }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: pack('fr')['prefs.language'] }).selectOption('it');
    await dialog.getByRole('button', { name: pack('it')['prefs.save'] }).waitFor();
    await tab.goto(server.origin + '/page-fr?again');
    await ui(tab).getByRole('button', { name: pack('it')['banner.rejectAll'] }).waitFor();
    await context.close();
  });

  it('should prove, in the receipt of the choice saved after a switch, the language switched to', async () => {
    const { context, tab } = await visit('/page-fr');
    await ui(tab).getByRole('button', { name: 'Personnaliser' }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByRole('combobox', { name: pack('fr')['prefs.language'] }).selectOption('it');
    await dialog.getByRole('button', { name: pack('it')['prefs.save'] }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    const id = await tab.evaluate(() => (window as any).consentry.state.consentId);
    await expect.poll(() => receipts.some(r => r.consentId === id), { timeout: 10000 }).toBe(true);
    const receipt = receipts.find(r => r.consentId === id);
    expect(receipt).toMatchObject({ action: 'custom', language: 'it', textHash: await textHash(CONFIG as any, 'it', pack('it')) });
    await context.close();
  });

  it('should list every language by its own name', async () => {
    const { context, tab } = await visit('/page-fr');
    await ui(tab).getByRole('button', { name: 'Personnaliser' }).click();
    const options = await tab.getByRole('dialog').getByRole('combobox').locator('option').allTextContents();
    expect(options.length).toBe(34);
    expect(options).toEqual(expect.arrayContaining(['English', 'français', 'polski', 'Deutsch']));
    await context.close();
  });
});

describe('a returning French visitor', () => {
  it('should see the floating button and the placeholder in French, downloading nothing but the loader', async () => {
    const { context, tab } = await visit('/page-fr');
    await ui(tab).getByRole('button', { name: 'Tout refuser' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await tab.waitForLoadState('networkidle');
    server.requests.length = 0;
    await tab.goto(server.origin + '/page-fr?back');
    await tab.getByRole('button', { name: pack('fr')['fab.label'] }).waitFor();
    expect(await tab.getByRole('button', { name: 'Autoriser et charger: Video' }).count()).toBe(1);
    await tab.waitForLoadState('networkidle');
    expect(server.requests.filter(r => r.path.startsWith('/consentry/')).map(r => r.path)).toEqual(['/consentry/consentry.js']);
    await context.close();
  });
});
