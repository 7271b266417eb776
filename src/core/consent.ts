// The decision model: which categories a decision grants (the README's "JavaScript API", §7). Pure functions.

import type { ResolvedConfig } from './config';
import type { Action, Choices } from './types';

/**
 * The categories granted by a decision.
 * - `accept_all` grants every category, except those marked `optOutOnGPC` while GPC is on (README, "Global Privacy Control").
 * - `reject_all` and `withdraw` grant only the required ones.
 * - `custom` merges the request into the current choices; only a literal `true` grants, so an explicit
 *   `set` can grant a GPC-protected category, one at a time.
 */
export function resolveGrants(
  config: ResolvedConfig,
  action: Action,
  current: ReadonlySet<string>,
  request: Partial<Choices>,
  gpc: boolean,
): Set<string> {
  const granted = new Set<string>();
  for (const cat of config.categories) {
    const own = Object.prototype.hasOwnProperty.call(request, cat.key);
    const on =
      cat.required ||
      (action === 'accept_all'
        ? !(gpc && config.source.categories[cat.key]?.optOutOnGPC)
        : action === 'custom' && (own ? request[cat.key] === true : current.has(cat.key)));
    if (on) granted.add(cat.key);
  }
  return granted;
}

/** Every category of the configuration mapped to whether it is granted. */
export function choicesOf(config: ResolvedConfig | null, granted: ReadonlySet<string>): Choices {
  const out: Choices = {};
  for (const cat of config ? config.categories : []) out[cat.key] = granted.has(cat.key);
  return out;
}
