// The validator in two halves (README, Configuration): check.ts finds the bad fields and gives each a
// code; messages.ts, a chunk fetched only when a configuration fails, says what was expected there.
// The words must read exactly as they did when the validator carried them itself.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { check, Code, inPack } from '../../src/core/check';
import en from '../../src/locales/en.json';
import { explain, formatErrors } from '../../src/core/messages';
import { validateConfig } from '../../src/core/validate';

/**
 * Every code, with its text as the one-piece validator wrote it (with a value found: ", got …"); the
 * codes added since (fields the SDK refuses rather than ignore) after them.
 */
const TEXTS: [Code, unknown, unknown, string, string[]?][] = [
  [Code.Object, 5, undefined, 'an object, got 5'],
  [Code.Required, undefined, undefined, 'a value (required)'],
  [Code.NoField, ['a', 'b'], undefined, 'no such field; allowed: a, b'],
  [Code.Array, {}, undefined, 'an array, got an object'],
  [Code.MaxItems, 200, undefined, 'at most 200 items'],
  [Code.Text, '', undefined, 'a text, got ""'],
  [Code.OneOf, 'Bar', ['bar', 'box'], 'one of bar, box, got "Bar"'],
  [Code.Bool, 'yes', undefined, 'true or false, got "yes"'],
  [Code.MaxEntries, 200, undefined, 'at most 200 entries'],
  [Code.LanguageKey, undefined, undefined, 'a language code as key'],
  [Code.CookiePattern, 42, undefined, 'a cookie name or /regex/, got 42'],
  [Code.Url, 'javascript:x', undefined, 'an http(s) URL or a path, got "javascript:x"'],
  [Code.Whole, 1.5, undefined, 'a whole number from 0, got 1.5'],
  [Code.Language, 'french', undefined, '"auto" or a language code such as "fr" or "pt-BR", got "french"'],
  [Code.Categories, [], undefined, 'an object of categories, got an array'],
  [Code.CategoryCount, 30, undefined, '1 to 30 categories'],
  [Code.CategoryKey, undefined, undefined, 'a category key of lowercase letters, digits, - or _ (starting with a letter)'],
  [Code.CookieName, 'my cookie', undefined, 'a cookie name (letters, digits, - _ . and no spaces), got "my cookie"'],
  [Code.Host, 1, undefined, 'a host name such as "example.com", or null, got 1'],
  [Code.Path, 'shop', undefined, 'a path starting with /, got "shop"'],
  [Code.Days, '182', undefined, 'a number of days above 0, got "182"'],
  [Code.CssValue, 'red;', undefined, 'a CSS value without ; { } < > \\, got "red;"'],
  [Code.CustomTexts, 'fr', undefined, 'texts for a custom category, at least in "fr"'],
  [Code.Necessary, undefined, undefined, 'true (necessary is always granted)'],
  [Code.CategoryRef, 'marketing', undefined, 'the key of a category in categories, got "marketing"'],
  [Code.UrlPart, 7, undefined, 'a URL part as the browser writes URLs (printable ASCII without spaces, quotes, < > or \\, scheme and host in lower case) or /regex/, got 7'],
  [Code.TextKey, undefined, undefined, 'a text key of the English pack, such as "banner.title" (README, Texts), or "category.<key>.title" or ".description" of one of categories, as key'],
  [Code.ThemeKey, undefined, undefined, 'a theme property as key: --consentry-bg, --consentry-fg, --consentry-accent, --consentry-accent-fg, --consentry-line, --consentry-focus, --consentry-radius, --consentry-font, --consentry-z'],
  [Code.LateBlocks, undefined, undefined, 'no blocks in a configuration fetched by data-config or given to init(): automatic blocking needs the inline configuration (<script type="application/json" id="consentry-config">), read before the HTML it holds back'],
  [Code.Later, undefined, undefined, 'no "clarity": this version of consentry does not support Microsoft Clarity yet (integrations it supports: uet, metaPixel)', ['integrations', 'clarity']],
  [Code.TranslationLanguage, undefined, undefined, 'a language code as the banner is shown in it as key: the language in lower case ("fr", "fr-CA"), zh-Hans or zh-Hant for Chinese, nb for Norwegian'],
  [Code.ShownLanguage, 'xx', undefined, 'a language the banner can be shown in: "en", a built-in one (README, Languages) or one of translations, got "xx"'],
  [Code.ShownLanguageKey, undefined, undefined, 'a language the banner can be shown in: "en", a built-in one (README, Languages) or one of translations as key (a region such as "fr-CA" is shown as "fr" unless translations has "fr-CA", even empty)'],
  [Code.Later, undefined, undefined, 'no "regions": this version of consentry does not support regions yet, so every visitor is asked for consent first (opt-in)', ['regions']],
];

describe('the words of each code', () => {
  it('covers every code', () => {
    const codes = Object.values(Code).filter(v => typeof v === 'number');
    expect([...new Set(TEXTS.map(t => t[0]))].sort((a, b) => a - b)).toEqual(codes);
  });

  it.each(TEXTS.map(t => [Code[t[0]], ...t] as const))('%s reads as before', (_, code, x, y, text, path = ['a']) => {
    expect(explain([[path, code, x, y]])).toEqual([{ path: path.join('.'), expected: text }]);
  });

  it('writes paths as before: dots for plain keys, brackets for indexes and odd keys, (root) for the root', () => {
    const paths = explain(
      [['categories', 'analytics', 'cookies', 0], ['translations', 'fr', 'banner.title'], ['translations', 'fr', '1title'], ['$schema'], []].map(
        p => [p, Code.Required, undefined, undefined] as [(string | number)[], Code, unknown, unknown],
      ),
    ).map(e => e.path);
    expect(paths).toEqual(['categories.analytics.cookies[0]', 'translations.fr.banner.title', 'translations.fr["1title"]', '["$schema"]', '(root)']);
  });

  it('still quotes what was found when the page broke JSON.stringify (README, "Browser support")', () => {
    const stringify = JSON.stringify;
    JSON.stringify = () => {
      throw new Error('no stringify here');
    };
    try {
      expect(validateConfig({ privacyPolicyUrl: 'javascript:x', categories: { 'my cat': {} } })).toEqual([
        { path: 'privacyPolicyUrl', expected: 'an http(s) URL or a path, got "javascript:x"' },
        { path: 'categories["my cat"]', expected: 'a category key of lowercase letters, digits, - or _ (starting with a letter)' },
      ]);
    } finally {
      JSON.stringify = stringify;
    }
  });

  it('check() finds the same fields as validateConfig() reports, in the same order', () => {
    const config = { categories: { analytics: { cookies: ['_ga', 42], consentMode: ['ad_click'] } }, ui: { layout: 'popup' }, x: 1 };
    expect(check(config, inPack(en)).map(i => i[1])).toEqual([Code.CookiePattern, Code.OneOf, Code.OneOf, Code.NoField]);
    expect(validateConfig(config).map(e => e.path)).toEqual(['categories.analytics.cookies[1]', 'categories.analytics.consentMode[0]', 'ui.layout', 'x']);
  });
});

describe("the chunks' report (lazy-chunk.ts)", () => {
  afterEach(() => {
    vi.doUnmock('../../src/core/messages');
    vi.restoreAllMocks();
    vi.resetModules();
  });
  const BAD = { privacyPolicyUrl: 'javascript:x', categories: { analytics: { cookies: ['_ga', 42] } } };

  it('refuses at once, and reports in the same words as the bundled validator once they have been fetched', async () => {
    vi.resetModules();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { chunkCheck } = await import('../../src/core/lazy-chunk');
    const checkConfig = chunkCheck(inPack(en));
    expect(checkConfig(BAD, 'm')).toBe(false);
    expect(localStorage['consentry:valid']).not.toBe('m');
    await vi.waitFor(() => expect(error).toHaveBeenCalledTimes(1));
    expect(error.mock.calls[0]![0]).toBe('[consentry] ' + formatErrors(validateConfig(BAD)));
    expect(error.mock.calls[0]![0]).toBe(
      '[consentry] invalid configuration, every optional category is refused:\n' +
        '  privacyPolicyUrl: expected an http(s) URL or a path, got "javascript:x"\n' +
        '  categories.analytics.cookies[1]: expected a cookie name or /regex/, got 42',
    );
  });

  it('fetches nothing for a valid configuration, and remembers it', async () => {
    vi.resetModules();
    let fetched = false;
    vi.doMock('../../src/core/messages', () => {
      fetched = true;
      return {};
    });
    const { chunkCheck } = await import('../../src/core/lazy-chunk');
    const checkConfig = chunkCheck(inPack(en));
    expect(checkConfig({ categories: { necessary: {} } }, 'valid-mark')).toBe(true);
    expect(localStorage['consentry:valid']).toBe('valid-mark');
    await new Promise(r => setTimeout(r, 20));
    expect(fetched).toBe(false);
  });

  it('still names every bad field when the words cannot be fetched', async () => {
    vi.resetModules();
    vi.doMock('../../src/core/messages', () => {
      throw new Error('blocked');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { chunkCheck } = await import('../../src/core/lazy-chunk');
    const checkConfig = chunkCheck(inPack(en));
    expect(checkConfig(BAD, 'm')).toBe(false);
    await vi.waitFor(() => expect(error).toHaveBeenCalledTimes(1));
    expect(error.mock.calls[0]![0]).toBe('[consentry] invalid configuration, every optional category is refused: privacyPolicyUrl, categories.analytics.cookies.1');
  });
});
