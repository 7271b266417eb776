// Why a receipt's POST got no answer the page may read: an endpoint on another origin that does not
// answer CORS for this one, or no endpoint at all. Said once in the console, with what the site can
// do about it (README, Consent receipts). In the receipts build a chunk of its own
// (dist/consentry-receipts-probe.js), fetched the first time a POST fails.

import { report } from './guard';

/**
 * The page's origin as the endpoint sees it (the `Origin` header): "null" in a frame sandboxed
 * without allow-same-origin (an opaque origin, HTML Standard §7.1.1), where every request is
 * cross-origin, its own site's included; `location.origin` names the URL's origin there.
 */
const here = (): string => self.origin || location.origin;

/**
 * Finds out, and says, why `url` gave no answer. Another origin: the page cannot tell a missing CORS
 * header from a network error, but a no-cors request, whose answer it may not read, still tells
 * whether the endpoint answered at all. On the page's own origin, or offline, there is nothing to
 * find out.
 * @param url absolute (the receipts chunk resolves it)
 * @returns whether it asked (once per page is enough)
 */
export function probe(url: string): boolean {
  if (navigator.onLine === false || url.startsWith(here() + '/')) return false;
  fetch(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit' }).then(
    () => report(url + ' answered without "Access-Control-Allow-Origin: ' + here() + '", so this page cannot read the answer: the receipt is kept and sent again. The endpoint must allow this origin (receipts are sent without credentials).'),
    () => report('could not reach ' + url + ': the receipt is kept and sent again', 'warn'),
  );
  return true;
}
