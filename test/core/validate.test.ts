// The strict validator (contract §3) against the fixtures in test/fixtures/configs, and the JSON
// Schema shipped for editors (src/core/config.schema.json) against the same fixtures: the schema
// must accept what the validator accepts and reject what it rejects, except for the few rules no
// JSON Schema can state (listed in RUNTIME_ONLY below).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONSENT_MODE_TYPES, LAYOUTS, THEME_PROPERTIES } from '../../src/core/constants';
import { formatErrors, parseConfig, validateConfig } from '../../src/core/validate';

// Paths, not URLs: under happy-dom the global URL is not Node's, and fs rejects it.
const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../fixtures/configs');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

const validNames = readdirSync(join(fixtures, 'valid'))
  .filter(f => f.endsWith('.json'))
  .sort();
const valid = validNames.map(f => [f, readJson(join(fixtures, 'valid', f))] as const);

interface InvalidCase {
  name: string;
  config: unknown;
  /** The path validate.ts reports for the bad field. */
  path: string;
}
const invalid = readJson(join(fixtures, 'invalid.json')) as InvalidCase[];

/**
 * Rejected by the validator, accepted by the schema: rules JSON Schema cannot express.
 * - a /regex/ that does not compile (the schema can only check the /.../flags form);
 * - an integration naming a category that is not in `categories` (no cross-reference in JSON Schema);
 * - a custom category's texts missing the configured language when `language` is a fixed code (the
 *   schema checks "en" when the language is "auto" or absent, and that some language is there);
 * - a category's title or description in `translations` for a category that is not configured;
 * - a language the UI cannot be shown in (no built-in pack, not in `translations`): a fixed
 *   `language`, or a key of a category's `title` or `description`.
 */
const RUNTIME_ONLY = [
  'cookies bad regex /(/',
  'cookies regex with repeated flag',
  'blocks bad regex /(/',
  'integrations.uet naming a missing category',
  'custom category without texts in the configured language',
  'translations category text of a category not configured',
  'language with no pack and no translations',
  'category title in a region not shown',
  'category description in a language not shown',
];

const schema = readJson(join(here, '../../src/core/config.schema.json')) as Record<string, unknown>;
// strict: an unknown keyword, a typo'd type or a `required` naming no property fails compilation.
const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemaCheck = ajv.compile(schema);

const CATEGORY_KEY = /^[a-z][a-z0-9_-]{0,31}$/;
const TEXT_KEY = /^[a-zA-Z][\w.-]{0,63}$/;

/** An Ajv error as a path in validate.ts's notation (a.b[0]["odd key"]), walking the data for arrays. */
function ajvPath(data: unknown, e: ErrorObject): string {
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (e.params as Record<string, unknown>).additionalProperty ?? (e.params as Record<string, unknown>).propertyName ??
    (e.params as Record<string, unknown>).missingProperty;
  if (typeof extra === 'string') segments.push(extra);
  let path = '';
  let node: unknown = data;
  for (const s of segments) {
    if (Array.isArray(node)) path += '[' + s + ']';
    else if (CATEGORY_KEY.test(s) || TEXT_KEY.test(s)) path += (path ? '.' : '') + s;
    else path += '[' + JSON.stringify(s) + ']';
    node = node && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, s) ? (node as Record<string, unknown>)[s] : undefined;
  }
  return path || '(root)';
}

/** The schema's verdict, and where it found fault (in validate.ts's notation). */
function schemaVerdict(config: unknown): { ok: boolean; paths: string[] } {
  const ok = schemaCheck(config) as boolean;
  return { ok, paths: (schemaCheck.errors || []).map(e => ajvPath(config, e)) };
}

/** Cases built here rather than in JSON: sizes, and keys a JSON file would not show plainly. */
const big = (n: number): string => 'x'.repeat(n);
const manyKeys = (n: number, key: (i: number) => string, value: unknown): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [key(i), value]));
/** Two- and three-letter language codes: aa, ab, …, then aaa, aab, … */
const langCode = (i: number): string =>
  i < 676
    ? String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))
    : String.fromCharCode(97 + Math.floor((i - 676) / 676), 97 + Math.floor(((i - 676) % 676) / 26), 97 + ((i - 676) % 26));
const letters = (i: number): string => 'c' + String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
const withCategories = (categories: Record<string, unknown>, root: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...root,
  categories,
});

const generatedInvalid: InvalidCase[] = [
  { name: 'privacyPolicyUrl over 5000 characters', config: withCategories({ necessary: {} }, { privacyPolicyUrl: big(5001) }), path: 'privacyPolicyUrl' },
  { name: 'assetsUrl over 5000 characters', config: withCategories({ necessary: {} }, { assetsUrl: big(5001) }), path: 'assetsUrl' },
  { name: 'language over 5000 characters', config: withCategories({ necessary: {} }, { language: 'en' + '-ab'.repeat(2000) }), path: 'language' },
  {
    name: 'title over 5000 characters',
    config: withCategories({ analytics: { title: { en: big(5001) } } }),
    path: 'categories.analytics.title.en',
  },
  {
    name: 'service purpose over 5000 characters',
    config: withCategories({ analytics: { services: [{ name: 'A', purpose: big(5001) }] } }),
    path: 'categories.analytics.services[0].purpose',
  },
  {
    name: 'translation over 5000 characters',
    config: withCategories({ necessary: {} }, { translations: { fr: { 'banner.title': big(5001) } } }),
    path: 'translations.fr.banner.title',
  },
  {
    name: 'receipts endpoint over 5000 characters',
    config: withCategories({ necessary: {} }, { receipts: { endpoint: big(5001) } }),
    path: 'receipts.endpoint',
  },
  {
    name: 'blocks item over 500 characters',
    config: withCategories({ analytics: { services: [{ name: 'A', blocks: [big(501)] }] } }),
    path: 'categories.analytics.services[0].blocks[0]',
  },
  { name: '201 cookies', config: withCategories({ analytics: { cookies: Array(201).fill('_ga') } }), path: 'categories.analytics.cookies' },
  {
    name: '201 consentMode types',
    config: withCategories({ analytics: { consentMode: Array(201).fill('analytics_storage') } }),
    path: 'categories.analytics.consentMode',
  },
  { name: '201 services', config: withCategories({ analytics: { services: Array(201).fill({ name: 'A' }) } }), path: 'categories.analytics.services' },
  {
    name: '201 service cookies',
    config: withCategories({ analytics: { services: [{ name: 'A', cookies: Array(201).fill({ name: '_ga' }) }] } }),
    path: 'categories.analytics.services[0].cookies',
  },
  {
    name: '201 blocks',
    config: withCategories({ analytics: { services: [{ name: 'A', blocks: Array(201).fill('x.example') }] } }),
    path: 'categories.analytics.services[0].blocks',
  },
  { name: '31 categories', config: withCategories({ necessary: {}, ...manyKeys(30, letters, {}) }), path: 'categories' },
  {
    name: '201 title languages',
    config: withCategories({ analytics: { title: manyKeys(201, langCode, 'T') } }),
    path: 'categories.analytics.title',
  },
  { name: '201 translation languages', config: withCategories({ necessary: {} }, { translations: manyKeys(201, langCode, {}) }), path: 'translations' },
  {
    name: '201 translated texts',
    config: withCategories({ necessary: {} }, { translations: { fr: manyKeys(201, i => 'text' + i, 'T') } }),
    path: 'translations.fr',
  },
  {
    name: '201 theme properties',
    config: withCategories({ necessary: {} }, { ui: { theme: manyKeys(201, i => '--consentry-p' + i, 'red') } }),
    path: 'ui.theme',
  },
  {
    name: '__proto__ category parsed from JSON text',
    config: JSON.parse('{"categories":{"necessary":{},"__proto__":{"required":true}}}'),
    path: 'categories["__proto__"]',
  },
  {
    name: '__proto__ service field parsed from JSON text',
    config: JSON.parse('{"categories":{"analytics":{"services":[{"name":"A","__proto__":{"name":"B"}}]}}}'),
    path: 'categories.analytics.services[0]["__proto__"]',
  },
];

const generatedValid: [string, unknown][] = [
  ['texts of exactly 5000 characters', withCategories({ analytics: { title: { en: big(5000) } } }, { privacyPolicyUrl: big(5000), assetsUrl: big(5000) })],
  ['patterns of exactly 500 characters', withCategories({ analytics: { cookies: [big(500)], services: [{ name: 'A', blocks: [big(500)] }] } })],
  ['200 cookies', withCategories({ analytics: { cookies: Array(200).fill('_ga') } })],
  ['30 categories', withCategories({ necessary: {}, ...manyKeys(29, letters, { title: { en: 'T' }, description: { en: 'D' } }) })],
  ['200 translation languages', withCategories({ necessary: {} }, { translations: manyKeys(200, langCode, {}) })],
  ['every theme property', withCategories({ necessary: {} }, { ui: { theme: Object.fromEntries(THEME_PROPERTIES.map(p => ['--consentry-' + p, 'red'])) } })],
  ['largest revision', withCategories({ necessary: {} }, { revision: 2147483647 })],
  ['theme value of exactly 100 characters', withCategories({ necessary: {} }, { ui: { theme: { '--consentry-font': big(100) } } })],
  ['category key of 32 characters', withCategories({ ['a'.repeat(32)]: { title: { en: 'T' }, description: { en: 'D' } } })],
];

describe('valid configurations', () => {
  it('the fixtures include the minimal one, the contract example, a custom category and every layout', () => {
    expect(validNames).toEqual(
      expect.arrayContaining([
        'minimal.json',
        'contract-example.json',
        'custom-category.json',
        ...LAYOUTS.map(l => 'layout-' + l + '.json'),
      ]),
    );
    for (const layout of LAYOUTS)
      expect((valid.find(([f]) => f === 'layout-' + layout + '.json')![1] as { ui: { layout: string } }).ui.layout).toBe(layout);
  });

  it.each([...valid, ...generatedValid])('%s passes the validator', (_, config) => {
    expect(validateConfig(config)).toEqual([]);
    const parsed = parseConfig(config);
    expect(parsed.errors).toBeUndefined();
    expect(parsed.config!.categories.map(c => c.key)).toEqual(Object.keys((config as { categories: object }).categories));
  });

  it.each([...valid, ...generatedValid])('%s passes the JSON Schema', (_, config) => {
    expect(schemaVerdict(config)).toEqual({ ok: true, paths: [] });
  });
});

describe('invalid configurations', () => {
  const cases = [...invalid, ...generatedInvalid];

  it('every case has a distinct name, and __proto__ cases hold __proto__ as an own key', () => {
    expect(new Set(cases.map(c => c.name)).size).toBe(cases.length);
    const protoCases = cases.filter(c => c.path.includes('__proto__'));
    expect(protoCases.length).toBeGreaterThanOrEqual(4);
    for (const c of protoCases) expect(JSON.stringify(c.config)).toContain('"__proto__":');
    const inCategories = invalid.find(c => c.name === '__proto__ inside categories')!.config as { categories: object };
    expect(Object.keys(inCategories.categories)).toContain('__proto__');
  });

  it.each(cases.map(c => [c.name, c] as const))('%s: reported at its path, with what was expected', (_, c) => {
    const errors = validateConfig(c.config);
    expect(errors.map(e => e.path)).toContain(c.path);
    for (const e of errors) {
      expect(e.expected.trim()).not.toBe('');
      expect(e.path).not.toBe('');
    }
    const out = formatErrors(errors);
    expect(out.split('\n')[0]).toMatch(/invalid configuration/);
    for (const e of errors) expect(out).toContain('  ' + e.path + ': expected ' + e.expected);
    expect(parseConfig(c.config)).toEqual({ errors });
  });

  it('reports what was found, e.g. the bad cookie pattern', () => {
    const c = invalid.find(x => x.name === 'cookies item a number')!;
    expect(validateConfig(c.config)).toEqual([{ path: 'categories.analytics.cookies[1]', expected: 'a cookie name or /regex/, got 42' }]);
    expect(validateConfig(invalid.find(x => x.name === 'integrations.uet naming a missing category')!.config)).toEqual([
      { path: 'integrations.uet', expected: 'the key of a category in categories, got "marketing"' },
    ]);
    expect(validateConfig(invalid.find(x => x.name === 'privacyPolicyUrl javascript: with a tab inside')!.config)).toEqual([
      { path: 'privacyPolicyUrl', expected: 'an http(s) URL or a path, got "java\\tscript:alert(1)"' },
    ]);
  });

  it('checks every index of a list, holes of a sparse JS array included (init() takes JS objects)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const config = { categories: { analytics: { cookies: ['_ga', , '_gid'], consentMode: [, 'ad_storage'] } } };
    expect(validateConfig(config)).toEqual([
      { path: 'categories.analytics.cookies[1]', expected: 'a cookie name or /regex/, got undefined' },
      { path: 'categories.analytics.consentMode[0]', expected: 'one of ' + CONSENT_MODE_TYPES.join(', ') + ', got undefined' },
    ]);
  });

  it('RUNTIME_ONLY names existing cases', () => {
    for (const name of RUNTIME_ONLY) expect(cases.map(c => c.name)).toContain(name);
  });

  it.each(cases.filter(c => !RUNTIME_ONLY.includes(c.name)).map(c => [c.name, c] as const))(
    '%s: rejected by the JSON Schema at the same place',
    (_, c) => {
      const v = schemaVerdict(c.config);
      expect(v.ok).toBe(false);
      // Ajv may point deeper (the missing "en" inside a title): the validator's path, or below it.
      expect(v.paths.some(p => p === c.path || p.startsWith(c.path + '.') || p.startsWith(c.path + '['))).toBe(true);
    },
  );

  it.each(invalid.filter(c => RUNTIME_ONLY.includes(c.name)).map(c => [c.name, c] as const))(
    '%s: accepted by the JSON Schema (a rule only the runtime checks)',
    (_, c) => {
      expect(schemaVerdict(c.config)).toEqual({ ok: true, paths: [] });
    },
  );
});

describe('the JSON Schema', () => {
  it('is draft 2020-12 with a description on every property', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const missing: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const key of ['properties', 'patternProperties', '$defs'] as const) {
        const props = n[key] as Record<string, unknown> | undefined;
        if (!props || typeof props !== 'object') continue;
        for (const [name, sub] of Object.entries(props)) {
          // `true` placeholders inside if/then only exclude names; they describe nothing.
          if (sub !== true && !(sub as { description?: unknown }).description) missing.push(where + '/' + key + '/' + name);
        }
      }
      for (const [k, v] of Object.entries(n)) walk(v, where + '/' + k);
    };
    walk(schema, '#');
    // The if/then's inner "title"/"description" only add a requirement to the described ones.
    expect(missing.filter(m => !m.startsWith('#/then/'))).toEqual([]);
  });
});
