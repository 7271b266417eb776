// Property tests for the configuration path: the validator is total (any value in, a list of
// errors out, never an exception), whatever it accepts the resolver can read, and the JSON Schema
// agrees with it except for the rules only the runtime can check.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { CONSENT_MODE_TYPES, MAX_AGE_CAP_DAYS } from '../../src/core/constants';
import { toRegExp } from '../../src/core/patterns';
import type { ConfigError } from '../../src/core/types';
import { formatErrors, parseConfig, validateConfig } from '../../src/core/validate';

const here = dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(join(here, '../../src/core/config.schema.json'), 'utf8'));
const schemaCheck = new Ajv2020({ allErrors: true }).compile(schema);

/** validateConfig must return an array of well-formed errors, and formatErrors must print them. */
function checkTotal(input: unknown): ConfigError[] {
  const errors = validateConfig(input);
  expect(Array.isArray(errors)).toBe(true);
  for (const e of errors) {
    expect(typeof e.path).toBe('string');
    expect(e.path.length).toBeGreaterThan(0);
    expect(typeof e.expected).toBe('string');
    expect(e.expected.length).toBeGreaterThan(0);
  }
  expect(typeof formatErrors(errors)).toBe('string');
  return errors;
}

/** Whatever validates must resolve, with every category in order and the cookie lifetime capped. */
function checkResolves(input: unknown): void {
  const config = input as { categories: Record<string, unknown>; revision?: number };
  const resolved = resolveConfig(input);
  expect(resolved.categories.map(c => c.key)).toEqual(Object.keys(config.categories));
  expect(resolved.revision).toBe(config.revision || 0);
  expect(resolved.cookie.maxAgeDays).toBeGreaterThan(0);
  expect(resolved.cookie.maxAgeDays).toBeLessThanOrEqual(MAX_AGE_CAP_DAYS);
  for (const c of resolved.categories) for (const m of c.cookies) expect(typeof m('_ga')).toBe('boolean');
  expect(parseConfig(input).config).toBeDefined();
}

const anything = fc.anything({
  maxDepth: 4,
  withObjectString: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withDate: true,
  withBigInt: true,
  withUnicodeString: true,
});

describe('validateConfig is total', () => {
  it('any JSON value: an array of errors, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), v => {
        const errors = checkTotal(v);
        if (!errors.length) checkResolves(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('any JavaScript value (null prototypes, boxed values, maps, sparse arrays, bigints…)', () => {
    fc.assert(
      fc.property(anything, v => {
        checkTotal(v);
      }),
      { numRuns: 2000 },
    );
  });

  // Random values rarely get past the root; put them where each check sits.
  const slots: ((v: unknown) => unknown)[] = [
    v => ({ categories: v }),
    v => ({ categories: { necessary: v } }),
    v => ({ categories: { analytics: { cookies: v } } }),
    v => ({ categories: { analytics: { cookies: ['_ga', v] } } }),
    v => ({ categories: { analytics: { consentMode: [v] } } }),
    v => ({ categories: { analytics: { services: [v] } } }),
    v => ({ categories: { analytics: { services: [{ name: 'A', cookies: [v] }] } } }),
    v => ({ categories: { analytics: { services: [{ name: 'A', blocks: [v] }] } } }),
    v => ({ categories: { partners: { title: v, description: v } } }),
    v => ({ categories: { necessary: {} }, integrations: { uet: v } }),
    v => ({ categories: { necessary: {} }, integrations: v }),
    v => ({ categories: { necessary: {} }, cookie: v }),
    v => ({ categories: { necessary: {} }, cookie: { domain: v, maxAgeDays: v } }),
    v => ({ categories: { necessary: {} }, ui: { theme: v } }),
    v => ({ categories: { necessary: {} }, translations: v }),
    v => ({ categories: { necessary: {} }, translations: { fr: v } }),
    v => ({ categories: { necessary: {} }, revision: v, language: v }),
  ];

  it('any value at any field of an otherwise valid configuration', () => {
    fc.assert(
      fc.property(fc.nat(slots.length - 1), fc.oneof(fc.jsonValue({ maxDepth: 3 }), anything), (i, v) => {
        const input = slots[i]!(v);
        if (!checkTotal(input).length) checkResolves(input);
      }),
      { numRuns: 3000 },
    );
  });
});

// Configurations close to valid ones. `nearly(0)` draws only well-shaped fields (the cross-field
// rules may still fail: a custom category without texts, an integration naming a missing category);
// `nearly(w)` makes each field wrong in a typical way about once in w + 1 draws.
function nearly(w: number): fc.Arbitrary<Record<string, unknown>> {
  const some = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    w ? fc.oneof({ weight: w, arbitrary: good }, { weight: 1, arbitrary: bad }) : good;
  const text = some(fc.oneof(fc.constantFrom('Analytics', '/privacy', 'x'), fc.string({ minLength: 1, maxLength: 12 })), fc.constantFrom('', 42, null));
  const langKey = some(fc.constantFrom('en', 'fr', 'pt', 'pt-BR', 'de-CH'), fc.constantFrom('english', 'pt_BR')) as fc.Arbitrary<string>;
  const localized = fc.dictionary(langKey, text, { maxKeys: 3 });
  const categoryKey = some(
    fc.constantFrom('necessary', 'preferences', 'analytics', 'marketing', 'partners', 'video-embeds', 'constructor'),
    fc.constantFrom('Analytics', '__proto__', '1st'),
  ) as fc.Arbitrary<string>;
  const cookiePattern = some(
    fc.oneof(fc.constantFrom('_ga', '_gid', '/^_ga/', '/x/imsu', '/a b/', '//', '/x/g'), fc.stringMatching(/^[^\s;,=]{1,8}$/)),
    fc.constantFrom('/(/', '/^a/ii', 'a b', 'a=b', '', 7),
  );
  const urlPattern = some(
    fc.oneof(fc.constantFrom('tags.example/a.js', '/collect\\?v=/', '/x/g', '//', 'a b'), fc.string({ minLength: 1, maxLength: 8 })),
    fc.constantFrom('/[/', '', 1, null),
  );
  const service = some(
    fc.record(
      {
        name: text,
        provider: text,
        purpose: text,
        cookies: fc.array(
          some(fc.record({ name: text, duration: text, description: text }, { requiredKeys: ['name'] }), fc.constantFrom({ duration: 'x' }, { name: 'x', domain: 'y' }, '_ga')),
          { maxLength: 2 },
        ),
        blocks: fc.array(urlPattern, { maxLength: 3 }),
      },
      { requiredKeys: ['name'] },
    ),
    fc.constantFrom({}, { name: 'x', url: 'y' }, 'Analytics'),
  );
  const category = fc.record(
    {
      required: some(fc.boolean(), fc.constant('true')),
      cookies: fc.array(cookiePattern, { maxLength: 3 }),
      consentMode: fc.array(some(fc.constantFrom(...CONSENT_MODE_TYPES), fc.constantFrom('ad_click', 'AD_STORAGE')), { maxLength: 3 }),
      services: fc.array(service, { maxLength: 2 }),
      optOutOnGPC: some(fc.boolean(), fc.constant(1)),
      title: localized,
      description: localized,
    },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      revision: some(fc.nat(), fc.constantFrom(-1, 1.5, '1')),
      privacyPolicyUrl: text,
      language: some(fc.constantFrom('auto', 'en', 'fr', 'pt-BR', 'de-CH'), fc.constantFrom('french', '')),
      categories: fc.dictionary(categoryKey, category, { minKeys: w ? 0 : 1, maxKeys: 4 }),
      cookie: fc.record(
        {
          name: some(fc.constantFrom('consentry', '__Host-c'), fc.constantFrom('my cookie', '')),
          domain: some(fc.constantFrom(null, 'example.com', '.site.example'), fc.constantFrom('https://x', 1)),
          path: some(fc.constantFrom('/', '/shop'), fc.constantFrom('shop', '/a;b')),
          maxAgeDays: some(fc.oneof(fc.constantFrom(0.5, 182, 400, 999999), fc.integer({ min: 1, max: 5000 })), fc.constantFrom(0, -1, 1e6, '182')),
          sameSite: some(fc.constantFrom('Lax', 'Strict'), fc.constantFrom('None', 'lax')),
        },
        { requiredKeys: [] },
      ),
      receipts: fc.record({ endpoint: some(fc.constantFrom(null, '/consent/receipts'), fc.constantFrom('', 7)) }, { requiredKeys: [] }),
      ui: fc.record(
        {
          layout: some(fc.constantFrom('bar', 'box', 'modal'), fc.constantFrom('popup', 'Bar')),
          floatingButton: some(fc.boolean(), fc.constant('true')),
          theme: fc.dictionary(
            some(fc.constantFrom('--consentry-bg', '--consentry-accent-2'), fc.constantFrom('color', '--consentry-Bg')) as fc.Arbitrary<string>,
            some(fc.constantFrom('red', '#fff', '8px', '"Inter", sans-serif'), fc.constantFrom('red;', '</style>', '', 3)),
            { maxKeys: 2 },
          ),
        },
        { requiredKeys: [] },
      ),
      integrations: fc.record(
        { uet: some(categoryKey, fc.constantFrom(5, 'Marketing')), metaPixel: some(categoryKey, fc.constant('')) },
        { requiredKeys: [] },
      ),
      translations: fc.dictionary(
        langKey,
        fc.dictionary(some(fc.constantFrom('banner.title', 'banner.description'), fc.constantFrom('1x', 'x y')) as fc.Arbitrary<string>, text, {
          maxKeys: 2,
        }),
        { maxKeys: 2 },
      ),
      assetsUrl: text,
      debug: some(fc.boolean(), fc.constant('yes')),
    },
    { requiredKeys: ['categories'] },
  );
}
/** Satisfies the cross-field rules: texts for custom categories, integrations naming a category. */
function repair(config: Record<string, unknown>): Record<string, unknown> {
  const c = structuredClone(config) as {
    language?: string;
    categories: Record<string, { required?: unknown; title?: Record<string, unknown>; description?: Record<string, unknown> }>;
    integrations?: Record<string, unknown>;
  };
  const lang = c.language && c.language !== 'auto' ? c.language : 'en';
  for (const [key, cat] of Object.entries(c.categories)) {
    if (!['necessary', 'preferences', 'analytics', 'marketing'].includes(key)) {
      cat.title = { ...cat.title, [lang]: 'Title' };
      cat.description = { ...cat.description, [lang]: 'Description' };
    }
    if (key === 'necessary') delete cat.required;
  }
  for (const name of Object.keys(c.integrations || {}))
    if (!Object.prototype.hasOwnProperty.call(c.categories, c.integrations![name] as string)) delete c.integrations![name];
  return c;
}
const nearlyValid = fc.oneof(
  nearly(0).map(repair),
  nearly(0),
  nearly(40).map(repair),
  nearly(40),
  nearly(8),
);

/** Paths of /regex/ patterns that do not compile: a rule the schema cannot state. */
function badRegexPaths(config: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  // Anything shaped /…/letters must compile with valid flags (validate.ts).
  const bad = (p: unknown): boolean => typeof p === 'string' && /^\/.+\/[a-z]*$/.test(p) && !toRegExp(p);
  const cats = config.categories;
  if (!cats || typeof cats !== 'object') return out;
  for (const [key, cat] of Object.entries(cats as Record<string, { cookies?: unknown; services?: unknown }>)) {
    if (!cat || typeof cat !== 'object') continue;
    if (Array.isArray(cat.cookies)) cat.cookies.forEach((p, i) => bad(p) && out.add('categories.' + key + '.cookies[' + i + ']'));
    if (Array.isArray(cat.services))
      cat.services.forEach((s: { blocks?: unknown }, j) => {
        if (s && Array.isArray(s.blocks))
          s.blocks.forEach((p, i) => bad(p) && out.add('categories.' + key + '.services[' + j + '].blocks[' + i + ']'));
      });
  }
  return out;
}

describe('nearly valid configurations', () => {
  it('the validator and the JSON Schema agree, except for the rules only the runtime checks', () => {
    let accepted = 0;
    let runtimeOnly = 0;
    fc.assert(
      fc.property(nearlyValid, config => {
        const errors = checkTotal(config);
        const schemaOk = schemaCheck(config) as boolean;
        if (!errors.length) {
          accepted++;
          checkResolves(config);
          // The schema is never stricter than the validator.
          expect(schemaCheck.errors).toBeNull();
          expect(schemaOk).toBe(true);
        } else if (schemaOk) {
          runtimeOnly++;
          // Accepted by the schema, refused at runtime: only for a rule JSON Schema cannot state.
          const language = (config as { language?: unknown }).language;
          const regexes = badRegexPaths(config);
          for (const e of errors)
            expect(
              regexes.has(e.path) ||
                (/^integrations\.(uet|metaPixel)$/.test(e.path) && e.expected.startsWith('the key of a category')) ||
                (language !== undefined && language !== 'auto' && language !== 'en' && e.expected.startsWith('texts for a custom category')),
              JSON.stringify(e),
            ).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    // The generator must reach both sides, or the property says little.
    // (Thresholds with margin: about 800 and 200 are typical; the count varies a little between
    // environments, and 500 once sat right on the edge — the "flaky agreement" seen earlier.)
    expect(accepted).toBeGreaterThan(300);
    expect(runtimeOnly).toBeGreaterThan(50);
  });
});
