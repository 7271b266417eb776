// Property tests at the level a site relies on (README, "Browser support"): whatever the configuration and whatever
// the consent cookie holds, an instance never reports a category as granted unless it is required
// or a valid decision, for exactly this configuration, granted it; an invalid configuration grants
// nothing; nothing throws. And after any sequence of API calls, what is granted is what the calls
// asked for, in the page and after a reload.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeDecision } from '../../src/core/consent-cookie';
import { createConsentry, type Environment } from '../../src/core/consentry';
import * as lazy from '../../src/core/lazy';
import type { Consentry } from '../../src/core/types';
import { validateConfig } from '../../src/core/validate';
import { clearCookies, cookieMap, resetPage, setUrl } from '../_util/dom';
import { nearly, repair } from '../_util/config-arbitraries';

// The lazy part at hand: the configuration is checked synchronously, inside createConsentry. The
// UI and receipts chunks are never fetched (their import never settles).
const env: Environment = { base: '/x/', lazy, load: () => new Promise<never>(() => {}) };
const DAY = 864e5;
const hasOwn = (o: unknown, k: string) => !!o && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);

interface Shape {
  categories?: Record<string, { required?: unknown; optOutOnGPC?: unknown }>;
  revision?: number;
  cookie?: { name?: unknown; maxAgeDays?: number };
}
const categoriesOf = (input: unknown): Record<string, { required?: unknown; optOutOnGPC?: unknown }> | null => {
  const c = (input as Shape | null)?.categories;
  return c && typeof c === 'object' && !Array.isArray(c) ? c : null;
};
/** The category keys the input names (even when it is invalid): what a cookie could be made for. */
const keysOf = (input: unknown): string[] => {
  try {
    return Object.keys(categoriesOf(input) || {});
  } catch {
    return [];
  }
};
const required = (input: unknown, key: string): boolean =>
  hasOwn(categoriesOf(input), key) && (key === 'necessary' || categoriesOf(input)![key]!.required === true);
const cookieName = (input: unknown): string => {
  const name = (input as Shape | null)?.cookie?.name;
  return typeof name === 'string' && name ? name : 'consentry';
};

/** A fresh https page (a `__Host-` or Secure cookie is storable) with nothing left from the last run. */
function freshPage(): void {
  resetPage();
  setUrl('https://localhost/');
  clearCookies();
  // clearCookies' deletions lack `Secure`, which a `__Host-` cookie's deletion needs too.
  for (const name of Object.keys(cookieMap())) document.cookie = name + '=; Path=/; Secure; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
  delete (navigator as unknown as Record<string, unknown>).globalPrivacyControl;
}
const write = (name: string, value: string) => (document.cookie = name + '=' + value + '; Path=/; Secure');

let errors: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(() => {
  freshPage();
  vi.restoreAllMocks();
});

const anything = fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true, withMap: true, withSparseArray: true, withBigInt: true });
const validish = nearly(0).map(repair);
/** A configuration that looks right but carries `__proto__` or `constructor` where a category or a field sits. */
const prototypeKeys = validish.chain(c =>
  fc.constantFrom(
    JSON.parse('{"categories":{"necessary":{},"__proto__":{"required":true}}}'),
    JSON.parse(JSON.stringify(c).replace('"categories":{', '"categories":{"__proto__":{"required":true},')),
    JSON.parse(JSON.stringify(c).replace('{', '{"__proto__":{"revision":1},')),
    { ...c, categories: { constructor: { required: true }, analytics: {} } },
    { ...c, constructor: { categories: {} } },
  ),
);
const configs = fc.oneof(
  { weight: 8, arbitrary: validish },
  { weight: 2, arbitrary: nearly(8) },
  { weight: 1, arbitrary: prototypeKeys },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: anything },
);

type Kind = 'none' | 'exact' | 'mutated' | 'other-revision' | 'other-keys' | 'expired' | 'future' | 'random';
const cookiePlans = fc.record({
  kind: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Kind>('exact') },
    { weight: 3, arbitrary: fc.constant<Kind>('mutated') },
    { weight: 1, arbitrary: fc.constantFrom<Kind>('none', 'other-revision', 'other-keys', 'expired', 'future', 'random') },
  ),
  bits: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  ageSeconds: fc.integer({ min: 0, max: 3600 }),
  mutation: fc.record({
    op: fc.constantFrom('replace', 'delete', 'insert', 'truncate', 'pad-field'),
    at: fc.nat(),
    char: fc.constantFrom(...'0123456789abcdefz.-_ ;=%'),
  }),
  random: fc.oneof(fc.string({ maxLength: 220 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.stringMatching(/^1(\.[0-9a-z-]{0,40}){6}$/)),
  renamed: fc.constantFrom('rename', 'append', 'reverse'),
});

/** Changes a cookie value without resealing it: it may still decode (a padded checksum), never to more. */
function mutate(value: string, m: { op: string; at: number; char: string }): string {
  const at = m.at % value.length;
  switch (m.op) {
    case 'replace':
      return value.slice(0, at) + (value[at] === m.char ? (m.char === 'z' ? 'y' : 'z') : m.char) + value.slice(at + 1);
    case 'delete':
      return value.slice(0, at) + value.slice(at + 1);
    case 'insert':
      return value.slice(0, at) + m.char + value.slice(at);
    case 'truncate':
      return value.slice(0, at);
    default: {
      const parts = value.split('.');
      parts[m.at % parts.length] = '0' + parts[m.at % parts.length];
      return parts.join('.');
    }
  }
}
const otherKeys = (keys: string[], how: string): string[] => {
  if (how === 'reverse' && keys.length > 1 && keys.join() !== [...keys].reverse().join()) return [...keys].reverse();
  if (how === 'rename' && keys.length) return [...keys.slice(0, -1), keys.at(-1) + 'x'];
  return [...keys, 'zz-new'];
};

describe('an instance, for any configuration and any consent cookie', () => {
  it('should grant only required categories and what a valid decision for exactly this configuration granted', () => {
    let honoured = 0;
    let refusedValid = 0;
    fc.assert(
      fc.property(configs, cookiePlans, fc.string({ maxLength: 12 }), (config, plan, extraKey) => {
        freshPage();
        const keys = keysOf(config);
        const valid = validateConfig(config).length === 0;
        const revision = typeof (config as Shape)?.revision === 'number' ? (config as Shape).revision! : 0;
        const maxAgeDays = Math.min(Number((config as Shape)?.cookie?.maxAgeDays) || 182, 400);
        const granted = new Set(keys.filter((_, i) => plan.bits[i]));
        const decision = (over: { revision?: number; decidedAt?: number } = {}, forKeys = keys) =>
          encodeDecision(
            {
              consentId: '3f2c9a0e-7b1d-4c5e-9f8a-0123456789ab',
              decidedAt: over.decidedAt ?? Math.floor(Date.now() / 1000 - plan.ageSeconds) * 1000,
              revision: over.revision ?? revision,
              granted,
            },
            forKeys,
          );
        // What the cookie may grant at most, beyond required categories.
        let ceiling = new Set<string>();
        let value: string | null = null;
        switch (plan.kind) {
          case 'exact':
            value = decision();
            ceiling = granted;
            break;
          case 'mutated':
            value = mutate(decision(), plan.mutation);
            ceiling = granted;
            break;
          case 'other-revision':
            value = decision({ revision: revision + 1 });
            break;
          case 'other-keys':
            value = decision({}, otherKeys(keys, plan.renamed));
            break;
          case 'expired':
            value = decision({ decidedAt: Math.floor((Date.now() - maxAgeDays * DAY) / 1000 - 60) * 1000 });
            break;
          case 'future':
            value = decision({ decidedAt: Math.floor((Date.now() + 2 * DAY) / 1000) * 1000 });
            break;
          case 'random':
            value = plan.random;
        }
        const name = cookieName(config);
        expect(cookieMap()).toEqual({});
        if (value !== null) write(name, value);
        const stored = value !== null && cookieMap()[name] === value;

        let api: Consentry | undefined;
        expect(() => (api = createConsentry(config, env))).not.toThrow();
        const allowed = (k: string) => valid && hasOwn(categoriesOf(config), k) && (required(config, k) || ceiling.has(k));
        const state = api!.state;
        for (const k of [...keys, extraKey, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'necessary', 'analytics']) {
          const answer = api!.get(k);
          expect([true, false, undefined]).toContain(answer);
          if (answer === true) expect(allowed(k), 'get(' + JSON.stringify(k) + ')').toBe(true);
        }
        for (const k of Object.keys(state.choices)) if (state.choices[k] === true) expect(allowed(k), 'choices.' + k).toBe(true);
        if (!valid) {
          expect(state.decided).toBe(false);
          expect(Object.values(state.choices)).not.toContain(true);
          refusedValid += +(plan.kind === 'exact' && stored);
        }
        // A valid decision for exactly this configuration is honoured, no more and no less.
        if (valid && plan.kind === 'exact' && stored) {
          honoured += +keys.some(k => granted.has(k) && !required(config, k));
          expect(state.decided).toBe(true);
          for (const k of keys) expect(api!.get(k), k).toBe(required(config, k) || granted.has(k));
        }
      }),
      { numRuns: 500 },
    );
    // The generators must reach the interesting cases, or the property says little.
    // (About 45 and 190 are typical; the thresholds leave a wide margin.)
    expect(honoured).toBeGreaterThan(15);
    expect(refusedValid).toBeGreaterThan(60);
    expect(errors).toHaveBeenCalled();
  });
});

// The model: what a sequence of calls must leave granted. `set` merges into the current choices, and
// only an own property that is literally `true` grants; `acceptAll` grants all but what GPC protects;
// `rejectAll` and `withdraw` keep only required categories; anything `set` cannot read changes nothing.
type Call =
  | { op: 'acceptAll' | 'rejectAll' | 'withdraw' }
  | { op: 'set'; entries: [string, unknown][]; how: 'plain' | 'own-proto' | 'inherited' | 'null-proto' | 'throws' | 'array' }
  | { op: 'set-junk'; arg: unknown };

const KEYS = ['necessary', 'preferences', 'analytics', 'marketing', 'partners', 'video-embeds', 'constructor', '__proto__', 'toString', 'unknown'];
const calls: fc.Arbitrary<Call> = fc.oneof(
  fc.constantFrom<Call>({ op: 'acceptAll' }, { op: 'rejectAll' }, { op: 'withdraw' }),
  fc.record({
    op: fc.constant('set' as const),
    entries: fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0, null, undefined, 'yes', {}, []))), { maxLength: 5 }),
    how: fc.constantFrom('plain', 'plain', 'own-proto', 'inherited', 'null-proto', 'throws', 'array'),
  }),
  fc.record({ op: fc.constant('set-junk' as const), arg: fc.constantFrom(null, undefined, 'analytics', 42, true, () => ({ analytics: true })) }),
);

/** The argument a `set` call passes, built the way a careless or hostile caller would. */
function argumentOf(call: Extract<Call, { op: 'set' }>): object {
  const own = (target: object) => {
    // defineProperty: `__proto__` becomes an own key, as JSON.parse makes it, not the prototype.
    for (const [k, v] of call.entries) Object.defineProperty(target, k, { value: v, enumerable: true, configurable: true, writable: true });
    return target;
  };
  switch (call.how) {
    case 'null-proto':
      return own(Object.create(null));
    case 'inherited':
      return Object.create(Object.fromEntries(call.entries));
    case 'array':
      return own([]);
    case 'throws':
      return Object.defineProperty(own({}), call.entries[0]?.[0] ?? 'analytics', {
        get() {
          throw new Error('hostile getter');
        },
        enumerable: true,
      });
    case 'own-proto':
      return own(JSON.parse('{"__proto__": {"analytics": true, "marketing": true}}'));
    default:
      return own({});
  }
}

describe('a sequence of API calls', () => {
  it('should leave granted exactly what the last calls asked for, required categories always on', () => {
    let decisions = 0;
    fc.assert(
      fc.property(validish, fc.boolean(), fc.array(calls, { minLength: 1, maxLength: 10 }), (config, gpc, sequence) => {
        fc.pre(validateConfig(config).length === 0);
        freshPage();
        if (gpc) Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
        const cats = categoriesOf(config)!;
        const keys = Object.keys(cats);
        const req = (k: string) => required(config, k);
        expect(cookieMap()).toEqual({});
        const api = createConsentry(config, env);
        let model = new Set(keys.filter(req));
        let decided = false;

        for (const call of sequence) {
          if (call.op === 'acceptAll') model = new Set(keys.filter(k => req(k) || !(gpc && cats[k]!.optOutOnGPC === true)));
          else if (call.op === 'rejectAll' || call.op === 'withdraw') model = new Set(keys.filter(req));
          if (call.op === 'set') {
            const arg = argumentOf(call);
            // The getter runs only where a choice is read: an optional category of this configuration.
            const getter = call.entries[0]?.[0] ?? 'analytics';
            const throws = call.how === 'throws' && keys.includes(getter) && !req(getter);
            expect(() => api.set(arg as Record<string, boolean>)).not.toThrow();
            if (throws) continue;
            model = new Set(keys.filter(k => req(k) || (hasOwn(arg, k) ? (arg as Record<string, unknown>)[k] === true : model.has(k))));
          } else if (call.op === 'set-junk') {
            expect(() => api.set(call.arg as Record<string, boolean>)).not.toThrow();
            // `set()` with no argument saves the current choices; anything else that is not an object is refused.
            if (call.arg !== undefined) continue;
          } else expect(() => api[call.op]()).not.toThrow();
          decided = true;
          decisions++;
        }

        const expected = Object.fromEntries(keys.map(k => [k, model.has(k)]));
        expect(api.state.decided).toBe(decided);
        expect(api.state.choices).toEqual(expected);
        for (const k of keys) expect(api.get(k), k).toBe(decided ? model.has(k) : req(k) || undefined);
        // A reload reads the same decision back from the cookie (when the configured cookie is visible here).
        if (decided && cookieName(config) in cookieMap()) {
          const reloaded = createConsentry(config, env);
          expect(reloaded.state.choices).toEqual(expected);
        }
      }),
      { numRuns: 250 },
    );
    expect(decisions).toBeGreaterThan(400);
  });
});
