// What the loader draws itself (contract §9): the gated iframe's placeholder and the floating
// button, in a real Chromium, under a strict CSP and hostile host CSS; and a returning visitor on
// such a page downloads nothing but the loader.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const CONFIG = {
  revision: 1,
  categories: { necessary: {}, analytics: {}, marketing: {} },
  ui: { floatingButton: true },
};
// A page's careless global rules: they must not hide, resize or recolour what consentry draws.
const HOSTILE_CSS = `div,span,button{display:none!important;color:red!important;font-size:2px!important;width:1px!important;height:1px!important;background:red!important}`;
const BODY = `<p>Article</p>
<iframe data-consent="marketing" data-src="/frame.html" title="Demo video" width="480" height="270"></iframe>
<p>After</p>`;

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
let tab: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  server.route('/frame.html', '<p>video</p>');
  server.route('/hostile.css', { body: HOSTILE_CSS, type: 'text/css' });
  server.route('/', {
    body: html(CONFIG, BODY, '<link rel="stylesheet" href="/hostile.css">'),
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  tab = await context.newPage();
  problems = [];
  tab.on('console', m => (m.type() === 'error' || m.text().includes('Content Security Policy')) && problems.push(m.text()));
  server.requests.length = 0;
});


describe('the gated iframe placeholder', () => {
  it('should take the iframe\'s place and size, survive hostile CSS, and load the iframe when its button is used', async () => {
    await tab.goto(server.origin + '/');
    await tab.waitForFunction(() => document.querySelector('iframe')?.previousElementSibling?.shadowRoot);
    const box = await tab.evaluate(() => {
      const host = document.querySelector('iframe')!.previousElementSibling as HTMLElement;
      const r = host.getBoundingClientRect();
      const button = host.shadowRoot!.querySelector('button')!;
      const b = button.getBoundingClientRect();
      return {
        width: r.width,
        height: r.height,
        iframeShown: getComputedStyle(document.querySelector('iframe')!).display !== 'none',
        text: host.shadowRoot!.textContent,
        label: button.getAttribute('aria-label'),
        buttonSize: [b.width >= 24, b.height >= 44],
        colour: getComputedStyle(button).color,
      };
    });
    expect(box).toEqual({
      width: 480,
      height: 270,
      iframeShown: false,
      text: 'This content is from another site, which may set cookies.Allow and load',
      label: 'Allow and load: Demo video',
      buttonSize: [true, true],
      colour: 'rgb(255, 255, 255)',
    });
    expect(server.hits('/frame.html')).toBe(0);
    await tab.getByRole('button', { name: 'Allow and load: Demo video' }).click();
    await tab.waitForFunction(() => (window as any).consentry.get('marketing') === true);
    await tab.waitForLoadState('networkidle');
    expect(server.hits('/frame.html')).toBe(1);
    expect(await tab.evaluate(() => document.querySelector('iframe')!.previousElementSibling?.tagName)).toBe('P');
    expect(await tab.evaluate(() => (window as any).consentry.state.choices)).toEqual({ necessary: true, analytics: false, marketing: true });
    expect(problems).toEqual([]);
  });
});

describe('a returning visitor on a page with a refused iframe and the floating button', () => {
  it('should download nothing but the loader, and see the placeholder and the floating button', async () => {
    await tab.goto(server.origin + '/');
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await tab.waitForLoadState('networkidle');
    server.requests.length = 0;

    await tab.goto(server.origin + '/?next');
    await tab.waitForLoadState('networkidle');
    expect(server.requests.filter(r => r.path.startsWith('/consentry/')).map(r => r.path)).toEqual(['/consentry/consentry.js']);
    const fab = tab.getByRole('button', { name: 'Cookie settings' });
    await fab.waitFor();
    const box = (await fab.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(await tab.getByRole('button', { name: 'Allow and load: Demo video' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('should show no floating button before a decision, nor when the configuration turns it off', async () => {
    await tab.goto(server.origin + '/');
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.waitForLoadState('networkidle');
    expect(await tab.getByRole('button', { name: 'Cookie settings' }).count()).toBe(0);
    server.route('/nofab', html({ ...CONFIG, ui: { floatingButton: false } }, BODY));
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await tab.goto(server.origin + '/nofab');
    await tab.waitForLoadState('networkidle');
    expect(await tab.getByRole('button', { name: 'Cookie settings' }).count()).toBe(0);
  });
});

describe('accessibility of what the loader draws (axe-core)', () => {
  it('should report no violation on the placeholder and the floating button', async () => {
    server.route('/plain', html(CONFIG, BODY));
    await tab.goto(server.origin + '/plain');
    await tab.waitForFunction(() => (window as any).consentry);
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    await tab.getByRole('button', { name: 'Cookie settings' }).waitFor();
    await tab.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
    const violations = await tab.evaluate(async () => {
      const r = await (window as any).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return r.violations.map((v: any) => v.id + ': ' + v.nodes.map((n: any) => n.target.join(' ')).join(', '));
    });
    expect(violations).toEqual([]);
  });
});
