// Trusted Types (README, "Browser support"), in a real Chromium: on a page that sends `require-trusted-types-for
// 'script'`, a script's text and URL must come from a policy. The gate brings its own, named
// `consentry`; the site lists it in its `trusted-types` directive, as the README says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const CONFIG = {
  revision: 1,
  categories: {
    necessary: {},
    analytics: {},
    marketing: { services: [{ name: 'Ads', blocks: ['/vendor/pixel.js'] }] },
  },
};
const TAGS = `<script nonce="n0nce">window.ran = [];</script>
<script type="text/plain" data-consent="analytics" nonce="n0nce">ran.push('inline');</script>
<script type="text/plain" data-consent="analytics" nonce="n0nce" src="/tag.js"></script>
<script type="text/plain" data-consent="analytics" nonce="n0nce">ran.push('after');</script>`;
const csp = (trustedTypes: string) =>
  `script-src 'self' 'nonce-n0nce'; require-trusted-types-for 'script'; trusted-types ${trustedTypes}`;

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  server.route('/tag.js', "ran.push('external');");
  server.route('/vendor/pixel.js', "ran.push('pixel');");
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(path: string, body: string, policy: string, loader = 'consentry.js', hasDefault = false) {
  server.route(path, {
    body: html(CONFIG, body).replace('/consentry/consentry.js', '/consentry/' + loader),
    headers: { 'content-security-policy': csp(policy) },
  });
  const context = await browser.newContext();
  const tab = await context.newPage();
  const pageErrors: string[] = [];
  const logged: string[] = [];
  tab.on('pageerror', e => pageErrors.push(e.message));
  tab.on('console', m => logged.push(m.text()));
  await tab.goto(server.origin + path);
  await tab.waitForFunction(() => (window as any).consentry);
  // The page really enforces Trusted Types: a plain string into a script sink is refused (or, with a
  // default policy, a policy name outside the directive is).
  const enforced = await tab.evaluate(hasDefault => {
    try {
      if (hasDefault) (window as any).trustedTypes.createPolicy('unlisted', {});
      else document.createElement('script').text = '1';
      return false;
    } catch (e) {
      return e instanceof TypeError;
    }
  }, hasDefault);
  expect(enforced).toBe(true);
  return { context, tab, pageErrors, logged };
}

describe('a page that requires Trusted Types for scripts', () => {
  it('should run the gated inline and external tags in order once accepted, with the consentry policy', async () => {
    const { context, tab, pageErrors } = await visit('/tt', TAGS, 'consentry');
    expect(await tab.evaluate(() => (window as any).ran)).toEqual([]);
    // The banner and the preferences (a second lazily loaded chunk) draw under the policy too.
    const root = tab.locator('#consentry-root');
    await root.getByRole('button', { name: 'Customize' }).click();
    await tab.getByRole('dialog').waitFor();
    await root.getByRole('button', { name: 'Accept all' }).last().click();
    await tab.waitForFunction(() => (window as any).ran.includes('after'));
    expect(await tab.evaluate(() => (window as any).ran)).toEqual(['inline', 'external', 'after']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('should leave the tags inert and say why when the page does not allow the consentry policy', async () => {
    const { context, tab, pageErrors, logged } = await visit('/tt-refused', TAGS, 'other');
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    // Nothing ran: under Trusted Types a string the page did not vouch for never becomes a script.
    await tab.waitForTimeout(100);
    expect(await tab.evaluate(() => (window as any).ran)).toEqual([]);
    const said = logged.filter(l => l.startsWith('[consentry]'));
    expect(said.some(l => /Policy "consentry" disallowed/.test(l))).toBe(true);
    // Each tag was tried on its own: one refusal does not hold back the next.
    expect(said.some(l => /'text'/.test(l)) && said.some(l => /TrustedScriptURL/.test(l))).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("should hand the tags to the page's default policy when it has one instead", async () => {
    const DEFAULT = `<script nonce="n0nce">trustedTypes.createPolicy('default', { createScript: s => s, createScriptURL: s => s });</script>`;
    const { context, tab, pageErrors } = await visit('/tt-default', DEFAULT + TAGS, 'default', 'consentry.js', true);
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).ran.includes('after'));
    expect(await tab.evaluate(() => (window as any).ran)).toEqual(['inline', 'external', 'after']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('should hold a script a tag manager inserts with its own policy, and run it once granted', async () => {
    const TAG_MANAGER = `<script nonce="n0nce">window.ran = [];
      const tm = trustedTypes.createPolicy('tagmanager', { createScriptURL: s => s });
      const s = document.createElement('script');
      s.nonce = 'n0nce';
      s.src = tm.createScriptURL('/vendor/pixel.js');
      document.head.appendChild(s);
    </script>`;
    const { context, tab, pageErrors } = await visit('/tt-plus', TAG_MANAGER, 'consentry tagmanager');
    await tab.waitForTimeout(100);
    expect(await tab.evaluate(() => (window as any).ran)).toEqual([]);
    expect(server.hits('/vendor/pixel.js')).toBe(0);
    await tab.locator('#consentry-root').getByRole('button', { name: 'Accept all' }).click();
    await tab.waitForFunction(() => (window as any).ran.includes('pixel'));
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
