// The validator's words: what was expected at a bad field, as the console report and
// `validateConfig` give it. A chunk of its own in consentry-ui.js and consentry-core.js
// (consentry-ui-messages.js, consentry-core-messages.js), fetched only when a configuration fails;
// bundled into consentry.mjs, whose `validateConfig` answers at once.

import type { Code, Issue, Path } from './check';
import type { ConfigError } from './types';

const list = (names: unknown): string => (names as string[]).join(', ');

/** A JSON string literal; a page may have replaced JSON.stringify (README, "Browser support"), and the report must still be made. */
const quote = (s: string): string => {
  try {
    return JSON.stringify(s);
  } catch {
    return '"' + s + '"';
  }
};
/** Keys written after a dot in a path (category keys, text keys); any other is quoted in brackets. */
const PLAIN_KEY = /^[a-zA-Z][\w.-]{0,63}$/;
/** A path as the report writes it: categories.analytics.cookies[0], translations.fr["1title"], (root). */
const pathOf = (path: Path): string =>
  path.reduce<string>((s, k) => (typeof k == 'number' ? s + '[' + k + ']' : PLAIN_KEY.test(k) ? (s && s + '.') + k : s + '[' + quote(k) + ']'), '') || '(root)';

/** The value found, short: texts cut at 40 characters and quoted, objects and arrays named. */
const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return quote(v.length > 40 ? v.slice(0, 40) + '…' : v);
  return typeof v === 'object' ? 'an object' : String(v);
};
const got = (v: unknown): string => ', got ' + describe(v);

/** The fields of the contract this version refuses (check.ts `later`), with what they would name. */
const LATER: Record<string, string> = {
  regions: 'regions yet, so every visitor is asked for consent first (opt-in)',
  clarity: 'Microsoft Clarity',
  matomo: 'Matomo',
  posthog: 'PostHog',
  tiktok: 'the TikTok pixel',
};

const SHOWN = 'a language the banner can be shown in: "en", a built-in one (README, Languages) or one of translations';

/**
 * The text of each code, in the order of `Code` (numbers, once built). A text is followed by the
 * value found (the issue's `x`); a function is given `x`, `y` and the field's own key, and says
 * everything itself.
 */
const TEXTS: (string | ((x: any, y: any, key: any) => string))[] = [
  /* Object */ 'an object',
  /* Required */ () => 'a value (required)',
  /* NoField */ x => 'no such field; allowed: ' + list(x.filter((k: string) => !LATER[k])),
  /* Array */ 'an array',
  /* MaxItems */ x => 'at most ' + x + ' items',
  /* Text */ 'a text',
  /* OneOf */ (x, y) => 'one of ' + list(y) + got(x),
  /* Bool */ 'true or false',
  /* MaxEntries */ x => 'at most ' + x + ' entries',
  /* LanguageKey */ () => 'a language code as key',
  // constants.ts THEME_PROPERTIES, written out: importing it would put it in the chunk that fetches these words.
  /* ThemeKey */ () => 'a theme property as key: --consentry-' + 'bg fg accent accent-fg line focus radius font z'.split(' ').join(', --consentry-'),
  /* TextKey */ () => 'a text key of the English pack, such as "banner.title" (README, Texts), or "category.<key>.title" or ".description" of one of categories, as key',
  /* UrlPart */ 'a URL part as the browser writes URLs (printable ASCII without spaces, quotes, < > or \\, scheme and host in lower case) or /regex/',
  /* CookiePattern */ 'a cookie name or /regex/',
  /* Url */ 'an http(s) URL or a path',
  /* Whole */ 'a whole number from 0',
  /* Language */ '"auto" or a language code such as "fr" or "pt-BR"',
  /* Categories */ 'an object of categories',
  /* CategoryCount */ x => '1 to ' + x + ' categories',
  /* CategoryKey */ () => 'a category key of lowercase letters, digits, - or _ (starting with a letter)',
  /* CookieName */ 'a cookie name (letters, digits, - _ . and no spaces)',
  /* Host */ 'a host name such as "example.com", or null',
  /* Path */ 'a path starting with /',
  /* Days */ 'a number of days above 0',
  /* CssValue */ 'a CSS value without ; { } < > \\',
  /* CustomTexts */ x => 'texts for a custom category, at least in "' + x + '"',
  /* Necessary */ () => 'true (necessary is always granted)',
  /* CategoryRef */ 'the key of a category in categories',
  /* Later */ (_, __, key: string) =>
    'no "' + key + '": this version of consentry does not support ' + LATER[key] + (key == 'regions' ? '' : ' yet (integrations it supports: uet, metaPixel)'),
  /* TranslationLanguage */ () =>
    'a language code as the banner is shown in it as key: the language in lower case ("fr", "fr-CA"), zh-Hans or zh-Hant for Chinese, nb for Norwegian',
  /* ShownLanguage */ SHOWN,
  /* ShownLanguageKey */ () => SHOWN + ' as key (a region such as "fr-CA" is shown as "fr" unless translations has "fr-CA", even empty)',
  /* LateBlocks */ () =>
    'no blocks in a configuration fetched by data-config or given to init(): automatic blocking needs the inline configuration ' +
    '(<script type="application/json" id="consentry-config">), read before the HTML it holds back',
];

/**
 * The issues in words.
 * @example explain([[['categories', 'analytics', 'cookies', 0], Code.CookiePattern, 42, undefined]])
 *   // [{ path: 'categories.analytics.cookies[0]', expected: 'a cookie name or /regex/, got 42' }]
 */
export function explain(issues: Issue[]): ConfigError[] {
  return issues.map(i => {
    const text = TEXTS[i[1]]!;
    return { path: pathOf(i[0]), expected: typeof text === 'string' ? text + got(i[2]) : text(i[2], i[3], i[0][i[0].length - 1]) };
  });
}

/** One console line per configuration: every bad field with its path and what was expected. */
export function formatErrors(errors: ConfigError[]): string {
  return (
    'invalid configuration, every optional category is refused:\n' +
    errors.map(e => '  ' + e.path + ': expected ' + e.expected).join('\n')
  );
}
