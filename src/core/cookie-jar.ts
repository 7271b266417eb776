// document.cookie behind a tiny interface. Reading or writing can throw (sandboxed iframes,
// cookies disabled, a page that redefined the setter): every call here is total.

import type { Matcher } from './patterns';

export interface CookieAttributes {
  path: string;
  domain: string | null;
  maxAgeSeconds: number;
  sameSite: string;
}

/** Every cookie visible to the page, name → value. */
export function readCookies(): Map<string, string> {
  const jar = new Map<string, string>();
  let raw = '';
  try {
    raw = document.cookie;
  } catch {
    return jar;
  }
  for (const pair of String(raw).split(';')) {
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
    if (name && !jar.has(name)) jar.set(name, pair.slice(eq + 1).trim());
  }
  return jar;
}

/** Serializes a Set-Cookie string as document.cookie takes it (STANDARDS CK-1). */
export function serializeCookie(name: string, value: string, a: CookieAttributes, secure: boolean): string {
  return (
    name + '=' + value + '; Path=' + a.path + '; Max-Age=' + a.maxAgeSeconds + '; SameSite=' + a.sameSite +
    (a.domain ? '; Domain=' + a.domain : '') + (secure ? '; Secure' : '')
  );
}

/** Writes a cookie and tells whether it can be read back (a bad Domain is dropped silently by browsers). */
export function writeCookie(name: string, value: string, a: CookieAttributes): boolean {
  try {
    document.cookie = serializeCookie(name, value, a, location.protocol === 'https:');
  } catch {
    return false;
  }
  return readCookies().get(name) === value;
}

/** The current host and each parent domain: a cookie may have been set on any of them. */
export function domainsOf(host: string): string[] {
  const labels = host.split('.');
  // An IP address or a single-label host has no parent domains.
  if (/^[\d.]+$|^\[/.test(host) || labels.length < 2) return [host];
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

/**
 * Deletes every cookie whose name one of the matchers accepts, with Max-Age=0 on path / for no
 * Domain and for each domain the host belongs to (STANDARDS CK-8). HttpOnly and third-party
 * cookies are out of a script's reach.
 */
export function eraseCookies(matchers: Matcher[], keep: string): void {
  // Nothing to match (everything granted, or no patterns): no second read of document.cookie, whose
  // first reads in a page cost (README, "Performance, side by side").
  if (matchers.length)
  for (const name of readCookies().keys())
    if (name !== keep && matchers.some(m => m(name)))
      for (const domain of ['', ...domainsOf(location.hostname)])
        try {
          document.cookie = name + '=; Path=/; Max-Age=0' + (domain && '; Domain=' + domain);
        } catch {
          // unreachable cookie store: nothing to delete
        }
}
