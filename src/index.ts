// Package entry for bundler users. No side effects on import.

import { boot } from './core/boot';
import { safe } from './core/guard';
import type { Consentry } from './core/types';

export type * from './core/types';
export { parseConfig, validateConfig } from './core/validate';
import * as lazy from './core/lazy';
import { audit } from './core/audit';

/**
 * Starts consentry with a configuration object and returns the API (also `window.consentry`).
 * The UI chunk and language packs are looked up next to this module, or at `assetsUrl`.
 * @example import { init } from 'consentry'; const consentry = init(config); consentry.on('change', s => …)
 */
export function init(config: unknown): Consentry {
  // The lazy part is bundled in: a bundle has no size ceiling of the loader's kind, and the
  // configuration is then checked, and decisions made, synchronously.
  return boot(config, { base: safe(() => new URL('./', import.meta.url).href, '/'), lazy, audit });
}
