// The JavaScript API (CONTRACT §3 invalid configuration, §4, §5, §6, §7) through createConsentry() and boot().
// The lazy part is handed in (env.lazy), so no chunk is fetched; env.load stands in for the UI chunk's
// import and never resolves unless a test says otherwise.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeDecision, encodeDecision } from '../../src/core/consent-cookie';
import type { Environment } from '../../src/core/consentry';
import type { Config, ConsentState, Consentry } from '../../src/core/types';
import { UUID_V4 } from '../../src/core/uuid';
import { cookieMap, resetPage, setUrl, spyCookieWrites } from '../_util/dom';

type Win = Window & Record<string, any>;
const win = window as unknown as Win;

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
const KEYS = ['necessary', 'analytics', 'marketing'];
const CONFIG: Config = {
  revision: 1,
  categories: {
    necessary: { required: true },
    analytics: { cookies: ['_gid', '/^_ga/'], consentMode: ['analytics_storage'] },
    marketing: { consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'], optOutOnGPC: true },
  },
};
const withRevision = (revision: number): Config => ({ ...CONFIG, revision });

/**
 * A fresh copy of the SDK's modules: console reports are deduplicated per module instance, and
 * every test must see its own.
 */
async function sdk() {
  vi.resetModules();
  const { createConsentry } = await import('../../src/core/consentry');
  const { boot } = await import('../../src/core/boot');
  const lazy = await import('../../src/core/lazy');
  const { audit } = await import('../../src/core/audit');
  const load = vi.fn((_url: string) => new Promise<never>(() => {}));
  const env: Environment = { base: '/x/', lazy, audit, load };
  return { create: (config: unknown = CONFIG) => createConsentry(config, env), boot, env, load };
}

/** The Consent Mode commands in dataLayer (arguments objects), as arrays. */
const consentCommands = (): unknown[][] =>
  (win.dataLayer as unknown[])
    .filter(e => Object.prototype.toString.call(e) === '[object Arguments]')
    .map(e => Array.from(e as ArrayLike<unknown>));
const dataLayerEvents = () => (win.dataLayer as unknown[]).filter(e => Object.prototype.toString.call(e) === '[object Object]');
/** Moves the clock past the millisecond of a Max-Age=0 write (happy-dom expires it only then). */
const later = (ms = 1000) => vi.setSystemTime(Date.now() + ms);
const flush = () => new Promise(resolve => setTimeout(resolve, 0));

let error: ReturnType<typeof vi.spyOn>;
let warn: ReturnType<typeof vi.spyOn>;

// The clock is fixed before the page is reset and restored after: happy-dom keeps a cookie deleted
// with Max-Age=0 until its clock passes the time of the deletion, so a reset under another clock
// could miss it.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  resetPage();
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  delete (navigator as unknown as Record<string, unknown>).globalPrivacyControl;
  vi.setSystemTime(NOW);
  resetPage();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createConsentry() before a decision', () => {
  it('should answer undefined for an optional category and true for necessary', async () => {
    const api = (await sdk()).create();
    expect(api.get('analytics')).toBeUndefined();
    expect(api.get('marketing')).toBeUndefined();
    expect(api.get('necessary')).toBe(true);
  });

  it('should expose an undecided state', async () => {
    const api = (await sdk()).create();
    expect(api.state).toEqual({
      decided: false,
      choices: { necessary: true, analytics: false, marketing: false },
      consentId: null,
      decidedAt: null,
      revision: 1,
    });
  });

  it('should push the Consent Mode default, every mapped type denied, and no update', async () => {
    (await sdk()).create();
    expect(consentCommands()).toEqual([
      [
        'consent',
        'default',
        { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', wait_for_update: 500 },
      ],
    ]);
  });

  it('should ask for the banner (the UI chunk next to the loader)', async () => {
    const { create, load } = await sdk();
    create();
    expect(load.mock.calls).toEqual([['/x/consentry-ui.js']]);
  });

  it('should not throw when the UI chunk fails to load, and report it once', async () => {
    const { create, load } = await sdk();
    load.mockImplementation(() => Promise.reject(new Error('offline')));
    const api = create();
    await flush();
    expect(error.mock.calls).toEqual([['[consentry] not loaded: offline']]);
    expect(api.get('analytics')).toBeUndefined();
  });

  it('should erase cookies of refused categories on load', async () => {
    document.cookie = '_ga=1; Path=/';
    document.cookie = 'theme=dark; Path=/';
    (await sdk()).create();
    later();
    expect(cookieMap()).toEqual({ theme: 'dark' });
  });
});

describe('acceptAll()', () => {
  it('should grant every category', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    expect(api.get('necessary')).toBe(true);
    expect(api.get('analytics')).toBe(true);
    expect(api.get('marketing')).toBe(true);
    expect(api.get('unknown')).toBe(false);
  });

  it('should make the state decided, with a v4 consent id and an ISO decision time', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    const s = api.state;
    expect(s.decided).toBe(true);
    expect(s.consentId).toMatch(UUID_V4);
    expect(s.decidedAt).toBe(new Date(NOW).toISOString());
    expect(s.choices).toEqual({ necessary: true, analytics: true, marketing: true });
    expect(s.revision).toBe(1);
  });

  it('should write the consent cookie holding exactly that decision', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    const { consentId } = api.state;
    const expected = encodeDecision({ consentId: consentId!, decidedAt: NOW, revision: 1, granted: new Set(KEYS) }, KEYS);
    expect(cookieMap()).toEqual({ consentry: expected });
    expect(decodeDecision(cookieMap().consentry!, KEYS, 1, 182, Date.now())!.granted).toEqual(new Set(KEYS));
  });

  it('should write exactly name=value; Path=/; Max-Age=N; SameSite=Lax, Max-Age capped at 400 days', async () => {
    const writes = spyCookieWrites();
    const api = (await sdk()).create({ ...CONFIG, cookie: { maxAgeDays: 1000 } });
    api.acceptAll();
    const value = cookieMap().consentry!;
    expect(writes.filter(w => w.startsWith('consentry='))).toEqual(['consentry=' + value + '; Path=/; Max-Age=34560000; SameSite=Lax']);
  });

  it('should add Secure on https', async () => {
    setUrl('https://www.example.com/');
    const writes = spyCookieWrites();
    const api = (await sdk()).create();
    api.acceptAll();
    const value = cookieMap().consentry!;
    expect(writes.filter(w => w.startsWith('consentry='))).toEqual(['consentry=' + value + '; Path=/; Max-Age=15724800; SameSite=Lax; Secure']);
  });

  it('should emit change and dispatch consentry:change on document, each once, with the state', async () => {
    const api = (await sdk()).create();
    const onChange = vi.fn();
    const onDom = vi.fn((e: Event) => (e as CustomEvent<ConsentState>).detail);
    api.on('change', onChange);
    document.addEventListener('consentry:change', onDom);
    api.acceptAll();
    document.removeEventListener('consentry:change', onDom);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]![0]).toEqual(api.state);
    expect(onDom).toHaveBeenCalledTimes(1);
    expect(onDom.mock.results[0]!.value).toEqual(api.state);
  });

  it('should push consent update, then the consentry_change event, to dataLayer', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    expect(consentCommands()[1]).toEqual([
      'consent',
      'update',
      { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' },
    ]);
    expect(consentCommands()).toHaveLength(2);
    expect(win.dataLayer[win.dataLayer.length - 1]).toEqual({
      event: 'consentry_change',
      consentry: { necessary: 'granted', analytics: 'granted', marketing: 'granted' },
    });
    expect(dataLayerEvents()).toHaveLength(1);
  });

  it('should push consentry_change to a dataLayer the site created, even with no Consent Mode mapping', async () => {
    win.dataLayer = [];
    const api = (await sdk()).create({ categories: { necessary: {}, analytics: {} } });
    api.acceptAll();
    expect(win.dataLayer).toEqual([{ event: 'consentry_change', consentry: { necessary: 'granted', analytics: 'granted' } }]);
  });

  it('should create no dataLayer when none exists and no Consent Mode type is mapped', async () => {
    const api = (await sdk()).create({ categories: { necessary: {}, analytics: {} } });
    api.acceptAll();
    expect(win.dataLayer).toBeUndefined();
  });
});

describe('rejectAll()', () => {
  it('should refuse every optional category and store the decision', async () => {
    const api = (await sdk()).create();
    api.rejectAll();
    expect(api.get('analytics')).toBe(false);
    expect(api.get('marketing')).toBe(false);
    expect(api.get('necessary')).toBe(true);
    expect(api.state.decided).toBe(true);
    const stored = decodeDecision(cookieMap().consentry!, KEYS, 1, 182, Date.now());
    expect(stored!.granted).toEqual(new Set(['necessary']));
    expect(consentCommands()[1]![1]).toBe('update');
    expect(Object.values(consentCommands()[1]![2] as object)).toEqual(['denied', 'denied', 'denied', 'denied']);
  });
});

describe('set()', () => {
  it('should merge the request into the current choices', async () => {
    const api = (await sdk()).create();
    api.set({ marketing: true });
    expect(api.state.choices).toEqual({ necessary: true, analytics: false, marketing: true });
    api.set({ analytics: true });
    expect(api.state.choices).toEqual({ necessary: true, analytics: true, marketing: true });
    api.set({ marketing: false });
    expect(api.state.choices).toEqual({ necessary: true, analytics: true, marketing: false });
  });

  it('should keep the consent id across decisions', async () => {
    const api = (await sdk()).create();
    api.set({ analytics: true });
    const id = api.state.consentId;
    api.set({ marketing: true });
    expect(api.state.consentId).toBe(id);
  });

  it('should ignore a non-object and not throw', async () => {
    const api = (await sdk()).create();
    expect(() => api.set('analytics' as never)).not.toThrow();
    expect(api.state.decided).toBe(false);
    expect(error.mock.calls).toEqual([['[consentry] set() needs an object']]);
  });
});

describe('withdraw()', () => {
  it('should refuse every optional category, keep the consent id and clear the categories cookies', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    const id = api.state.consentId;
    document.cookie = '_ga=1; Path=/';
    document.cookie = '_gid=1; Path=/';
    document.cookie = '_ga_XYZ=1; Path=/';
    document.cookie = 'theme=dark; Path=/';
    later();
    api.withdraw();
    later();
    expect(api.state.consentId).toBe(id);
    expect(api.state.choices).toEqual({ necessary: true, analytics: false, marketing: false });
    expect(api.get('analytics')).toBe(false);
    const jar = cookieMap();
    expect(Object.keys(jar).sort()).toEqual(['consentry', 'theme']);
    expect(decodeDecision(jar.consentry!, KEYS, 1, 182, Date.now())).toMatchObject({ consentId: id, granted: new Set(['necessary']) });
  });

  it('should clear localStorage and sessionStorage keys matching the refused categories', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    localStorage.setItem('_ga_state', '1');
    sessionStorage.setItem('_gid', '1');
    localStorage.setItem('mine', '1');
    api.withdraw();
    expect(localStorage.getItem('_ga_state')).toBeNull();
    expect(sessionStorage.getItem('_gid')).toBeNull();
    expect(localStorage.getItem('mine')).toBe('1');
  });
});

describe('an invalid configuration', () => {
  it('should be reported once, with the [consentry] prefix and the path, and refuse everything without throwing', async () => {
    const { create, load } = await sdk();
    let api!: Consentry;
    expect(() => (api = create({ categories: 5 }))).not.toThrow();
    expect(error).toHaveBeenCalledTimes(1);
    const message = String(error.mock.calls[0]![0]);
    expect(message.startsWith('[consentry] ')).toBe(true);
    expect(message).toContain('categories: expected an object of categories, got 5');
    expect(api.get('analytics')).toBe(false);
    expect(api.get('necessary')).toBe(false);
    expect(() => api.acceptAll()).not.toThrow();
    expect(api.get('analytics')).toBe(false);
    expect(api.state.decided).toBe(false);
    expect(cookieMap()).toEqual({});
    expect(load).not.toHaveBeenCalled();
  });

  it('should deny all seven Consent Mode types', async () => {
    (await sdk()).create({ categories: 5 });
    expect(consentCommands()).toEqual([
      [
        'consent',
        'default',
        {
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          analytics_storage: 'denied',
          functionality_storage: 'denied',
          personalization_storage: 'denied',
          security_storage: 'denied',
          wait_for_update: 500,
        },
      ],
    ]);
  });

  it('should refuse everything for a readable but invalid configuration, and ignore a stored decision', async () => {
    const first = await sdk();
    first.create().acceptAll();
    const { create, load } = await sdk();
    const api = create({ ...CONFIG, categories: { ...CONFIG.categories, analytics: { cookies: [42] } } });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toContain('categories.analytics.cookies[0]: expected a cookie name or /regex/, got 42');
    expect(api.get('analytics')).toBe(false);
    expect(api.get('marketing')).toBe(false);
    expect(api.state).toEqual({ decided: false, choices: {}, consentId: null, decidedAt: null, revision: 1 });
    api.acceptAll();
    expect(api.get('analytics')).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });
});

describe('a stored decision', () => {
  it('should be read by a new instance in the same document', async () => {
    const one = (await sdk()).create();
    one.set({ analytics: true });
    const state = one.state;
    delete win.consentry;
    later(60_000);
    const { create, load } = await sdk();
    const two = create();
    expect(two.get('analytics')).toBe(true);
    expect(two.get('marketing')).toBe(false);
    expect(two.state).toEqual(state);
    expect(load).not.toHaveBeenCalled();
  });

  it('should push the Consent Mode default denied, then one update with the stored choices, on every page', async () => {
    (await sdk()).create().acceptAll();
    delete win.dataLayer;
    (await sdk()).create();
    expect(consentCommands()).toEqual([
      [
        'consent',
        'default',
        { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', wait_for_update: 500 },
      ],
      ['consent', 'update', { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
    ]);
  });

  it('should be ignored once the revision is raised, and the banner asked for', async () => {
    (await sdk()).create(withRevision(1)).acceptAll();
    const { create, load } = await sdk();
    const api = create(withRevision(2));
    expect(api.get('analytics')).toBeUndefined();
    expect(api.state).toMatchObject({ decided: false, consentId: null, revision: 2 });
    expect(load.mock.calls).toEqual([['/x/consentry-ui.js']]);
  });

  it('should grant a category that has become required since the decision', async () => {
    (await sdk()).create().rejectAll();
    const config: Config = { ...CONFIG, categories: { ...CONFIG.categories, analytics: { ...CONFIG.categories.analytics, required: true } } };
    const api = (await sdk()).create(config);
    expect(api.state.decided).toBe(true);
    expect(api.state.choices).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(api.get('analytics')).toBe(true);
    expect(consentCommands().slice(-1)[0]).toEqual([
      'consent',
      'update',
      { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
    ]);
  });

  it('should be ignored once expired', async () => {
    (await sdk()).create().acceptAll();
    later(182 * 864e5);
    const api = (await sdk()).create();
    expect(api.get('analytics')).toBeUndefined();
  });
});

describe('on()', () => {
  it('should not let a subscriber that throws stop the next one', async () => {
    const api = (await sdk()).create();
    const next = vi.fn();
    api.on('change', () => {
      throw new Error('boom');
    });
    api.on('change', next);
    expect(() => api.acceptAll()).not.toThrow();
    expect(next).toHaveBeenCalledTimes(1);
    expect(error.mock.calls).toEqual([['[consentry] boom']]);
  });

  it('should replay ready to a late subscriber, with the state', async () => {
    const api = (await sdk()).create();
    const ready = vi.fn();
    api.on('ready', ready);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(ready.mock.calls[0]![0]).toEqual(api.state);
  });

  it('should dispatch consentry:ready on document while creating the instance', async () => {
    const { create } = await sdk();
    const detail = vi.fn((e: Event) => (e as CustomEvent<ConsentState>).detail);
    document.addEventListener('consentry:ready', detail);
    const api = create();
    document.removeEventListener('consentry:ready', detail);
    expect(detail).toHaveBeenCalledTimes(1);
    expect(detail.mock.results[0]!.value).toEqual(api.state);
  });

  it('should stop calling a subscriber after unsubscribe', async () => {
    const api = (await sdk()).create();
    const fn = vi.fn();
    const off = api.on('change', fn);
    api.acceptAll();
    off();
    api.rejectAll();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('should not throw for a missing function', async () => {
    const api = (await sdk()).create();
    expect(() => api.on('change', undefined as never)).not.toThrow();
    expect(error.mock.calls).toEqual([['[consentry] on() needs a function']]);
  });
});

describe('Global Privacy Control', () => {
  beforeEach(() => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
  });

  it('should keep an optOutOnGPC category refused on acceptAll', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    expect(api.get('analytics')).toBe(true);
    expect(api.get('marketing')).toBe(false);
    expect(consentCommands()[1]![2]).toEqual({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    });
  });

  it('should grant it on an explicit set', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    api.set({ marketing: true });
    expect(api.get('marketing')).toBe(true);
  });

  it('should only count a literal true', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: 'true', configurable: true });
    const api = (await sdk()).create();
    api.acceptAll();
    expect(api.get('marketing')).toBe(true);
  });
});

describe('boot()', () => {
  it('should return the same instance when called twice, published as window.consentry', async () => {
    const { boot, env } = await sdk();
    const first = boot(CONFIG, env);
    const second = boot({ categories: { necessary: {} } }, env);
    expect(second).toBe(first);
    expect(win.consentry).toBe(first);
    expect(warn.mock.calls).toEqual([['[consentry] loaded twice: first copy kept']]);
    expect(consentCommands().filter(c => c[1] === 'default')).toHaveLength(1);
  });
});

describe('audit()', () => {
  it('should classify the cookies: declared, the consent cookie, undeclared', async () => {
    const api = (await sdk()).create();
    api.acceptAll();
    document.cookie = '_ga=1; Path=/';
    document.cookie = 'theme=dark; Path=/';
    const entries = await api.audit();
    expect(entries.filter(e => e.kind === 'cookie')).toEqual([
      { kind: 'cookie', name: 'consentry', status: 'consent' },
      { kind: 'cookie', name: '_ga', status: 'declared', category: 'analytics', escaped: false },
      { kind: 'cookie', name: 'theme', status: 'undeclared' },
    ]);
  });
});
