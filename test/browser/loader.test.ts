// The loader in a real Chromium against a real server: gating, order, stored consent,
// revocation, Consent Mode, GPC, invalid configuration, double inclusion, remote configuration.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../_util/chromium';
import { page as html, startServer, type TestServer } from '../_util/server';

const require = createRequire(import.meta.url);

const CONFIG = {
  revision: 1,
  privacyPolicyUrl: '/privacy',
  categories: {
    necessary: { required: true },
    analytics: { cookies: ['_gid', '/^_ga/'], consentMode: ['analytics_storage'] },
    marketing: {
      cookies: ['_fbp'],
      consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'],
      optOutOnGPC: true,
    },
  },
};

// A slow external tag, then inline tags after it: the inline ones must still run after it.
const TAGS = `
<script>window.ran = [];</script>
<script type="text/plain" data-consent="necessary">ran.push('necessary');</script>
<script type="text/plain" data-consent="analytics" src="/tags/slow.js" id="slow" data-extra="kept" crossorigin="anonymous"></script>
<script type="text/plain" data-consent="analytics">ran.push('inline-analytics'); document.cookie = '_gid=2; path=/';</script>
<script type="text/plain" data-consent="marketing">ran.push('marketing'); document.cookie = '_fbp=3; path=/';</script>
<script type="text/plain" data-consent="analytics marketing">ran.push('both');</script>
<img data-consent="marketing" data-src="/tags/pixel.gif" alt="">
<iframe data-consent="marketing" data-src="/tags/frame.html" title="Video"></iframe>
<a href="#" data-consentry-open>Cookie settings</a>`;

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
let tab: Page;
let logs: string[];

const origin = () => server.origin;
/** Opens a page and waits until the configuration is validated: the `necessary` tag has run. */
async function open(path = '/', validated = true): Promise<void> {
  await tab.goto(origin() + path);
  await tab.waitForFunction(() => (window as any).consentry);
  if (validated) await tab.waitForFunction(() => (window as any).ran?.includes('necessary'));
}
const ran = () => tab.evaluate(() => (window as any).ran as string[]);
const cookieNames = async () => (await context.cookies()).map(c => c.name).sort();
const settle = () => tab.waitForLoadState('networkidle');

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  server.route('/tags/slow.js', { body: "ran.push('slow'); document.cookie = '_ga=1; path=/';", delay: 400 });
  server.route('/tags/pixel.gif', { body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
  server.route('/tags/frame.html', '<p>video</p>');
  server.route('/', html(CONFIG, TAGS));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  tab = await context.newPage();
  logs = [];
  tab.on('console', m => logs.push(m.type() + ': ' + m.text()));
  server.requests.length = 0;
});

describe('before a decision', () => {
  it('should run no gated tag, load no gated resource and set no cookie', async () => {
    await open();
    await settle();
    expect(await ran()).toEqual(['necessary']);
    expect(server.hits('/tags/')).toBe(0);
    expect(await cookieNames()).toEqual([]);
    expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBeUndefined();
    expect(await tab.evaluate(() => (window as any).consentry.state.decided)).toBe(false);
  });

  it('should record no consent from scrolling, clicking or navigating (EDPB-10)', async () => {
    await open();
    await tab.mouse.wheel(0, 500);
    await tab.click('body');
    await open('/?page=2');
    await settle();
    expect(await ran()).toEqual(['necessary']);
    expect(server.hits('/tags/')).toBe(0);
  });
});

describe('acceptAll()', () => {
  it('should run every gated tag once, in document order, a slow external one first', async () => {
    await open();
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.length >= 5);
    expect(await ran()).toEqual(['necessary', 'slow', 'inline-analytics', 'marketing', 'both']);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await settle();
    expect(await ran()).toEqual(['necessary', 'slow', 'inline-analytics', 'marketing', 'both']);
    expect(server.hits('/tags/slow.js')).toBe(1);
    expect(server.hits('/tags/pixel.gif')).toBe(1);
    expect(server.hits('/tags/frame.html')).toBe(1);
  });

  it('should keep the original attributes on the activated script', async () => {
    await open();
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.includes('slow'));
    const attrs = await tab.evaluate(() => {
      const s = document.getElementById('slow') as HTMLScriptElement;
      return { type: s.type, extra: s.dataset.extra, consent: s.dataset.consent, crossOrigin: s.crossOrigin, count: document.querySelectorAll('#slow').length };
    });
    expect(attrs).toEqual({ type: '', extra: 'kept', consent: 'analytics', crossOrigin: 'anonymous', count: 1 });
  });

  it('should store the decision in a first-party cookie with the contract attributes', async () => {
    await open();
    const before = Date.now() / 1000;
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    const cookie = (await context.cookies()).find(c => c.name === 'consentry')!;
    expect(cookie).toBeTruthy();
    expect(cookie.path).toBe('/');
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.httpOnly).toBe(false);
    expect(cookie.secure).toBe(false);
    expect(cookie.expires).toBeGreaterThan(before + 182 * 86400 - 60);
    expect(cookie.expires).toBeLessThan(before + 182 * 86400 + 60);
    expect(('consentry=' + cookie.value).length).toBeLessThanOrEqual(200);
    const state = await tab.evaluate(() => (window as any).consentry.state);
    expect(cookie.value).toContain(state.consentId);
  });
});

describe('a returning visitor', () => {
  it('should run the granted tags on the next page without requesting any other consentry file', async () => {
    await open();
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true, marketing: false }));
    await tab.waitForFunction(() => (window as any).ran.includes('slow'));
    await settle();
    server.requests.length = 0;
    await open('/?again');
    await tab.waitForFunction(() => (window as any).ran.length >= 3);
    await settle();
    expect(await ran()).toEqual(['necessary', 'slow', 'inline-analytics']);
    const consentryFiles = server.requests.filter(r => r.path.startsWith('/consentry/')).map(r => r.path);
    expect(consentryFiles).toEqual(['/consentry/consentry.js']);
    expect(await tab.evaluate(() => (window as any).consentry.get('marketing'))).toBe(false);
    expect(server.hits('/tags/pixel.gif')).toBe(0);
  });

  it('should ask again when the revision is raised', async () => {
    await open();
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    server.route('/rev2', html({ ...CONFIG, revision: 2 }, TAGS));
    await open('/rev2');
    await settle();
    expect(await tab.evaluate(() => (window as any).consentry.state.decided)).toBe(false);
    expect(await ran()).toEqual(['necessary']);
  });

  it('should treat a tampered cookie as no decision', async () => {
    await open();
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    const cookie = (await context.cookies()).find(c => c.name === 'consentry')!;
    // Flip the choices field to "everything granted".
    const parts = cookie.value.split('.');
    parts[4] = '7';
    await context.addCookies([{ ...cookie, value: parts.join('.') }]);
    await open('/?tampered');
    await settle();
    expect(await tab.evaluate(() => (window as any).consentry.state.decided)).toBe(false);
    expect(await ran()).toEqual(['necessary']);
  });
});

describe('rejectAll() and withdraw()', () => {
  it('should run nothing and clear the refused categories\' cookies on rejectAll', async () => {
    await context.addCookies(['_ga', '_ga_XYZ', '_gid', '_fbp', 'session'].map(name => ({ name, value: '1', url: origin() })));
    await open();
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    await settle();
    expect(await ran()).toEqual(['necessary']);
    expect(server.hits('/tags/')).toBe(0);
    expect(await cookieNames()).toEqual(['consentry', 'session']);
  });

  it('should stop nothing already run but clear cookies and run nothing more on withdraw', async () => {
    await open();
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.length >= 5);
    await settle();
    expect(await cookieNames()).toEqual(['_fbp', '_ga', '_gid', 'consentry']);
    const id = await tab.evaluate(() => (window as any).consentry.state.consentId);
    await tab.evaluate(() => (window as any).consentry.withdraw());
    await tab.waitForFunction(() => (window as any).consentry.get('analytics') === false);
    expect(await cookieNames()).toEqual(['consentry']);
    expect(await tab.evaluate(() => (window as any).consentry.state.consentId)).toBe(id);
    await open('/?after-withdraw');
    await settle();
    expect(await ran()).toEqual(['necessary']);
  });

  it('should clear cookies set on the parent domain too', async () => {
    server.route('/', html(CONFIG, TAGS));
    const port = new URL(origin()).port;
    const site = 'http://www.consentry.test:' + port;
    await context.addCookies([
      { name: '_ga', value: 'parent', domain: '.consentry.test', path: '/' },
      { name: '_gid', value: 'host', domain: 'www.consentry.test', path: '/' },
    ]);
    await tab.goto(site + '/');
    await tab.waitForFunction(() => (window as any).ran?.includes('necessary'));
    await tab.evaluate(() => (window as any).consentry.rejectAll());
    await tab.waitForFunction(() => (window as any).consentry.state.decided);
    expect((await context.cookies()).map(c => c.name).sort()).toEqual(['consentry']);
  });
});

describe('Google Consent Mode v2', () => {
  const GTM = `<script>window.seenByGtm = dataLayer.map(e => [Object.prototype.toString.call(e), ...Array.from(e)]);</script>`;
  const TAG = `<script>window.ran = [];</script><script type="text/plain" data-consent="necessary">ran.push('necessary')</script><script type="text/plain" data-consent="analytics">window.seenByTag = dataLayer.filter(e => e[0] === 'consent').map(e => e[1] + ':' + e[2].analytics_storage);</script>`;

  it('should push the default before any other script, as an arguments object, and update before tags run', async () => {
    server.route('/gcm', html(CONFIG, TAG, GTM));
    await open('/gcm');
    const seen = await tab.evaluate(() => (window as any).seenByGtm);
    expect(seen).toEqual([
      [
        '[object Arguments]',
        'consent',
        'default',
        { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', wait_for_update: 500 },
      ],
    ]);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).seenByTag);
    expect(await tab.evaluate(() => (window as any).seenByTag)).toEqual(['default:denied', 'update:granted']);
    const last = await tab.evaluate(() => (window as any).dataLayer.at(-1));
    expect(last).toEqual({ event: 'consentry_change', consentry: { necessary: 'granted', analytics: 'granted', marketing: 'granted' } });
  });

  it('should push default then update from the stored decision on every page, before the tags', async () => {
    server.route('/gcm', html(CONFIG, TAG, GTM));
    await open('/gcm');
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    await tab.waitForFunction(() => (window as any).seenByTag);
    await open('/gcm?again');
    const seen = await tab.evaluate(() => (window as any).seenByGtm.map((e: unknown[]) => [e[0], e[1], e[2], e[3]]));
    expect(seen[0].slice(0, 3)).toEqual(['[object Arguments]', 'consent', 'default']);
    expect(seen[1]).toEqual([
      '[object Arguments]',
      'consent',
      'update',
      { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
    ]);
    await tab.waitForFunction(() => (window as any).seenByTag);
    expect(await tab.evaluate(() => (window as any).seenByTag)).toEqual(['default:denied', 'update:granted']);
  });
});

describe('Global Privacy Control', () => {
  it('should keep optOutOnGPC categories refused through acceptAll, and grant them on an explicit set', async () => {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
    );
    await open();
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.includes('inline-analytics'));
    await settle();
    expect(await tab.evaluate(() => (window as any).consentry.state.choices)).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(await ran()).toEqual(['necessary', 'slow', 'inline-analytics']);
    await tab.evaluate(() => (window as any).consentry.set({ marketing: true }));
    await tab.waitForFunction(() => (window as any).ran.includes('both'));
    expect(await ran()).toEqual(['necessary', 'slow', 'inline-analytics', 'marketing', 'both']);
  });
});

describe('an invalid configuration', () => {
  it('should report the bad field once and refuse everything, even after acceptAll', async () => {
    const bad = { ...CONFIG, categories: { ...CONFIG.categories, analytics: { cookies: ['_ga', 42] } } };
    server.route('/bad', html(bad, TAGS));
    await open('/bad', false);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await settle();
    await tab.waitForTimeout(200);
    const errors = logs.filter(l => l.startsWith('error: [consentry]'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('categories.analytics.cookies[1]');
    expect(await ran()).toEqual([]);
    expect(server.hits('/tags/')).toBe(0);
    expect(await cookieNames()).toEqual([]);
    expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(false);
  });

  it('should fail closed on configuration text that is not JSON', async () => {
    server.route('/broken', html(CONFIG, TAGS).replace('"revision":1', '"revision":1,,'));
    await open('/broken', false);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await settle();
    expect(logs.some(l => l.includes('[consentry] configuration is not JSON'))).toBe(true);
    expect(await ran()).toEqual([]);
    expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(false);
  });
});

describe('the loader included twice', () => {
  it('should leave one instance and run each tag once', async () => {
    server.route('/twice', html(CONFIG, TAGS, '<script src="/consentry/consentry.js"></script>'));
    await open('/twice');
    const first = await tab.evaluateHandle(() => (window as any).consentry);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await tab.waitForFunction(() => (window as any).ran.length >= 5);
    await settle();
    expect(await ran()).toEqual(['necessary', 'slow', 'inline-analytics', 'marketing', 'both']);
    expect(await tab.evaluate(f => f === (window as any).consentry, first)).toBe(true);
    expect(logs.some(l => l.startsWith('warning: [consentry]'))).toBe(true);
  });
});

describe('data-config', () => {
  it('should fetch the configuration from the URL on the loader', async () => {
    server.route('/remote-config.json', { body: JSON.stringify(CONFIG), type: 'application/json' });
    server.route(
      '/remote',
      '<!doctype html><html><head><script src="/consentry/consentry.js" data-config="/remote-config.json"></script></head><body>' + TAGS + '</body></html>',
    );
    await open('/remote');
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    await tab.waitForFunction(() => (window as any).ran.includes('inline-analytics'));
    await settle();
    expect(await ran()).toEqual(['necessary', 'slow', 'inline-analytics']);
  });

  // Automatic blocking needs the inline configuration: the HTML before a fetched one has run already.
  it('should refuse a fetched configuration whose services list blocks, and say why', async () => {
    const withBlocks = { ...CONFIG, categories: { ...CONFIG.categories, marketing: { services: [{ name: 'Ads', blocks: ['ads.example/pixel.js'] }] } } };
    server.route('/remote-blocks.json', { body: JSON.stringify(withBlocks), type: 'application/json' });
    server.route(
      '/remote-blocks',
      '<!doctype html><html><head><script src="/consentry/consentry.js" data-config="/remote-blocks.json"></script></head><body>' + TAGS + '</body></html>',
    );
    await open('/remote-blocks', false);
    await tab.waitForFunction(() => (window as any).consentry?.get('analytics') === false);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await settle();
    const errors = logs.filter(l => l.startsWith('error: [consentry]'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('categories.marketing.services[0].blocks: expected no blocks in a configuration fetched by data-config');
    expect(await ran()).toEqual([]);
    expect(await tab.evaluate(() => (window as any).consentry.get('analytics'))).toBe(false);
  });
});

describe('debug: true', () => {
  it('should print the audit on load and after each decision, with consentry.js too', async () => {
    server.route('/debug', html({ ...CONFIG, debug: true }, TAGS));
    await open('/debug', false);
    await tab.waitForFunction(() => (window as any).consentry.get('analytics') === undefined);
    const audits = () => logs.filter(l => l.startsWith('info: [consentry] audit:'));
    await expect.poll(audits, { timeout: 10000 }).toHaveLength(1);
    expect(logs.some(l => l.startsWith('table:'))).toBe(true);
    await tab.evaluate(() => (window as any).consentry.acceptAll());
    await expect.poll(audits, { timeout: 10000 }).toHaveLength(2);
  });
});

describe('gated elements added later', () => {
  it('should activate a gated script a tag manager inserts after the decision, and never one still refused', async () => {
    await open();
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    await tab.waitForFunction(() => (window as any).ran.includes('inline-analytics'));
    await tab.evaluate(() => {
      for (const cat of ['analytics', 'marketing']) {
        const s = document.createElement('script');
        s.type = 'text/plain';
        s.dataset.consent = cat;
        s.text = "ran.push('late-" + cat + "')";
        document.body.appendChild(s);
      }
    });
    await tab.waitForFunction(() => (window as any).ran.includes('late-analytics'));
    await tab.waitForTimeout(100);
    expect((await ran()).filter(r => r.startsWith('late'))).toEqual(['late-analytics']);
  });
});

describe('[data-consentry-open]', () => {
  it('should open the preferences on click', async () => {
    await open();
    await tab.evaluate(() => {
      (window as any).shown = 0;
      (window as any).consentry.on('show', () => (window as any).shown++);
    });
    await tab.click('[data-consentry-open]');
    await tab.waitForFunction(() => (window as any).shown > 0);
  });
});

describe('attributes that the browser enforces', () => {
  const TAG_JS = "ran.push('sri');";
  const sri = 'sha384-' + require('node:crypto').createHash('sha384').update(TAG_JS).digest('base64');

  it('should keep the nonce, so a gated inline script runs under a nonce-based CSP', async () => {
    const body = `<script nonce="n0nce">window.ran = [];</script>
<script type="text/plain" data-consent="necessary" nonce="n0nce">ran.push('necessary');</script>
<script type="text/plain" data-consent="analytics" nonce="n0nce">ran.push('with-nonce');</script>
<script type="text/plain" data-consent="analytics">ran.push('without-nonce');</script>
<script type="text/plain" data-consent="analytics" nonce="n0nce">ran.push('after');</script>`;
    server.route('/csp', {
      body: html(CONFIG, body),
      headers: { 'content-security-policy': "script-src 'self' 'nonce-n0nce'" },
    });
    await open('/csp');
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    await tab.waitForFunction(() => (window as any).ran.includes('after'));
    expect(await ran()).toEqual(['necessary', 'with-nonce', 'after']);
  });

  it('should keep integrity: a matching hash runs, a wrong one is refused and does not hold back the next tag', async () => {
    server.route('/tags/sri.js', TAG_JS);
    server.route('/tags/sri-bad.js', "ran.push('tampered');");
    server.route('/tags/module.js', "ran.push('module:' + typeof import.meta);");
    const body = `<script>window.ran = [];</script>
<script type="text/plain" data-consent="necessary">ran.push('necessary');</script>
<script type="text/plain" data-consent="analytics" src="/tags/sri.js" integrity="${sri}" crossorigin="anonymous"></script>
<script type="text/plain" data-consent="analytics" src="/tags/sri-bad.js" integrity="${sri}" crossorigin="anonymous"></script>
<script type="text/plain" data-consent="analytics" data-type="module" src="/tags/module.js"></script>
<script type="text/plain" data-consent="analytics">ran.push('last');</script>`;
    server.route('/sri', html(CONFIG, body));
    await open('/sri');
    await tab.evaluate(() => (window as any).consentry.set({ analytics: true }));
    await tab.waitForFunction(() => (window as any).ran.includes('last'));
    expect(await ran()).toEqual(['necessary', 'sri', 'module:object', 'last']);
  });
});

describe('Subresource Integrity', () => {
  it('should run with the integrity hash from dist/sri.json, and be refused with a wrong one', async () => {
    const sri = JSON.parse(require('node:fs').readFileSync('dist/sri.json', 'utf8'))['consentry.js'];
    const tag = (hash: string) => '<script src="/consentry/consentry.js" integrity="' + hash + '" crossorigin="anonymous"></script>';
    server.route('/sri-ok', html(CONFIG, TAGS).replace('<script src="/consentry/consentry.js"></script>', tag(sri)));
    server.route('/sri-bad', html(CONFIG, TAGS).replace('<script src="/consentry/consentry.js"></script>', tag('sha384-' + 'A'.repeat(64))));
    await open('/sri-ok');
    await tab.goto(server.origin + '/sri-bad');
    await settle();
    expect(await tab.evaluate(() => typeof (window as any).consentry)).toBe('undefined');
    expect(await ran()).toEqual([]);
  });
});
