// The receipt's POST by XMLHttpRequest, for a page whose fetch is gone or throws (README, Browser
// support). In the receipts build a chunk of its own (dist/consentry-receipts-xhr.js), fetched only
// on such a page.

import { report } from './guard';
import { redirected, TEXT } from './outbox';

/**
 * The POST by XMLHttpRequest. A thenable, awaited by the engine's own promises: the page may have
 * replaced the global Promise as well. A same-origin endpoint then also receives the site's cookies,
 * which XHR cannot leave out, and XHR always follows redirects: a redirected answer confirms nothing.
 * @returns (through `then`) the HTTP status, 0 after a network error, the timeout or a redirect
 */
export const xhrPost = (url: string, body: string, timeout: number) => ({
  then(done: (status: number) => void): void {
    report('fetch does not work on this page: receipts are sent with XMLHttpRequest', 'warn');
    const x = new XMLHttpRequest();
    x.open('POST', url);
    x.setRequestHeader('Content-Type', TEXT);
    x.timeout = timeout;
    // 0 after a network error or the timeout: retried, as a failed fetch is.
    x.onloadend = () => done(x.responseURL && x.responseURL !== url ? redirected(url) : x.status);
    x.send(body);
  },
});
