// The banner and the preferences in a real Chromium: what only a browser can show.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'";
const config = (layout: string, extra: Record<string, unknown> = {}) => ({
  revision: 1,
  privacyPolicyUrl: '/privacy',
  categories: {
    necessary: { required: true },
    analytics: {
      cookies: ['/^_ga/'],
      services: [{ name: 'Analytics', provider: 'Example Inc.', purpose: 'Counts visits', cookies: [{ name: '_ga', duration: '13 months' }] }],
    },
    marketing: { optOutOnGPC: true },
  },
  ui: { layout },
  ...extra,
});
const BODY =
  '<main><h1>Shop</h1>' +
  Array.from({ length: 30 }, (_, i) => `<p>Paragraph ${i} <a href="#p${i}">link ${i}</a></p>`).join('') +
  '</main>';

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  for (const layout of ['bar', 'box', 'modal']) {
    server.route('/' + layout, { body: html(config(layout), BODY), headers: { 'content-security-policy': STRICT_CSP } });
    server.route('/axe-' + layout, html(config(layout), BODY));
  }
  server.route('/hostile.css', {
    type: 'text/css',
    body: '*{color:red!important;background:yellow!important;font-size:3px!important;line-height:1!important;opacity:.4!important;visibility:visible}div,section,button,p,h2{display:none!important;padding:0!important}',
  });
  server.route('/hostile', html(config('bar'), BODY, '<link rel="stylesheet" href="/hostile.css">'));
  server.route('/xss', html({
    ...config('bar'),
    categories: { necessary: {}, partners: { title: { en: '<img src=x onerror="window.pwned=1">Partners' }, description: { en: '<b>bold</b>' } } },
    translations: { en: { 'banner.title': '<script>window.pwned=1</script>Cookies?' } },
  }, BODY));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; tab: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on('console', m => (m.type() === 'error' || /Content Security Policy|Refused/.test(m.text())) && problems.push(m.text()));
  tab.on('pageerror', e => problems.push(e.message));
  await tab.goto(server.origin + path);
  await tab.getByRole('button', { name: 'Reject all' }).waitFor();
  return { context, tab, problems };
}

/** Relative luminance contrast of two `rgb(...)` colours (WCAG 2). */
const contrast = (a: string, b: string): number => {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map(Number).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

/** Computed look of a control, with the background it is drawn on. */
async function look(tab: Page, name: string) {
  const button = tab.getByRole('button', { name, exact: true }).first();
  const box = (await button.boundingBox())!;
  const style = await button.evaluate(el => {
    const s = getComputedStyle(el);
    let bg = s.backgroundColor;
    for (let n: Element | null = el; n && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); ) {
      n = n.parentElement || ((n.getRootNode() as ShadowRoot).host ?? null);
      if (n) bg = getComputedStyle(n).backgroundColor;
    }
    return { tag: el.tagName, className: el.className, color: s.color, background: bg, fontSize: s.fontSize, fontWeight: s.fontWeight, fontFamily: s.fontFamily, border: s.borderTopWidth + ' ' + s.borderTopColor };
  });
  return { ...style, width: Math.round(box.width), height: Math.round(box.height) };
}

describe('the first layer', () => {
  for (const scheme of ['light', 'dark'] as const)
    it(`should give "accept all" and "reject all" the same element, size, colours and weight, readable (${scheme})`, async () => {
      const { context, tab, problems } = await open('/bar', { colorScheme: scheme });
      const accept = await look(tab, 'Accept all');
      const reject = await look(tab, 'Reject all');
      expect(reject).toEqual(accept);
      expect(accept.tag).toBe('BUTTON');
      expect(accept.height).toBeGreaterThanOrEqual(44);
      expect(contrast(accept.color, accept.background)).toBeGreaterThanOrEqual(4.5);
      // The first layer offers exactly one accept control and one refuse control (CNIL-4), plus customize and ×.
      expect(await tab.getByRole('button', { name: /^accept/i }).count()).toBe(1);
      expect(await tab.getByRole('button', { name: 'Continue without accepting' }).count()).toBe(1);
      expect(await tab.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy');
      expect(problems).toEqual([]);
      await context.close();
    });

  it('should refuse everything with the × ("continue without accepting")', async () => {
    const { context, tab } = await open('/bar');
    await tab.getByRole('button', { name: 'Continue without accepting' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    expect(await tab.evaluate(() => (window as any).consentry.state.choices)).toEqual({ necessary: true, analytics: false, marketing: false });
    expect(await tab.getByRole('button', { name: 'Reject all' }).count()).toBe(0);
    await context.close();
  });

  it('should not block the page in the bar and box layouts, and cover it in the modal layout', async () => {
    for (const [layout, blocks] of [['bar', false], ['box', false], ['modal', true]] as const) {
      const { context, tab } = await open('/' + layout);
      const onTop = await tab.evaluate(() => document.elementFromPoint(20, 20)?.tagName);
      expect(onTop === 'DIV', layout).toBe(blocks); // the backdrop lives in #consentry-root, a div
      if (layout === 'modal') expect(await tab.getByRole('dialog').count()).toBe(1);
      await context.close();
    }
  });

  it('should say that the browser\'s Global Privacy Control signal was honoured, as a status', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const tab = await context.newPage();
    await tab.goto(server.origin + '/bar');
    const status = tab.getByRole('status').filter({ hasText: 'Global Privacy Control' });
    await status.waitFor();
    expect(await status.isVisible()).toBe(true);
    await tab.getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    expect(await tab.evaluate(() => (window as any).consentry.get('marketing'))).toBe(false);
    await context.close();
  });

  it('should cause no layout shift and need no horizontal scrolling at 320 px', async () => {
    const { context, tab } = await open('/bar', { viewport: { width: 320, height: 640 } });
    await tab.waitForTimeout(300);
    const cls = await tab.evaluate(
      () =>
        new Promise<number>(done => {
          let sum = 0;
          new PerformanceObserver(list => {
            for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) sum += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => done(sum), 200);
        }),
    );
    expect(cls).toBe(0);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    for (const name of ['Accept all', 'Reject all', 'Customize', 'Continue without accepting']) {
      const box = (await tab.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(320);
      expect(box.width >= 24 && box.height >= 24, name).toBe(true);
    }
    await context.close();
  });

  it('should not let the bar hide a page element that receives focus (A11Y-7)', async () => {
    const { context, tab } = await open('/bar', { viewport: { width: 800, height: 600 } });
    const bar = (await tab.locator('#consentry-root section').boundingBox())!;
    for (let i = 0; i < 30; i++) {
      await tab.keyboard.press('Tab');
      const r = await tab.evaluate(() => {
        const el = document.activeElement!;
        if (!el.closest('main')) return null;
        const b = el.getBoundingClientRect();
        return { top: b.top, bottom: b.bottom };
      });
      if (!r) break;
      expect(r.top, 'focused link ' + i).toBeLessThan(bar.y); // at least partly above the bar
    }
    await tab.getByRole('button', { name: 'Reject all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await tab.waitForFunction(() => document.documentElement.style.scrollPaddingBottom === '');
    await context.close();
  });

  it('should stay intact under hostile host-page CSS', async () => {
    const { context, tab } = await open('/hostile');
    const accept = await look(tab, 'Accept all');
    expect(accept.height).toBeGreaterThanOrEqual(44);
    expect(parseFloat(accept.fontSize)).toBeGreaterThanOrEqual(14);
    expect(accept.color).not.toBe('rgb(255, 0, 0)');
    expect(await tab.getByRole('button', { name: 'Reject all' }).isVisible()).toBe(true);
    expect(await tab.evaluate(() => getComputedStyle(document.getElementById('consentry-root')!).opacity)).toBe('1');
    await context.close();
  });

  it('should render configuration texts as text, never as HTML', async () => {
    const { context, tab } = await open('/xss');
    await tab.getByRole('button', { name: 'Customize' }).click();
    await tab.getByRole('dialog').waitFor();
    expect(await tab.getByText('<script>window.pwned=1</script>Cookies?').count()).toBe(1);
    expect(await tab.getByText('<img src=x onerror="window.pwned=1">Partners').count()).toBe(1);
    expect(await tab.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(await tab.locator('#consentry-root img').count()).toBe(0);
    await context.close();
  });
});

describe('the preferences', () => {
  it('should be reachable and usable with the keyboard alone, keep focus inside, and give it back on Escape', async () => {
    const { context, tab } = await open('/bar');
    // Tab through the page into the banner (it comes last in the document).
    const names: string[] = [];
    for (let i = 0; i < 40 && names.length < 5; i++) {
      await tab.keyboard.press('Tab');
      const name = await tab.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el && el.closest('main') ? null : el?.getAttribute('aria-label') || el?.textContent?.trim() || null;
      });
      if (name) names.push(name);
    }
    expect(names).toEqual(['Continue without accepting', 'Privacy policy', 'Accept all', 'Reject all', 'Customize']);
    // A visible focus indicator on the focused control.
    expect(await tab.getByRole('button', { name: 'Customize' }).evaluate(el => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await tab.keyboard.press('Enter');
    const dialog = tab.getByRole('dialog', { name: 'Privacy preferences' });
    await dialog.waitFor();
    // No pre-ticked box: necessary checked and disabled, every other switch off.
    const switches = dialog.getByRole('switch');
    expect(await switches.count()).toBe(3);
    expect(await switches.evaluateAll(els => els.map(e => [(e as HTMLInputElement).checked, (e as HTMLInputElement).disabled]))).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    // Focus stays inside through many Tabs.
    for (let i = 0; i < 25; i++) {
      await tab.keyboard.press('Tab');
      expect(await dialog.evaluate(d => d.contains((d.getRootNode() as ShadowRoot).activeElement))).toBe(true);
    }
    // Space toggles the analytics switch; nothing is decided until Save.
    await dialog.getByRole('switch', { name: 'Analytics' }).focus();
    await tab.keyboard.press('Space');
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true);
    expect(await tab.evaluate(() => (window as any).consentry.state.decided)).toBe(false);
    await tab.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const back = await tab.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.textContent;
    });
    expect(back).toBe('Customize');
    // Save through the keyboard.
    await tab.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('switch', { name: 'Analytics' }).focus();
    await tab.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Save my choices' }).focus();
    await tab.keyboard.press('Enter');
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    expect(await tab.evaluate(() => (window as any).consentry.state.choices)).toEqual({ necessary: true, analytics: true, marketing: false });
    await context.close();
  });

  it('should list services and cookies, and after a decision show its date, the consent id and a withdraw button', async () => {
    const { context, tab } = await open('/bar');
    await tab.getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await tab.getByRole('button', { name: 'Cookie settings' }).click();
    const dialog = tab.getByRole('dialog', { name: 'Privacy preferences' });
    await dialog.waitFor();
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true);
    await dialog.getByText('Services and cookies').click();
    expect(await dialog.getByRole('cell', { name: '_ga', exact: true }).isVisible()).toBe(true);
    expect(await dialog.getByText('Example Inc.').isVisible()).toBe(true);
    const id = await tab.evaluate(() => (window as any).consentry.state.consentId);
    expect(await dialog.getByText(id).isVisible()).toBe(true);
    expect(await dialog.getByText(/You made your choices on/).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Withdraw my consent' }).click();
    await tab.waitForFunction(() => (window as any).consentry.get('analytics') === false);
    await context.close();
  });
});

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const layout of ['bar', 'box', 'modal'])
    for (const scheme of ['light', 'dark'] as const)
      it(`should report no violation on the ${layout} banner and the preferences (${scheme})`, async () => {
        const { context, tab } = await open('/axe-' + layout, { colorScheme: scheme });
        await tab.addScriptTag({ content: AXE });
        const run = () =>
          tab.evaluate(async () => {
            const r = await (window as any).axe.run(document.getElementById('consentry-root'), {
              runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            });
            return r.violations.map((v: any) => v.id + ': ' + v.nodes.map((n: any) => n.target.join(' ')).join(', '));
          });
        expect(await run()).toEqual([]);
        await tab.getByRole('button', { name: 'Customize' }).click();
        await tab.getByRole('dialog', { name: 'Privacy preferences' }).waitFor();
        expect(await run()).toEqual([]);
        await context.close();
      });
});
