// Resolves a configuration into what the loader works with: defaults filled in, patterns compiled,
// categories in display order. Lenient so that it stays small enough for the loader: it may throw
// on a malformed input, and nothing it returns grants anything until the strict validator
// (validate.ts, a lazily loaded chunk) has passed the same input.

import { DEFAULTS, MAX_AGE_CAP_DAYS } from './constants';
import { nameMatcher, type Matcher } from './patterns';
import type { Config, ConsentModeType } from './types';

/** A category as the loader uses it; services and texts are read from `source` where needed. */
export interface ResolvedCategory {
  key: string;
  required: boolean;
  cookies: Matcher[];
  consentMode: ConsentModeType[];
}

/**
 * What the loader needs; the UI, decisions and receipts read everything else from `source` (each
 * field here costs loader bytes).
 */
export interface ResolvedConfig {
  revision: number;
  categories: ResolvedCategory[];
  cookie: { name: string; maxAgeDays: number };
  integrations: { uet?: string; metaPixel?: string };
  /** The configuration as given. */
  source: Config;
}

/**
 * The configuration rebuilt from its own properties, in objects without a prototype. Whatever a
 * page added to Object.prototype (old libraries add enumerable `extend` or `each`; a stray
 * `required` or `endpoint` would do harm) can then never read as a field of the configuration
 * (README, "Browser support"). Also a snapshot: later changes to the site's object are not seen.
 * @throws on a cyclic object (too deep)
 */
export const ownCopy = (v: unknown): unknown =>
  v && typeof v == 'object'
    ? Object.keys(v).reduce<any>((o, k) => ((o[k] = ownCopy((v as any)[k])), o), Array.isArray(v) ? [] : Object.create(null))
    : v;

/**
 * Fills in defaults and compiles patterns. Does not validate: `validateConfig` does.
 * @throws on an input too malformed to read
 * @example resolveConfig({ categories: { necessary: {}, analytics: {} } }).categories[1].key // 'analytics'
 */
export function resolveConfig(c: Config): ResolvedConfig {
  // Unreadable: no configuration at all, so Consent Mode denies all seven types (fail closed).
  if (!c.categories || typeof c.categories !== 'object') throw 0;
  // The chunks are imported from `assetsUrl` before the validator (itself a chunk) can look at it:
  // a `data:` or `blob:` URL there would run whatever it holds. Such a configuration is unreadable.
  if (c.assetsUrl && !/^https?:$/.test(new URL(c.assetsUrl, location.href).protocol)) throw 0;
  const ck = c.cookie || {};
  return {
      revision: c.revision || 0,
      categories: Object.entries(c.categories).map(([key, cat]) => ({
        key,
        required: key === 'necessary' || !!cat.required,
        cookies: (cat.cookies || []).map(nameMatcher),
        consentMode: cat.consentMode || [],
      })),
      cookie: {
        name: ck.name || DEFAULTS.cookieName,
        maxAgeDays: Math.min(ck.maxAgeDays || DEFAULTS.maxAgeDays, MAX_AGE_CAP_DAYS),
      },
      integrations: c.integrations || {},
      source: c,
  };
}
