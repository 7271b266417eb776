// The configurator in a real Chromium against the demo server: it loads under the demo's
// strict CSP without a console error, its preview is the SDK's own banner and follows the form, the
// SDK's validator reports bad values on the fields they concern, and the JSON it copies validates
// (runtime validator and JSON Schema) and, pasted into a page, produces the banner it previewed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import Ajv2020 from 'ajv/dist/2020';
import { launchChromium } from '../_util/chromium';
import { startServer, type TestServer } from '../_util/server';
import { validateConfig } from '../../src/core/validate';
// @ts-expect-error plain JavaScript module
import { startDemo } from '../../demo/server.mjs';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

let browser: Browser;
let demo: Server;
let origin: string;
let dataDir: string;
let site: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  dataDir = await mkdtemp(join(tmpdir(), 'consentry-configurator-'));
  demo = await startDemo(0, { dataDir });
  origin = 'http://127.0.0.1:' + (demo.address() as AddressInfo).port;
  site = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await new Promise(r => (demo ? demo.close(r) : r(undefined)));
  await site?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Visit {
  context: BrowserContext;
  tab: Page;
  /** console errors, page errors and CSP violations, in the page and in the preview frame */
  problems: string[];
}

async function open(): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(10000);
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on('console', m => m.type() === 'error' && problems.push(m.text()));
  tab.on('pageerror', e => problems.push(e.message));
  await tab.exposeFunction('reportViolation', (v: string) => problems.push('CSP: ' + v));
  // Init scripts run in every frame: the preview's violations are reported too.
  await tab.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', e =>
      (window.top as unknown as { reportViolation(v: string): void }).reportViolation(e.violatedDirective + ' ' + e.blockedURI),
    ),
  );
  const response = await tab.goto(origin + '/configurator.html');
  expect(response?.status()).toBe(200);
  await preview(tab).getByRole('button', { name: 'Reject all' }).waitFor();
  return { context, tab, problems };
}

const frame = (tab: Page): FrameLocator => tab.frameLocator('#preview');
/** The consentry root inside the preview frame (locators pierce its open shadow roots). */
const preview = (tab: Page): Locator => frame(tab).locator('#consentry-root');
/** The first layer: a `section.cd` in the bar and box layouts, the dialog in the modal one. */
const firstLayer = (root: Locator): Locator => root.locator('section.cd, [role="dialog"].cd').first();
const category = (tab: Page, key: string): Locator =>
  tab.locator('section.category').filter({ has: tab.locator('h3 code', { hasText: new RegExp('^' + key + '$') }) });

describe('the configurator', () => {
  it('should load under the demo CSP without a console error and preview the real banner', async () => {
    const { context, tab, problems } = await open();
    await tab.waitForLoadState('networkidle');
    expect(await tab.locator('#problems-summary').textContent()).toContain('No problems');
    expect(await tab.locator('#problems li').count()).toBe(0);
    // The SDK's own UI, inside the frame: the bar layout, the English title, the policy link.
    await expect(firstLayer(preview(tab)).getAttribute('class')).resolves.toBe('cd bar');
    expect(await preview(tab).locator('h2').first().textContent()).toBe('Your privacy choices');
    expect(await preview(tab).getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy.html');
    // Every control is labelled.
    const unlabelled = await tab.locator('#form').evaluate(form =>
      [...form.querySelectorAll('input, select, textarea')].filter(el => !(el as HTMLInputElement).labels?.length).map(el => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    // The preview keeps to itself: its own cookie, no receipt, nothing in the site's storage.
    const posts: string[] = [];
    tab.on('request', r => r.method() === 'POST' && posts.push(r.url()));
    await preview(tab).getByRole('button', { name: 'Accept all' }).click();
    await preview(tab).getByRole('button', { name: 'Cookie settings' }).waitFor();
    await tab.waitForLoadState('networkidle');
    expect((await context.cookies()).map(c => c.name)).toEqual(['consentry_preview']);
    expect(posts).toEqual([]);
    expect(await tab.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('should show the layout chosen in the form in the preview', async () => {
    const { context, tab, problems } = await open();
    await tab.getByRole('radio', { name: /^Box/ }).check();
    await preview(tab).locator('section.cd.box').waitFor();
    expect(await firstLayer(preview(tab)).getAttribute('class')).toBe('cd box');
    await tab.getByRole('radio', { name: /^Modal/ }).check();
    await preview(tab).getByRole('dialog', { name: 'Your privacy choices' }).waitFor();
    // A reload of the preview does not pull focus out of the form.
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe(await tab.getByRole('radio', { name: /^Modal/ }).getAttribute('id'));
    // The preferences, on request.
    await tab.getByRole('button', { name: 'Preferences', exact: true }).click();
    await preview(tab).getByRole('dialog', { name: 'Privacy preferences' }).waitFor();
    expect(await tab.getByRole('button', { name: 'Preferences', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("should list the validator's errors and mark the fields they concern", async () => {
    const { context, tab, problems } = await open();
    // A cookie name with a space.
    const cookies = category(tab, 'analytics').getByLabel('Cookies to delete when refused (one per line)');
    await cookies.fill('_gid\n_ga x');
    const path = 'categories.analytics.cookies[1]';
    await tab.locator('#problems li', { hasText: path }).waitFor();
    expect(await tab.locator('#problems li').first().textContent()).toBe(path + ': expected a cookie name or /regex/, got "_ga x"');
    expect(await tab.locator('#problems-summary').textContent()).toContain('1 problem');
    expect(await cookies.getAttribute('aria-invalid')).toBe('true');
    const described = await cookies.evaluate(el =>
      (el.getAttribute('aria-describedby') || '').split(' ').map(id => document.getElementById(id)?.textContent).join(' | '),
    );
    expect(described).toContain('a cookie name or /regex/, got "_ga x"');
    expect(described).toContain(path);
    expect(await tab.locator('#preview-note').isVisible()).toBe(true);
    // Following the problem's link leads to the field.
    await tab.locator('#problems li a').first().click();
    expect(await cookies.evaluate(el => el === document.activeElement)).toBe(true);
    // Fixed: the error and the mark go.
    await cookies.fill('_gid\n_ga');
    await tab.locator('#problems-summary', { hasText: 'No problems' }).waitFor();
    expect(await cookies.getAttribute('aria-invalid')).toBeNull();

    // A category key with capitals.
    // (by id: the category's heading follows its key as it is typed)
    const key = tab.locator('#' + (await category(tab, 'marketing').getByLabel('Key', { exact: true }).getAttribute('id')));
    await key.fill('Marketing');
    await tab.locator('#problems li', { hasText: 'categories.Marketing' }).waitFor();
    expect(await tab.locator('#problems li').allTextContents()).toEqual([
      'categories.Marketing: expected a category key of lowercase letters, digits, - or _ (starting with a letter)',
    ]);
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await key.getAttribute('aria-describedby'))!.split(' ').pop()!;
    expect(await tab.locator('#' + errorId).textContent()).toContain('a category key of lowercase letters');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('should report no accessibility violation (axe-core, WCAG 2.2 AA), problems shown or not', async () => {
    const { context, tab } = await open();
    // axe is evaluated through the DevTools protocol: the page's CSP forbids adding it as a script.
    await tab.evaluate(AXE);
    const run = () =>
      tab.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        // The preview frame is the SDK's own UI, checked by test/browser/ui.test.ts.
        const r = await axe.run(
          { exclude: [['#preview']] },
          { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
        );
        return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
      });
    expect(await run()).toEqual([]);
    // With a category of one's own (its texts by language), a second language, and a problem.
    await tab.getByLabel('Add a category').selectOption({ label: 'A category of your own' });
    await tab.getByRole('button', { name: 'Add category' }).click();
    await category(tab, 'custom').getByRole('button', { name: /^Add a language/ }).click();
    await category(tab, 'analytics').getByLabel('Cookies to delete when refused (one per line)').fill('_ga x');
    await tab.locator('#problems li').first().waitFor();
    expect(await run()).toEqual([]);
    // Reflow: usable at 320 CSS pixels without scrolling sideways.
    await tab.setViewportSize({ width: 320, height: 640 });
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });

  it('should copy JSON that validates and, pasted into a page, shows the banner previewed', async () => {
    const { context, tab, problems } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    // A custom category with its texts, a service, the box layout, an accent colour, a title of our own.
    await tab.getByLabel('Add a category').selectOption({ label: 'A category of your own' });
    await tab.getByRole('button', { name: 'Add category' }).click();
    const key = tab.locator('#' + (await category(tab, 'custom').getByLabel('Key', { exact: true }).getAttribute('id')));
    await key.fill('partners');
    await key.press('Tab');
    const partners = category(tab, 'partners');
    await partners.getByLabel('Title', { exact: true }).fill('Our partners');
    await partners.getByLabel('Description', { exact: true }).fill('Lets partners show you their offers.');
    await partners.getByRole('button', { name: 'Add a service to partners' }).click();
    await partners.getByLabel('Name', { exact: true }).fill('Partner Network');
    await partners.getByRole('button', { name: 'Add a cookie to Partner Network' }).click();
    await partners.getByLabel('Cookie name').fill('_pn');
    await partners.getByLabel('Duration').fill('30 days');
    await partners.getByRole('checkbox', { name: /^ad_storage/ }).check();
    await tab.getByRole('radio', { name: /^Box/ }).check();
    await tab.getByLabel('Accent: buttons, links, switches', { exact: true }).fill('#0a7d34');
    await tab.getByLabel('banner.title', { exact: true }).fill('Cookies at the <Example> shop');
    await tab.locator('#problems-summary', { hasText: 'No problems' }).waitFor();
    await preview(tab).getByRole('heading', { name: 'Cookies at the <Example> shop' }).waitFor();
    await preview(tab).locator('.box').waitFor();

    // The copied JSON.
    await tab.getByRole('button', { name: 'Copy JSON' }).click();
    await tab.locator('#copy-status', { hasText: 'Copied' }).waitFor();
    const copied = await tab.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await tab.locator('#config-json').inputValue());
    const config = JSON.parse(copied);
    expect(config.ui).toEqual({ layout: 'box', floatingButton: true, theme: { '--consentry-accent': '#0a7d34' } });
    expect(config.categories.partners).toEqual({
      title: { en: 'Our partners' },
      description: { en: 'Lets partners show you their offers.' },
      consentMode: ['ad_storage'],
      services: [{ name: 'Partner Network', cookies: [{ name: '_pn', duration: '30 days' }] }],
    });
    expect(config.translations).toEqual({ en: { 'banner.title': 'Cookies at the <Example> shop' } });
    // Valid for the SDK's validator and for the JSON Schema the build ships.
    expect(validateConfig(config)).toEqual([]);
    const schema = JSON.parse(await readFile(join(process.cwd(), 'dist/consentry.schema.json'), 'utf8'));
    const check = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(check(config), JSON.stringify(check.errors)).toBe(true);

    // The copied snippet, pasted into a page.
    await tab.getByRole('button', { name: 'Copy snippet' }).click();
    const snippet = await tab.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toBe(await tab.locator('#config-snippet').inputValue());
    expect(snippet).toContain('Cookies at the \\u003cExample> shop');
    expect(snippet.endsWith('</script>\n<script src="/consentry/consentry.js"></script>')).toBe(true);
    site.route('/pasted.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title>' + snippet + '</head><body><p>A page.</p></body></html>');
    const pasted = await context.newPage();
    pasted.on('console', m => m.type() === 'error' && problems.push('pasted: ' + m.text()));
    await pasted.goto(site.origin + '/pasted.html');
    const root = pasted.locator('#consentry-root');
    await root.getByRole('button', { name: 'Accept all' }).waitFor();

    /** What both banners must share: layout, title, the accent colour of "Accept all", the categories listed. */
    const look = async (root: Locator) => ({
      layout: await firstLayer(root).getAttribute('class'),
      title: await root.locator('h2').first().textContent(),
      accent: await root.getByRole('button', { name: 'Accept all' }).evaluate(el => getComputedStyle(el).backgroundColor),
    });
    const previewed = await look(preview(tab));
    expect(previewed).toEqual({ layout: 'cd box', title: 'Cookies at the <Example> shop', accent: 'rgb(10, 125, 52)' });
    expect(await look(root)).toEqual(previewed);
    // And the same preferences: the custom category with its title.
    await root.getByRole('button', { name: 'Customize' }).click();
    await root.getByRole('dialog', { name: 'Privacy preferences' }).getByText('Our partners').waitFor();
    await tab.getByRole('button', { name: 'Preferences', exact: true }).click();
    await preview(tab).getByRole('dialog', { name: 'Privacy preferences' }).getByText('Our partners').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
