// dist/consentry-receipts.js: receipts and their outbox, fetched only by a site with
// `receipts.endpoint`, when a decision is made or undelivered receipts wait from an earlier page.
// On such a site it is also the decision writer (dist/consentry-decide.js is the same without
// receipts): one file after the banner, not two, for the visit a receipt is made on. decide() asks
// for this chunk by its URL, which is then this very module.
// It holds what the common page needs (a working fetch, Web Crypto, an intact JSON.stringify, the
// texts the banner handed down); what only some pages need comes in chunks of its own, fetched
// there (README, Sizes): the texts where no banner drew them (core/texts.ts); SHA-256 in plain
// JavaScript and a UUID without crypto.randomUUID where the page is not a secure context
// (core/plain-http.ts); XMLHttpRequest where fetch does not work (core/xhr.ts); our own JSON writer
// where the page's JSON.stringify is tampered with (core/writer.ts); why a POST got no answer
// (core/probe.ts).

import type { ResolvedConfig } from './core/config';
import type { StoredDecision } from './core/consent-cookie';
import { digest } from './core/digest';
import { report } from './core/guard';
import { add, flush, listen } from './core/outbox';
import { canonical, receiptOf } from './core/receipt-body';
import type { Shown } from './core/shown';
import type { Action } from './core/types';
import { uuid } from './core/uuid';
import { ready, write } from './core/writer';

export { decide } from './core/decide';

const endpointOf = (config: ResolvedConfig): string | null => {
  const e = config.source.receipts?.endpoint;
  return e ? new URL(e, location.href).href : null;
};

// What plain-http pages lack (SHA-256 in plain JavaScript), fetched there only. (The receiptId comes
// from core/uuid.ts, which the decision writer in this chunk uses too: it works on every page.)
const plainHttp = () => import('./core/plain-http');

/** SHA-256 (hex) of a text: Web Crypto, else the plain-JavaScript one. */
const hash = async (text: string): Promise<string> => {
  const data = new TextEncoder().encode(text);
  return (await digest(data)) ?? (await plainHttp()).sha256Sync(data);
};

/**
 * Records a decision's receipt: into the outbox first, then sent.
 * @param shown the texts the banner drew (core/shown.ts); found here as the UI finds them when absent
 */
// No Promise.resolve here or below: the page may have replaced the global Promise (README, Browser support).
export async function record(config: ResolvedConfig, decision: StoredDecision, action: Action, gpc: boolean, shown?: Shown): Promise<void> {
  const endpoint = endpointOf(config);
  if (!endpoint) return;
  try {
    // This chunk sits next to the language packs (in `base`, or `assetsUrl`).
    const { lang, pack, en } = shown || (await (await import('./core/texts')).shownTexts(config.source, new URL('./', import.meta.url).href));
    if (!(await ready())) throw Error('JSON.stringify does not work on this page');
    await add(receiptOf(config, decision, action, gpc, lang, await hash(write(canonical(config.source, lang, en, pack))), uuid()));
    listen(endpoint);
    await flush(endpoint);
  } catch (e) {
    // Nothing is thrown into the page (README, Security): what went wrong is said instead.
    report('receipt not made: ' + (e as Error).message);
  }
}

/** Sends what earlier pages left undelivered. */
export async function retry(config: ResolvedConfig): Promise<void> {
  const endpoint = endpointOf(config);
  if (!endpoint) return;
  listen(endpoint);
  return flush(endpoint);
}
