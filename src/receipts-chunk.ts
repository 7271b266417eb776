// dist/consentry-receipts.js: receipts and their outbox, fetched only by a site with
// `receipts.endpoint`, when a decision is made or undelivered receipts wait from an earlier page.

import type { ResolvedConfig } from './core/config';
import type { StoredDecision } from './core/consent-cookie';
import { report } from './core/guard';
import { loadTexts } from './core/i18n';
import { add, flush, listen } from './core/outbox';
import { buildReceipt } from './core/receipts';
import type { Action } from './core/types';
import en from './locales/en.json';

const endpointOf = (config: ResolvedConfig): string | null => {
  const e = config.source.receipts?.endpoint;
  return e ? new URL(e, location.href).href : null;
};

/** Records a decision's receipt: into the outbox first, then sent. */
// No Promise.resolve here or below: the page may have replaced the global Promise (issue 9).
export async function record(config: ResolvedConfig, decision: StoredDecision, action: Action, gpc: boolean): Promise<void> {
  const endpoint = endpointOf(config);
  if (!endpoint) return;
  // This chunk sits next to the language packs (in `base`, or `assetsUrl`).
  return loadTexts(config.source, new URL('./', import.meta.url).href)
    .then(shown => buildReceipt(config, decision, action, gpc, en, shown))
    .then(async receipt => {
      await add(receipt);
      listen(endpoint);
      return flush(endpoint);
    })
    // Nothing is thrown into the page (README, Security): what went wrong is said instead.
    .catch(e => report('receipt not made: ' + (e as Error).message));
}

/** Sends what earlier pages left undelivered. */
export async function retry(config: ResolvedConfig): Promise<void> {
  const endpoint = endpointOf(config);
  if (!endpoint) return;
  listen(endpoint);
  return flush(endpoint);
}
