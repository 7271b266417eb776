// The strict validator (README, "Configuration") in its compact form, shipped in the lazily loaded chunks, never
// in the loader. It finds every bad field and says where (its path) and what was wrong (a short code,
// its parameter, and the value found), but not in words: a first-time visitor with a valid
// configuration never reads a message, so the readable texts (messages.ts) are a chunk of their own,
// fetched only when a configuration fails (README, Configuration). Any issue makes the SDK refuse
// every optional category (it never fails open).

import { BUILTIN_CATEGORIES, CONSENT_MODE_TYPES, LAYOUTS, MAX_CATEGORIES, SAFE_URL, SAME_SITE } from './constants';
import { codesFor, PACKS } from './languages';
import { toRegExp } from './patterns';
import type { Config } from './types';

/**
 * What was expected where a field is wrong. The readable text of each is in messages.ts, in this
 * order; a `const enum`, so that only the numbers reach the chunks.
 */
export const enum Code {
  Object,
  Required,
  NoField,
  Array,
  MaxItems,
  Text,
  OneOf,
  Bool,
  MaxEntries,
  LanguageKey,
  ThemeKey,
  TextKey,
  UrlPart,
  CookiePattern,
  Url,
  Whole,
  Language,
  Categories,
  CategoryCount,
  CategoryKey,
  CookieName,
  Host,
  Path,
  Days,
  CssValue,
  CustomTexts,
  Necessary,
  CategoryRef,
  Later,
  TranslationLanguage,
  ShownLanguage,
  ShownLanguageKey,
  LateBlocks,
}

/**
 * One bad field: its path, the code of what was expected there, and the code's details: the value
 * found, or a parameter (a list of allowed names, a limit, a language), or both (see messages.ts).
 */
export type Issue = [path: Path, code: Code, x: unknown, y: unknown];
/** Where a field is: its keys and list indexes from the root (messages.ts writes it as a.b[0]["odd key"]). */
export type Path = (string | number)[];

/** Hostile input stays bounded (README, "Browser support"): no text or list may grow without limit. */
const MAX_TEXT = 5000;
const MAX_ITEMS = 200;
const CATEGORY_KEY = /^[a-z][a-z0-9_-]{0,31}$/;
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
/**
 * A language of `translations`: one the UI can be shown in under that very code (languages.ts
 * codesFor). A lowercase language subtag (the browser's own tags have one: "EN" is shown as "en"),
 * and neither no or nn (shown as nb) nor a Chinese tag other than zh-Hans and zh-Hant (zh-TW is
 * shown as zh-Hant): texts under any other code would never be shown.
 */
const TRANSLATION_LANGUAGE = /^(?!(no|nn)(-|$)|zh-(?!Hans$|Hant$))[a-z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
const HOST = /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;
/** A category's own texts, which `translations` may give too (core/i18n.ts `pick`). */
const CATEGORY_TEXT = /^category\.([a-z][a-z0-9_-]{0,31})\.(title|description)$/;
/**
 * Which keys of the English pack `translations` may set besides the categories' own texts: told by
 * the chunk that has the pack at hand (`inPack`), or by one that has only its keys (constants.ts
 * TEXT_KEYS, the core chunk), so that the pack is never bundled for this alone.
 */
export type TextKeys = (key: string) => boolean;
/** The English pack's keys, from the pack. */
export const inPack =
  (pack: object): TextKeys =>
  k =>
    hasOwn(pack, k) && !k.startsWith('category.');
/** constants.ts THEME_PROPERTIES, the properties the stylesheets read (test/core/fields.test.ts). */
const THEME_KEY = /^--consentry-(bg|fg|accent(-fg)?|line|focus|radius|font|z)$/;
/**
 * A part of a URL as the browser writes it (the WHATWG URL serializer), which is what `blocks` is
 * matched against (core/autoblock.ts): printable ASCII without the space, `"`, `<`, `>` or `\\` that
 * it always percent-encodes (or, for `\\`, turns into `/`), nor a capital in a leading scheme and
 * host, which it lowercases. Anything else could never match, and would block nothing.
 */
const URL_PART = /^(?![^:/]*[A-Z][^:/]*:\/\/|([a-zA-Z][a-zA-Z0-9+.-]*:)?\/\/[^/?#]*[A-Z])[!#-;=?-[\]-~]+$/;
const THEME_VALUE = /^[^;{}<>\\]{1,100}$/;

type Check = (value: unknown, path: Path) => void;
type KeyTest = { test(key: string): boolean };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks a configuration against the README's "Configuration".
 * @param input the parsed JSON (anything: it is checked, never trusted)
 * @param textKeys which English-pack keys `translations` may set (`inPack(en)`)
 * @param late the configuration arrives after the page's HTML (the loader's `data-config`, or
 *   `init()`): services may then not list `blocks`, since automatic blocking needs the inline
 *   configuration (README, Automatic blocking); without it, `blocks` is checked as a configuration file
 * @returns every bad field's issue; empty when the configuration is valid (messages.ts `explain`
 *   turns them into words)
 * @example check({ categories: { analytics: { cookies: [42] } } }, inPack(en))
 *   // [[['categories', 'analytics', 'cookies', 0], Code.CookiePattern, 42, undefined]]
 */
export function check(input: unknown, textKeys: TextKeys, late?: boolean): Issue[] {
  const issues: Issue[] = [];
  // A key `translations` may set: one of the English pack's (README, Texts), or the title or
  // description of a configured category. Any other key would be accepted and never shown.
  const textKey: KeyTest = {
    test: k => {
      const own = CATEGORY_TEXT.exec(k);
      return own ? isObject((input as Config).categories) && hasOwn((input as Config).categories, own[1]!) : textKeys(k);
    },
  };
  const fail = (path: Path, code: Code, x?: unknown, y?: unknown): void => void issues.push([path, code, x, y]);

  const object =
    (spec: Record<string, Check>, required: string[] = []): Check =>
    (v, path) => {
      if (!isObject(v)) return fail(path, Code.Object, v);
      for (const key of required) if (!hasOwn(v, key)) fail([...path, key], Code.Required);
      for (const key of Object.keys(v)) {
        if (hasOwn(spec, key)) spec[key]!(v[key], [...path, key]);
        else fail([...path, key], Code.NoField, Object.keys(spec));
      }
    };
  const list =
    (item: Check): Check =>
    (v, path) => {
      if (!Array.isArray(v)) return fail(path, Code.Array, v);
      if (v.length > MAX_ITEMS) return fail(path, Code.MaxItems, MAX_ITEMS);
      // Every index, holes included: forEach would skip the hole in a JS literal such as ['_ga', , '_gid'].
      for (let i = 0; i < v.length; i++) item(v[i], [...path, i]);
    };
  const text =
    (re?: RegExp, code = Code.Text): Check =>
    (v, path) => {
      if (typeof v !== 'string' || !v || v.length > MAX_TEXT || (re && !re.test(v))) fail(path, code, v);
    };
  const oneOf =
    (values: readonly string[]): Check =>
    (v, path) => {
      if (typeof v !== 'string' || values.indexOf(v) < 0) fail(path, Code.OneOf, v, values);
    };
  const bool: Check = (v, path) => {
    if (typeof v !== 'boolean') fail(path, Code.Bool, v);
  };
  const map =
    (keyRe: KeyTest, keyCode: Code, value: Check): Check =>
    (v, path) => {
      if (!isObject(v)) return fail(path, Code.Object, v);
      const keys = Object.keys(v);
      if (keys.length > MAX_ITEMS) return fail(path, Code.MaxEntries, MAX_ITEMS);
      for (const k of keys) {
        if (!keyRe.test(k)) fail([...path, k], keyCode);
        else value(v[k], [...path, k]);
      }
    };
  // An exact name or URL part must match `plain`; anything shaped like /…/flags must compile with
  // valid flags: "/^_ga/g" is a mistake, not a name.
  const pattern =
    (code: Code, plain: RegExp): Check =>
    (v, path) => {
      if (typeof v !== 'string' || !v || v.length > 500 || (/^\/.+\/[a-z]*$/.test(v) ? !toRegExp(v) : !plain.test(v))) fail(path, code, v);
    };
  const localized = map(LANGUAGE_TAG, Code.LanguageKey, text());
  const url = text(SAFE_URL, Code.Url);
  // A field of the contract that this version does not act on yet: refused, never accepted and
  // ignored, with a message that says so (messages.ts leaves it out of the "allowed" lists).
  const later: Check = (v, path) => fail(path, Code.Later);
  const nullable =
    (check: Check): Check =>
    (v, path) => {
      if (v !== null) check(v, path);
    };

  const blocks = list(pattern(Code.UrlPart, URL_PART));
  const service = object(
    {
      name: text(),
      provider: text(),
      purpose: text(),
      cookies: list(object({ name: text(), duration: text(), description: text() }, ['name'])),
      // Refused rather than ignored where they cannot act: whatever the HTML held before the
      // configuration arrived has run or loaded already, matching or not. Fail closed.
      blocks: (v, path) => (late && Array.isArray(v) && v.length ? fail(path, Code.LateBlocks) : blocks(v, path)),
    },
    ['name'],
  );
  const category = object({
    required: bool,
    cookies: list(pattern(Code.CookiePattern, /^[^\s;,=]+$/)),
    consentMode: list(oneOf(CONSENT_MODE_TYPES)),
    services: list(service),
    optOutOnGPC: bool,
    title: localized,
    description: localized,
  });

  object(
    {
      $schema: text(),
      revision: (v, path) => {
        if (typeof v !== 'number' || !(v >= 0 && v <= 2147483647) || v % 1) fail(path, Code.Whole, v);
      },
      privacyPolicyUrl: url,
      language: text(/^auto$|^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, Code.Language),
      categories: (v, path) => {
        if (!isObject(v)) return fail(path, Code.Categories, v);
        const keys = Object.keys(v);
        if (!keys.length || keys.length > MAX_CATEGORIES) fail(path, Code.CategoryCount, MAX_CATEGORIES);
        for (const key of keys) {
          const p = [...path, key];
          if (!CATEGORY_KEY.test(key)) {
            fail(p, Code.CategoryKey);
            continue;
          }
          category(v[key], p);
        }
      },
      cookie: object({
        name: text(COOKIE_NAME, Code.CookieName),
        domain: nullable(text(HOST, Code.Host)),
        path: text(/^\/[^;\s]*$/, Code.Path),
        maxAgeDays: (v, path) => {
          if (typeof v !== 'number' || !(v > 0 && v < 1e6)) fail(path, Code.Days, v);
        },
        sameSite: oneOf(SAME_SITE),
      }),
      receipts: object({ endpoint: nullable(url) }),
      ui: object({
        layout: oneOf(LAYOUTS),
        floatingButton: bool,
        theme: map(THEME_KEY, Code.ThemeKey, text(THEME_VALUE, Code.CssValue)),
      }),
      // Contract §12's platforms, not in this version.
      integrations: object({ uet: text(), metaPixel: text(), clarity: later, matomo: later, posthog: later, tiktok: later }),
      translations: map(TRANSLATION_LANGUAGE, Code.TranslationLanguage, map(textKey, Code.TextKey, text())),
      assetsUrl: url,
      debug: bool,
      // Contract §10, not in this version: every visitor is asked first (opt-in).
      regions: later,
    },
    ['categories'],
  )(input, []);

  // Cross-field rules, only once the shapes are right.
  if (!issues.length) {
    const c = input as Config;
    const translations = c.translations || {};
    const lang = c.language && c.language !== 'auto' ? c.language : 'en';
    // The languages the UI can be shown in (core/i18n.ts resolveLanguage): English, a built-in
    // pack, or one the site translates. A fixed `language` none of whose codes is one of them would
    // be shown in English; a category text under a code that is neither one of them nor the
    // language part of one (pick() reads both) would never be shown.
    const shown = ['en', ...PACKS, ...Object.keys(translations)];
    if (lang !== 'en' && !codesFor(lang).some(code => shown.indexOf(code) >= 0)) fail(['language'], Code.ShownLanguage, lang);
    for (const [key, cat] of Object.entries(c.categories)) {
      for (const field of ['title', 'description'] as const) {
        const texts = cat[field];
        for (const code of Object.keys(texts || {}))
          if (!shown.some(s => s === code || s.split('-')[0] === code)) fail(['categories', key, field, code], Code.ShownLanguageKey);
        if ((BUILTIN_CATEGORIES as readonly string[]).indexOf(key) < 0 && (!texts || !texts[lang] && !texts[lang.split('-')[0]!]))
          fail(['categories', key, field], Code.CustomTexts, lang);
      }
      if (key === 'necessary' && cat.required === false) fail(['categories', key, 'required'], Code.Necessary);
    }
    for (const [name, cat] of Object.entries(c.integrations || {}))
      if (!hasOwn(c.categories, cat as string)) fail(['integrations', name], Code.CategoryRef, cat);
  }
  return issues;
}
