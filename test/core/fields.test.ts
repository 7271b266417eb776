// Nothing valid in a configuration is silently ignored (README, Configuration: "what acts on each
// field"): a field the SDK does not act on is refused with a message that says why, never accepted
// and dropped. Each gap found gets its case here; the shapes are also in the fixtures
// (test/fixtures/configs/invalid.json), which the JSON Schema is checked against.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEXT_KEYS, THEME_PROPERTIES } from '../../src/core/constants';
import en from '../../src/locales/en.json';
import * as coreChunk from '../../src/core-chunk';
import * as uiChunk from '../../src/ui/mount';
import { covered, pick, resolveLanguage, textsFor } from '../../src/core/i18n';
import { validateConfig } from '../../src/core/validate';
import { resetPage } from '../_util/dom';

const base = { categories: { necessary: {}, analytics: {}, marketing: {} } };
afterEach(() => void vi.restoreAllMocks());

describe('contract fields this version does not act on', () => {
  it('regions (contract §10): refused, saying this version does not support them', () => {
    expect(validateConfig({ ...base, regions: { rules: [{ in: ['US-CA'], model: 'opt-out' }] } })).toEqual([
      { path: 'regions', expected: 'no "regions": this version of consentry does not support regions yet, so every visitor is asked for consent first (opt-in)' },
    ]);
  });

  it.each([
    ['clarity', 'Microsoft Clarity'],
    ['matomo', 'Matomo'],
    ['posthog', 'PostHog'],
    ['tiktok', 'the TikTok pixel'],
  ])('integrations.%s (contract §12): refused, naming the platform and what is supported', (name, platform) => {
    expect(validateConfig({ ...base, integrations: { uet: 'marketing', [name]: 'analytics' } })).toEqual([
      {
        path: 'integrations.' + name,
        expected: 'no "' + name + '": this version of consentry does not support ' + platform + ' yet (integrations it supports: uet, metaPixel)',
      },
    ]);
  });

  it('a field of no contract is still "no such field", with what is allowed', () => {
    expect(validateConfig({ ...base, integrations: { ga4: 'analytics' } })).toEqual([
      { path: 'integrations.ga4', expected: 'no such field; allowed: uet, metaPixel' },
    ]);
  });
});

describe('ui.theme', () => {
  // Every stylesheet the SDK draws with: the UI chunk's, the preferences', the fallback banner's, the
  // loader's widgets (floating button, placeholders).
  const sheets = ['src/ui/styles.css', 'src/ui/prefs.css', 'src/ui/fallback.css', 'src/core/widgets.ts'].map(f => readFileSync(f, 'utf8')).join('\n');
  const read = new Set([...sheets.matchAll(/var\(--consentry-([a-z0-9-]+)/g)].map(m => m[1]!));

  it('accepts exactly the properties a stylesheet reads (but --consentry-space, which the UI sets itself)', () => {
    read.delete('space');
    expect([...THEME_PROPERTIES].sort()).toEqual([...read].sort());
    expect(validateConfig({ ...base, ui: { theme: Object.fromEntries(THEME_PROPERTIES.map(p => ['--consentry-' + p, '1px'])) } })).toEqual([]);
  });

  it('lists them in the README, under Theming', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('### Theming'), readme.indexOf('### Texts'));
    expect([...table.matchAll(/^\| `--consentry-([a-z0-9-]+)`/gm)].map(m => m[1])).toEqual([...THEME_PROPERTIES]);
  });

  it('themes the fallback banner too (drawn when the UI chunk cannot be loaded)', async () => {
    const { mount } = await import('../../src/ui/fallback');
    const { resolveConfig } = await import('../../src/core/config');
    const { uiRoot, resetRoot } = await import('../../src/core/widgets');
    resetRoot();
    const config = { ...base, ui: { theme: { '--consentry-accent': '#0a7d34' } } };
    const root = uiRoot();
    const api = { state: { choices: {} } } as unknown as Parameters<typeof mount>[0]['api'];
    mount({ api, root, config: resolveConfig(config), gpc: false, base: '/x/', notify: () => {}, showing: () => {} });
    expect((root.host as HTMLElement).style.getPropertyValue('--consentry-accent')).toBe('#0a7d34');
    expect(readFileSync('src/ui/fallback.css', 'utf8')).toContain('var(--consentry-accent');
  });

  it('refuses any other property, naming those it takes: a value nothing reads would be ignored', () => {
    expect(validateConfig({ ...base, ui: { theme: { '--consentry-shadow': 'none' } } })).toEqual([
      {
        path: 'ui.theme["--consentry-shadow"]',
        expected:
          'a theme property as key: --consentry-bg, --consentry-fg, --consentry-accent, --consentry-accent-fg, --consentry-line, --consentry-focus, --consentry-radius, --consentry-font, --consentry-z',
      },
    ]);
  });
});

describe('translations keys', () => {
  const TEXT_KEY = 'a text key of the English pack, such as "banner.title" (README, Texts), or "category.<key>.title" or ".description" of one of categories, as key';

  it('refuses a key that is not one of the English pack: it would never be shown', () => {
    expect(validateConfig({ ...base, translations: { fr: { 'banner.titel': 'Vos choix', 'banner.title': 'Vos choix' } } })).toEqual([
      { path: 'translations.fr.banner.titel', expected: TEXT_KEY },
    ]);
  });

  it("takes a category's title and description for a configured category, its own included, and refuses them for one that is not", () => {
    const partners = { title: { en: 'Partners' }, description: { en: 'Offers' } };
    const fr = { 'category.partners.title': 'Partenaires', 'category.analytics.description': 'Mesure' };
    expect(validateConfig({ categories: { ...base.categories, partners }, translations: { fr } })).toEqual([]);
    expect(validateConfig({ categories: { necessary: {}, analytics: {} }, translations: { fr: { ...fr, 'category.marketing.title': 'Pub' } } })).toEqual([
      { path: 'translations.fr.category.partners.title', expected: TEXT_KEY },
      { path: 'translations.fr.category.marketing.title', expected: TEXT_KEY },
    ]);
  });

  it('the core chunk, which has the keys but not the pack, answers as the UI chunk does', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(TEXT_KEYS.trim().split(' ')).toEqual(Object.keys(en).filter(k => !k.startsWith('category.')));
    const configs = [
      { ...base, translations: { fr: { 'banner.titel': 'x' } } },
      { ...base, translations: { fr: { 'fab.label': 'x', 'category.marketing.title': 'x' } } },
      { ...base, translations: { fr: { 'category.title': 'x' } } },
    ];
    for (const config of configs) expect(coreChunk.checkConfig(config, 'm')).toBe(uiChunk.checkConfig(config, 'm'));
    expect(configs.map(c => coreChunk.checkConfig(c, 'm'))).toEqual([false, true, false]);
  });
});

describe('languages', () => {
  const SHOWN = 'a language the banner can be shown in: "en", a built-in one (README, Languages) or one of translations';

  it('a fixed language the UI cannot be shown in is refused: it would be shown in English', () => {
    expect(validateConfig({ ...base, language: 'xx' })).toEqual([{ path: 'language', expected: SHOWN + ', got "xx"' }]);
    // A pack, a region of one, another name of one, or the site's own translations: shown.
    for (const language of ['fr', 'fr-CA', 'no', 'zh-TW', 'en-GB', 'EN'])
      expect(validateConfig({ ...base, language }), language).toEqual([]);
    expect(validateConfig({ ...base, language: 'xx', translations: { xx: { 'banner.title': 'X' } } })).toEqual([]);
  });

  // What the UI shows for a fixed language and a translations entry under `code` (core/i18n.ts).
  const shows = (code: string): boolean => {
    const config = { ...base, language: code, translations: { [code]: { 'banner.title': 'Mine' } } };
    const lang = resolveLanguage(config, c => covered(config, c));
    return textsFor(config, lang, en)['banner.title'] === 'Mine';
  };

  it.each(['fr', 'fr-CA', 'pt-BR', 'zh', 'zh-Hant', 'zh-Hans', 'nb', 'xx', 'sr-Latn', 'de-CH'])(
    'translations under %s: accepted, and shown',
    code => {
      expect(validateConfig({ ...base, translations: { [code]: { 'banner.title': 'Mine' } } })).toEqual([]);
      expect(shows(code)).toBe(true);
    },
  );

  it.each(['EN', 'Fr', 'zh-TW', 'zh-hant', 'zh-CN', 'no', 'nn', 'no-NO'])('translations under %s: never shown, so refused', code => {
    expect(shows(code)).toBe(false);
    expect(validateConfig({ ...base, translations: { [code]: { 'banner.title': 'Mine' } } })).toEqual([
      {
        path: 'translations.' + code,
        expected: 'a language code as the banner is shown in it as key: the language in lower case ("fr", "fr-CA"), zh-Hans or zh-Hant for Chinese, nb for Norwegian',
      },
    ]);
  });

  it("a category's title or description in a language the UI is never shown in is refused", () => {
    const analytics = { title: { fr: 'Mesure', 'fr-CA': 'Mesure (CA)', zh: '分析', pt: 'Análise', EN: 'Stats' } };
    expect(validateConfig({ categories: { necessary: {}, analytics } }).map(e => e.path)).toEqual([
      'categories.analytics.title.fr-CA',
      'categories.analytics.title.EN',
    ]);
    // fr-CA is shown once the site translates it, even with no text of its own.
    expect(validateConfig({ categories: { necessary: {}, analytics: { title: { 'fr-CA': 'Mesure (CA)' } } }, translations: { 'fr-CA': {} } })).toEqual([]);
    const config = { language: 'fr-CA', categories: { necessary: {}, analytics: { title: { 'fr-CA': 'Mesure (CA)' } } }, translations: { 'fr-CA': {} } };
    const lang = resolveLanguage(config, c => covered(config, c));
    expect(pick(config.categories.analytics.title, 'category.analytics.title', lang, textsFor(config, lang, en))).toBe('Mesure (CA)');
  });
});

describe('blocks patterns', () => {
  const blocks = (...patterns: string[]) => ({ categories: { necessary: {}, marketing: { services: [{ name: 'Ads', blocks: patterns }] } } });
  const URL_PART =
    'a URL part as the browser writes URLs (printable ASCII without spaces, quotes, < > or \\, scheme and host in lower case) or /regex/';

  // Each is written into a URL the way a page would, and the browser's href never holds it: a
  // pattern matched against that href (core/autoblock.ts) would block nothing.
  it.each([
    ['tags.example/a b.js', 'https://tags.example/a b.js'],
    ['tags.example/"x".js', 'https://tags.example/"x".js'],
    ['tags.example/<x>.js', 'https://tags.example/<x>.js'],
    ['tags.example\\a.js', 'https://tags.example\\a.js'],
    ['bücher.example/tag.js', 'https://bücher.example/tag.js'],
    ['https://Tags.example/a.js', 'https://Tags.example/a.js'],
    ['HTTPS://tags.example/a.js', 'HTTPS://tags.example/a.js'],
    ['//Tags.example/a.js', 'https://Tags.example/a.js'],
  ])('%j never appears in an href, so it is refused', (pattern, written) => {
    expect(new URL(written).href).not.toContain(pattern);
    expect(validateConfig(blocks(pattern))).toEqual([
      { path: 'categories.marketing.services[0].blocks[0]', expected: URL_PART + ', got ' + JSON.stringify(pattern) },
    ]);
  });

  it.each([
    ['tags.example/a%20b.js', 'https://tags.example/a b.js'],
    ['tags.example/Tag.js', 'https://tags.example/Tag.js'],
    ['https://tags.example/a.js?id=1', 'https://tags.example/a.js?id=1'],
    ['//tags.example/', 'https://tags.example/x'],
    ['xn--bcher-kva.example', 'https://bücher.example/'],
    ['/vendor/tm-', 'https://site.example/vendor/tm-1.js'],
  ])('%j as the browser writes it: accepted, and found in the href', (pattern, written) => {
    expect(new URL(written).href).toContain(pattern);
    expect(validateConfig(blocks(pattern))).toEqual([]);
  });

  it('a /regex/ is matched against the href as it is: any characters', () => {
    expect(validateConfig(blocks('/^https:\\/\\/Tags\\.example\\//i', '/a b/'))).toEqual([]);
  });
});

describe('blocks in a configuration that arrives after the HTML', () => {
  const config = { categories: { necessary: {}, marketing: { services: [{ name: 'Ads', blocks: ['ads.example/pixel.js'] }] } } };
  const LATE =
    'no blocks in a configuration fetched by data-config or given to init(): automatic blocking needs the inline configuration ' +
    '(<script type="application/json" id="consentry-config">), read before the HTML it holds back';
  afterEach(() => {
    resetPage();
    delete (window as { consentry?: unknown }).consentry;
  });

  it('is a valid configuration file (validateConfig), and valid inline', async () => {
    expect(validateConfig(config)).toEqual([]);
    const { checkConfig } = await import('../../src/core/lazy');
    expect(checkConfig(config, 'm')).toBe(true);
  });

  it('is refused when the loader fetched it (its script tag has data-config): the HTML before it has run already', async () => {
    vi.resetModules();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const script = document.createElement('script');
    script.setAttribute('data-config', '/consent-config.json');
    document.head.append(script);
    const { checkConfig } = await import('../../src/core/lazy');
    expect(checkConfig(config, 'm')).toBe(false);
    expect(error.mock.calls[0]![0]).toBe(
      '[consentry] invalid configuration, every optional category is refused:\n  categories.marketing.services[0].blocks: expected ' + LATE,
    );
    // An empty list asks for nothing.
    expect(checkConfig({ categories: { marketing: { services: [{ name: 'Ads', blocks: [] }] } } }, 'm')).toBe(true);
  });

  it('is refused by init() (the package for bundlers has no automatic blocking), which then grants nothing', async () => {
    vi.resetModules();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { init } = await import('../../src/index');
    const api = init(config);
    expect(api.get('marketing')).toBe(false);
    expect(api.get('necessary')).toBe(false);
    expect(String(error.mock.calls[0]![0])).toContain('categories.marketing.services[0].blocks: expected ' + LATE);
  });
});

describe('debug: true', () => {
  afterEach(() => {
    resetPage();
    delete (window as { consentry?: unknown }).consentry;
  });

  it('without it, nothing is printed and the verdict is remembered', async () => {
    vi.resetModules();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const { boot } = await import('../../src/core/boot');
    const lazy = await import('../../src/core/lazy');
    const { audit } = await import('../../src/core/audit');
    boot({ categories: { necessary: {}, analytics: {} } }, { base: '/x/', lazy, audit, load: () => new Promise(() => {}) }).acceptAll();
    await new Promise(r => setTimeout(r, 20));
    expect(info).not.toHaveBeenCalled();
    expect(localStorage['consentry:valid']).toBeTruthy();
  });

  // Last in this file: its instance's `change` listener stays on the document.
  // In every loader (consentry.js included, which has no data-debug report of its own) and in init().
  it('prints the audit on load and after each decision, and is never remembered as valid (every page reports)', async () => {
    vi.resetModules();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const table = vi.spyOn(console, 'table').mockImplementation(() => {});
    document.cookie = '_ga=1; Path=/';
    const { boot } = await import('../../src/core/boot');
    const lazy = await import('../../src/core/lazy');
    const { audit } = await import('../../src/core/audit');
    const api = boot({ debug: true, categories: { necessary: {}, analytics: { cookies: ['_gid'] } } }, { base: '/x/', lazy, audit, load: () => new Promise(() => {}) });
    await vi.waitFor(() => expect(info).toHaveBeenCalledTimes(1));
    expect(info.mock.calls[0]![0]).toMatch(/^\[consentry\] audit: \d+ cookies and storage keys/);
    expect(table).toHaveBeenCalledTimes(1);
    expect(localStorage['consentry:valid']).toBeUndefined();
    api.acceptAll();
    await vi.waitFor(() => expect(info).toHaveBeenCalledTimes(2));
  });
});
