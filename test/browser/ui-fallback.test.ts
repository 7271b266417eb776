// The UI chunk fails to load (README, "Browser support"), in a real Chromium: a filter list blocks it, a deploy lost it,
// the network dropped it. The visitor is still asked, by the plain banner in the core chunk, and can
// refuse, accept or choose per category; nothing is granted before that and nothing is thrown.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';
import { textHash } from '../../src/index';

const CONFIG = { revision: 1, privacyPolicyUrl: '/privacy', categories: { necessary: {}, analytics: {}, marketing: {} } };
const TAGS = `<script>window.ran = [];</script>
<script type="text/plain" data-consent="analytics">ran.push('analytics')</script>
<script type="text/plain" data-consent="marketing">ran.push('marketing')</script>`;

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  server.route('/', html(CONFIG, TAGS));
  server.route('/fr', html(CONFIG, TAGS, '', 'fr'));
  server.route('/fr-receipts', html({ ...CONFIG, receipts: { endpoint: '/receipts' } }, TAGS, '', 'fr'));
  server.route('/receipts', { handler: (_req, res) => res.writeHead(201).end() });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A visitor whose browser cannot fetch the named files of dist/. */
async function visit(path: string, blocked: RegExp) {
  const context = await browser.newContext();
  await context.route(blocked, route => route.abort('blockedbyclient'));
  const tab = await context.newPage();
  const pageErrors: string[] = [];
  const logged: string[] = [];
  tab.on('pageerror', e => pageErrors.push(e.message));
  tab.on('console', m => logged.push(m.text()));
  await tab.goto(server.origin + path);
  return { context, tab, pageErrors, logged, banner: tab.locator('#consentry-root').getByRole('region') };
}
const consentCookie = async (context: BrowserContext) => (await context.cookies()).find(c => c.name === 'consentry');

describe('when the UI chunk cannot be loaded', () => {
  it('should still show a banner where refusing is as easy as accepting, and no box is ticked', async () => {
    const { context, tab, pageErrors, banner } = await visit('/', /consentry-ui\.js/);
    await banner.getByRole('heading', { name: 'Your privacy choices' }).waitFor();
    const buttons = await banner.getByRole('button').allTextContents();
    expect(buttons).toEqual(['Accept all', 'Reject all', 'Save my choices']);
    // Same look for accepting and refusing (CNIL-2): the same computed style.
    const looks = await banner.getByRole('button').evaluateAll(els =>
      els.map(el => {
        const s = getComputedStyle(el);
        return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, (el as HTMLElement).offsetHeight].join();
      }),
    );
    expect(new Set(looks).size).toBe(1);
    expect(await banner.getByRole('checkbox', { name: /Analytics/ }).isChecked()).toBe(false);
    expect(await banner.getByRole('checkbox', { name: /Marketing/ }).isChecked()).toBe(false);
    expect(await banner.getByRole('checkbox', { name: /Strictly necessary/ }).isChecked()).toBe(true);
    expect(await banner.getByRole('checkbox', { name: /Strictly necessary/ }).isDisabled()).toBe(true);
    expect(await banner.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy');
    expect(await tab.evaluate(() => (window as any).ran)).toEqual([]);
    // Plain, but as accessible as the real one (WCAG 2.2 AA, axe-core).
    await tab.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
    const violations = await tab.evaluate(async () => {
      const r = await (window as any).axe.run(document.getElementById('consentry-root'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return r.violations.map((v: any) => v.id);
    });
    expect(violations).toEqual([]);

    await banner.getByRole('button', { name: 'Reject all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await banner.waitFor({ state: 'hidden' });
    expect(await tab.evaluate(() => (window as any).consentry.state.choices)).toEqual({ necessary: true, analytics: false, marketing: false });
    expect(await consentCookie(context)).toBeTruthy();
    expect(await tab.evaluate(() => (window as any).ran)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('should grant exactly the categories ticked, and reopen from the floating button with them ticked', async () => {
    const { context, tab, pageErrors, banner } = await visit('/', /consentry-ui\.js/);
    await banner.getByRole('checkbox', { name: /Analytics/ }).check();
    await banner.getByRole('button', { name: 'Save my choices' }).click();
    await tab.waitForFunction(() => (window as any).ran.includes('analytics'));
    expect(await tab.evaluate(() => (window as any).consentry.state.choices)).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(await tab.evaluate(() => (window as any).ran)).toEqual(['analytics']);
    await banner.waitFor({ state: 'hidden' });

    await tab.getByRole('button', { name: 'Cookie settings' }).click();
    await banner.waitFor();
    expect(await banner.getByRole('checkbox', { name: /Analytics/ }).isChecked()).toBe(true);
    expect(await banner.getByRole('checkbox', { name: /Marketing/ }).isChecked()).toBe(false);
    // Withdrawing is as easy: one button.
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.get('analytics') === false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("should speak the visitor's language when its pack loads", async () => {
    const fr = JSON.parse(readFileSync('src/locales/fr.json', 'utf8'));
    const { context, pageErrors, banner } = await visit('/fr', /consentry-ui\.js/);
    await banner.getByRole('heading', { name: fr['banner.title'] }).waitFor();
    expect(await banner.getByRole('button').allTextContents()).toEqual([fr['banner.acceptAll'], fr['banner.rejectAll'], fr['prefs.save']]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('should send a receipt that proves the texts the plain banner drew, in the visitor\'s language', async () => {
    const fr = JSON.parse(readFileSync('src/locales/fr.json', 'utf8'));
    const { context, tab, pageErrors, banner } = await visit('/fr-receipts', /consentry-ui\.js/);
    await banner.getByRole('button', { name: fr['banner.acceptAll'] }).click();
    await tab.waitForFunction(() => (window as any).ran.includes('marketing'));
    const posted = () => server.requests.filter(r => r.method === 'POST' && r.path === '/receipts').map(r => JSON.parse(r.body));
    const until = Date.now() + 10000;
    while (!posted().length && Date.now() < until) await tab.waitForTimeout(50);
    const [receipt] = posted();
    expect(receipt).toMatchObject({ action: 'accept_all', language: 'fr', textHash: await textHash(CONFIG as any, 'fr', fr) });
    // Handed down by the plain banner: the receipts chunk fetched no texts of its own.
    expect(server.hits('/consentry/consentry-receipts-texts.js')).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('should refuse everything, say why and throw nothing when the core chunk cannot be loaded either', async () => {
    const { context, tab, pageErrors, logged } = await visit('/', /consentry-(ui|core)\.js/);
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.waitForFunction(() => document.readyState === 'complete');
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForTimeout(200);
    expect(logged.some(l => l.startsWith('[consentry] not loaded'))).toBe(true);
    // Undecided, and so never granted: the configuration could not even be checked.
    expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBeUndefined();
    expect(await tab.evaluate(() => (window as any).consentry.state.decided)).toBe(false);
    expect(await tab.evaluate(() => (window as any).ran)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
