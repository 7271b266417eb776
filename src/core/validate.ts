// The strict validator (contract §3), shipped in lazily loaded chunks, never in the loader. An
// unknown or mistyped field is reported with its path and what was expected rather than ignored,
// and any error makes the SDK refuse every optional category (it never fails open).

import { BUILTIN_CATEGORIES, CONSENT_MODE_TYPES, LAYOUTS, MAX_CATEGORIES, SAFE_URL, SAME_SITE } from './constants';
import { resolveConfig, type ResolvedConfig } from './config';
import { toRegExp } from './patterns';
import type { Config, ConfigError } from './types';

/** Hostile input stays bounded (issue 9): no text or list may grow without limit. */
const MAX_TEXT = 5000;
const MAX_ITEMS = 200;
const CATEGORY_KEY = /^[a-z][a-z0-9_-]{0,31}$/;
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
const HOST = /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;
const TEXT_KEY = /^[a-zA-Z][\w.-]{0,63}$/;
const THEME_KEY = /^--consentry-[a-z0-9-]{1,40}$/;
const THEME_VALUE = /^[^;{}<>\\]{1,100}$/;

type Check = (value: unknown, path: string) => void;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);
// A page may have replaced JSON.stringify (issue 9): the report must still be made.
const quote = (s: string): string => {
  try {
    return JSON.stringify(s);
  } catch {
    return '"' + s + '"';
  }
};
const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return quote(v.length > 40 ? v.slice(0, 40) + '…' : v);
  return typeof v === 'object' ? 'an object' : String(v);
};
const at = (path: string, key: string): string =>
  CATEGORY_KEY.test(key) || TEXT_KEY.test(key) ? (path ? path + '.' : '') + key : path + '[' + quote(key) + ']';

/**
 * Checks a configuration against contract §3.
 * @param input the parsed JSON (anything: it is checked, never trusted)
 * @returns every bad field's path and what was expected there; empty when the configuration is valid
 * @example validateConfig({ categories: { analytics: { cookies: [42] } } })
 *   // [{ path: 'categories.analytics.cookies[0]', expected: 'a cookie name or /regex/, got 42' }]
 */
export function validateConfig(input: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  const fail = (path: string, expected: string, ...got: unknown[]): void => {
    errors.push({ path: path || '(root)', expected: got.length ? expected + ', got ' + describe(got[0]) : expected });
  };

  const object =
    (spec: Record<string, Check>, required: string[] = []): Check =>
    (v, path) => {
      if (!isObject(v)) return fail(path, 'an object', v);
      for (const key of required) if (!hasOwn(v, key)) fail(at(path, key), 'a value (required)');
      for (const key of Object.keys(v)) {
        if (hasOwn(spec, key)) spec[key]!(v[key], at(path, key));
        else fail(at(path, key), 'no such field; allowed: ' + Object.keys(spec).join(', '));
      }
    };
  const list =
    (item: Check): Check =>
    (v, path) => {
      if (!Array.isArray(v)) return fail(path, 'an array', v);
      if (v.length > MAX_ITEMS) return fail(path, 'at most ' + MAX_ITEMS + ' items');
      // Every index, holes included: forEach would skip the hole in a JS literal such as ['_ga', , '_gid'].
      for (let i = 0; i < v.length; i++) item(v[i], path + '[' + i + ']');
    };
  const text =
    (re?: RegExp, what = 'a text'): Check =>
    (v, path) => {
      if (typeof v !== 'string' || !v || v.length > MAX_TEXT || (re && !re.test(v))) fail(path, what, v);
    };
  const oneOf =
    (values: readonly string[]): Check =>
    (v, path) => {
      if (typeof v !== 'string' || values.indexOf(v) < 0) fail(path, 'one of ' + values.join(', '), v);
    };
  const bool: Check = (v, path) => {
    if (typeof v !== 'boolean') fail(path, 'true or false', v);
  };
  const map =
    (keyRe: RegExp, keyWhat: string, value: Check): Check =>
    (v, path) => {
      if (!isObject(v)) return fail(path, 'an object', v);
      const keys = Object.keys(v);
      if (keys.length > MAX_ITEMS) return fail(path, 'at most ' + MAX_ITEMS + ' entries');
      for (const k of keys) {
        if (!keyRe.test(k)) fail(at(path, k), keyWhat + ' as key');
        else value(v[k], at(path, k));
      }
    };
  // Cookie names cannot hold separators; URL parts may hold anything.
  const pattern =
    (what: string, forbidden?: RegExp): Check =>
    (v, path) => {
      if (typeof v !== 'string' || !v || v.length > 500) return fail(path, what, v);
      // Anything shaped like /…/flags must compile with valid flags: "/^_ga/g" is a mistake, not a name.
      if (/^\/.+\/[a-z]*$/.test(v) ? !toRegExp(v) : forbidden && forbidden.test(v)) fail(path, what, v);
    };
  const localized = map(LANGUAGE_TAG, 'a language code', text());
  const url = text(SAFE_URL, 'an http(s) URL or a path');
  const nullable =
    (check: Check): Check =>
    (v, path) => {
      if (v !== null) check(v, path);
    };

  const service = object(
    {
      name: text(),
      provider: text(),
      purpose: text(),
      cookies: list(object({ name: text(), duration: text(), description: text() }, ['name'])),
      blocks: list(pattern('a URL part or /regex/')),
    },
    ['name'],
  );
  const category = object({
    required: bool,
    cookies: list(pattern('a cookie name or /regex/', /[\s;,=]/)),
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
        if (typeof v !== 'number' || !(v >= 0 && v <= 2147483647) || v % 1) fail(path, 'a whole number from 0', v);
      },
      privacyPolicyUrl: url,
      language: text(/^auto$|^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, '"auto" or a language code such as "fr" or "pt-BR"'),
      categories: (v, path) => {
        if (!isObject(v)) return fail(path, 'an object of categories', v);
        const keys = Object.keys(v);
        if (!keys.length || keys.length > MAX_CATEGORIES) fail(path, '1 to ' + MAX_CATEGORIES + ' categories');
        for (const key of keys) {
          const p = at(path, key);
          if (!CATEGORY_KEY.test(key)) {
            fail(p, 'a category key of lowercase letters, digits, - or _ (starting with a letter)');
            continue;
          }
          category(v[key], p);
        }
      },
      cookie: object({
        name: text(COOKIE_NAME, 'a cookie name (letters, digits, - _ . and no spaces)'),
        domain: nullable(text(HOST, 'a host name such as "example.com", or null')),
        path: text(/^\/[^;\s]*$/, 'a path starting with /'),
        maxAgeDays: (v, path) => {
          if (typeof v !== 'number' || !(v > 0 && v < 1e6)) fail(path, 'a number of days above 0', v);
        },
        sameSite: oneOf(SAME_SITE),
      }),
      receipts: object({ endpoint: nullable(url) }),
      ui: object({
        layout: oneOf(LAYOUTS),
        floatingButton: bool,
        theme: map(THEME_KEY, 'a --consentry-* property', text(THEME_VALUE, 'a CSS value without ; { } < > \\')),
      }),
      integrations: object({ uet: text(), metaPixel: text() }),
      translations: map(LANGUAGE_TAG, 'a language code', map(TEXT_KEY, 'a text key such as "banner.title"', text())),
      assetsUrl: url,
      debug: bool,
    },
    ['categories'],
  )(input, '');

  // Cross-field rules, only once the shapes are right.
  if (!errors.length) {
    const c = input as Config;
    const lang = c.language && c.language !== 'auto' ? c.language : 'en';
    for (const [key, cat] of Object.entries(c.categories)) {
      if ((BUILTIN_CATEGORIES as readonly string[]).indexOf(key) < 0)
        for (const field of ['title', 'description'] as const)
          if (!cat[field] || !cat[field]![lang] && !cat[field]![lang.split('-')[0]!])
            fail('categories.' + key + '.' + field, 'texts for a custom category, at least in "' + lang + '"');
      if (key === 'necessary' && cat.required === false) fail('categories.necessary.required', 'true (necessary is always granted)');
    }
    for (const [name, cat] of Object.entries(c.integrations || {}))
      if (!hasOwn(c.categories, cat as string)) fail('integrations.' + name, 'the key of a category in categories', cat);
  }
  return errors;
}

export type ParseResult = { config: ResolvedConfig; errors?: undefined } | { config?: undefined; errors: ConfigError[] };

/**
 * Validates, then resolves.
 * @returns `{ config }` ready to use, or `{ errors }`
 */
export function parseConfig(input: unknown): ParseResult {
  const errors = validateConfig(input);
  return errors.length ? { errors } : { config: resolveConfig(input as Config) };
}

/** One console line per configuration: every bad field with its path and what was expected. */
export function formatErrors(errors: ConfigError[]): string {
  return (
    'invalid configuration, every optional category is refused:\n' +
    errors.map(e => '  ' + e.path + ': expected ' + e.expected).join('\n')
  );
}

