// The strict validator (README, "Configuration") with its words, as the package for bundlers exports it
// (`validateConfig`, `parseConfig`): an unknown or mistyped field is reported with its path and what
// was expected rather than ignored. The judging is check.ts, the words messages.ts: the lazily
// loaded chunks carry the first and fetch the second only when a configuration fails (verdict.ts).

import { resolveConfig, type ResolvedConfig } from './config';
import en from '../locales/en.json';
import { check, inPack } from './check';
import { explain } from './messages';
import type { Config, ConfigError } from './types';

export { formatErrors } from './messages';

/**
 * Checks a configuration against the README's "Configuration".
 * @param input the parsed JSON (anything: it is checked, never trusted)
 * @returns every bad field's path and what was expected there; empty when the configuration is valid
 * @example validateConfig({ categories: { analytics: { cookies: [42] } } })
 *   // [{ path: 'categories.analytics.cookies[0]', expected: 'a cookie name or /regex/, got 42' }]
 */
export function validateConfig(input: unknown): ConfigError[] {
  return explain(check(input, inPack(en)));
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
