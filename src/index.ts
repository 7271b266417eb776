// Package entry for bundler users. No side effects on import.

import { boot } from './core/boot';
import { safe } from './core/guard';
import type { Config, Consentry } from './core/types';
import { canonicalTexts } from './core/receipts';
import { sha256 } from './core/sha256';
import en from './locales/en.json';

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
  // A configuration handed to init() arrives after the page's HTML: no automatic blocking (there is
  // none in this package), so services' `blocks` are refused rather than ignored (README,
  // Automatic blocking).
  const late: typeof lazy = { ...lazy, checkConfig: (input, mark) => lazy.checkConfig(input, mark, true) };
  return boot(config, { base: safe(() => new URL('./', import.meta.url).href, '/'), lazy: late, audit });
}

/**
 * Recomputes a receipt's `textHash`: the SHA-256 of the canonical texts a configuration shows in a
 * language (see README, "Recomputing textHash"). Works in Node 20 and in browsers.
 * @param pack the built-in language pack for `language`, if the visitor was shown one
 * @example await textHash(config, 'fr', frPack) === receipt.textHash
 */
export function textHash(config: Config, language = 'en', pack: Record<string, string> = {}): Promise<string> {
  return sha256(canonicalTexts(config, language, en, pack));
}
export { canonicalTexts };
