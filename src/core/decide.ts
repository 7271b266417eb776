// Writing a decision: which categories it grants, a consent id, the cookie. Lazily loaded (in the
// core chunk and the UI chunk), since a returning visitor who does nothing never decides.

import type { ResolvedConfig } from './config';
import { DAY_MS, RECEIPTS_CHUNK } from './constants';
import { resolveGrants } from './consent';
import { encodeDecision, type StoredDecision } from './consent-cookie';
import { writeCookie } from './cookie-jar';
import { report } from './guard';
import type { Shown } from './shown';
import type { Action, Choices } from './types';
import { uuid } from './uuid';

/**
 * Makes a decision, stores it in the consent cookie and, when the site has a receipts endpoint,
 * hands it to the receipts chunk with the texts the banner drew. The consent id of an earlier
 * decision is kept, so that a visitor's receipts (accept, then withdraw) share it.
 * @param load imports a chunk by URL (the receipts chunk sits in `base`)
 * @param shown the texts the banner drew, if it drew any (core/shown.ts)
 * @returns the new decision (held in memory for this page even when the cookie cannot be written)
 * @throws on a request that is not an object (`set(42)`), before anything is decided
 */
export function decide(
  config: ResolvedConfig,
  action: Action,
  current: StoredDecision | null,
  currentGrants: ReadonlySet<string>,
  request: Partial<Choices>,
  gpc: boolean,
  base = '',
  load?: (url: string) => Promise<unknown>,
  shown?: Shown,
): StoredDecision {
  // Checked here, not in the loader, to keep the loader small; the loader's guard reports it.
  if (!request || typeof request !== 'object') throw 'set() needs an object';
  const now = Date.now();
  const decision: StoredDecision = {
    consentId: current?.consentId || uuid(),
    decidedAt: now - (now % 1000),
    revision: config.revision,
    granted: resolveGrants(config, action, currentGrants, request, gpc),
  };
  const { name, maxAgeDays } = config.cookie;
  const ck = config.source.cookie || {};
  const domain = ck.domain || null;
  const value = encodeDecision(decision, config.categories.map(c => c.key));
  if (!writeCookie(name, value, { path: ck.path || '/', domain, sameSite: ck.sameSite || 'Lax', maxAgeSeconds: Math.round((maxAgeDays * DAY_MS) / 1000) }))
    report(
      'the consent cookie could not be stored' +
        (domain ? ' (is "' + domain + '" a domain of this site?)' : '') +
        '; the choice holds for this page only',
    );
  // Storage keys matching a refused category's patterns go too (cookies are cleared by the loader).
  const refused = config.categories.filter(c => !decision.granted.has(c.key)).flatMap(c => c.cookies);
  for (const area of ['localStorage', 'sessionStorage'] as const)
    try {
      const store = window[area];
      for (const key of Object.keys(store)) if (refused.some(m => m(key))) store.removeItem(key);
    } catch {
      // storage blocked (sandboxed frame, privacy mode): nothing to clear
    }
  if (config.source.receipts?.endpoint && load)
    load(base + RECEIPTS_CHUNK).then(
      m => (m as typeof import('../receipts-chunk')).record(config, decision, action, gpc, shown),
      e => report('receipts not loaded: ' + (e as Error).message),
    );
  return decision;
}
