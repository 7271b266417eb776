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
import { MAX_AGE_CAP_DAYS } from '../../src/core/constants';
import { toRegExp } from '../../src/core/patterns';
import type { ConfigError } from '../../src/core/types';
import { formatErrors, parseConfig, validateConfig } from '../../src/core/validate';
import { nearly, repair } from '../_util/config-arbitraries';

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
                (/^translations\..+\.category\./.test(e.path) && e.expected.startsWith('a text key')) ||
                e.expected.startsWith('a language the banner can be shown in') ||
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
