// Scratch-DOM helpers for the happy-dom unit tests: a clean page between tests, through public APIs only.
import { resetRoot } from '../../src/core/widgets';

type AnyWindow = Window & Record<string, unknown> & { happyDOM?: { setURL(url: string): void } };

export const DEFAULT_URL = 'http://localhost:3000/';

/** Moves the page to another URL without navigating (happy-dom's test API): host, protocol, cookies' scope. */
export function setUrl(url: string): void {
  (window as unknown as AnyWindow).happyDOM!.setURL(url);
}

/**
 * Deletes every cookie the page can see, on the host and each parent domain. happy-dom gives a cookie
 * written without Path an empty path (browsers use the URL's directory), so both forms are expired.
 */
export function clearCookies(): void {
  const labels = location.hostname.split('.');
  const domains = [null, ...labels.map((_, i) => labels.slice(i).join('.'))];
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]!.trim();
    if (!name) continue;
    for (const d of domains)
      for (const path of ['; Path=/', ''])
        document.cookie = name + '=' + path + '; Expires=Thu, 01 Jan 1970 00:00:00 GMT' + (d ? '; Domain=' + d : '');
  }
}

/** Every visible cookie, name → value, for exact comparisons that do not depend on order. */
export function cookieMap(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of document.cookie.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Records every string assigned to document.cookie, still passing it through. Undo with
 * `delete document.cookie` (the own property shadows the prototype's accessor).
 */
export function spyCookieWrites(): string[] {
  const writes: string[] = [];
  let owner = Object.getPrototypeOf(document) as object;
  while (!Object.getOwnPropertyDescriptor(owner, 'cookie')) owner = Object.getPrototypeOf(owner) as object;
  const desc = Object.getOwnPropertyDescriptor(owner, 'cookie')!;
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => desc.get!.call(document),
    set: (v: string) => {
      writes.push(v);
      desc.set!.call(document, v);
    },
  });
  return writes;
}

const GLOBALS = ['dataLayer', 'gtag', 'uetq', 'fbq', '_fbq', 'consentry', 'consentryLoader'];

/** A blank page: no cookies, storage, body content, head additions or tag-manager globals, http://localhost:3000/. */
export function resetPage(): void {
  // An own `cookie` property (a spy or a throwing stub) shadows the real accessor.
  delete (document as unknown as Record<string, unknown>).cookie;
  clearCookies();
  setUrl(DEFAULT_URL);
  clearCookies();
  localStorage.clear();
  sessionStorage.clear();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  resetRoot(); // no root of an earlier instance, put back into this fresh page
  const w = window as unknown as AnyWindow;
  for (const key of GLOBALS) delete w[key];
}
