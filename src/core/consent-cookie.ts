// The consent cookie's value (the README §4): a random id, the decision time, the revision and the
// choices, in cookie-safe ASCII, well under 200 bytes. Layout, fields joined by ".":
//   1 . <consent id> . <decided at, seconds, base 36> . <revision, base 36> . <choices bitmask, base 36>
//     . <FNV-1a of the category keys, base 36> . <FNV-1a of everything before, base 36>
// The id is checked for shape only: the checksum already covers its content.
// The key hash ties the bitmask to the category list it was made for, so a renamed or reordered
// category can never be granted by a stale bit. The checksum catches edits and truncation; it is
// not a signature (a page cannot keep a secret), and a forged value can only claim what the
// visitor could have chosen anyway.

import { COOKIE_FORMAT, DAY_MS } from './constants';


export interface StoredDecision {
  consentId: string;
  /** Epoch milliseconds, whole seconds. */
  decidedAt: number;
  revision: number;
  /** Category keys granted, in configuration order (required ones included). */
  granted: Set<string>;
}

/** FNV-1a, 32 bits. */
export function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const B36 = /^[0-9a-z]{1,11}$/;
const num = (s: string | undefined): number => (s && B36.test(s) ? parseInt(s, 36) : NaN);

/**
 * Encodes a decision for the cookie.
 * @param keys the configuration's category keys, in order
 */
export function encodeDecision(d: StoredDecision, keys: string[]): string {
  let mask = 0;
  keys.forEach((k, i) => {
    if (d.granted.has(k)) mask += 2 ** i;
  });
  const body = [
    COOKIE_FORMAT,
    d.consentId,
    Math.floor(d.decidedAt / 1000).toString(36),
    d.revision.toString(36),
    mask.toString(36),
    fnv(keys.join(',')).toString(36),
  ].join('.');
  return body + '.' + fnv(body).toString(36);
}

/**
 * Decodes a cookie value. Total: any value that is not exactly a current, intact decision for this
 * configuration yields null ("no decision"), never an exception.
 * @param now epoch milliseconds
 * @param maxAgeDays the configured lifetime: an older decision has expired
 */
export function decodeDecision(
  value: string,
  keys: string[],
  revision: number,
  maxAgeDays: number,
  now: number,
): StoredDecision | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const parts = value.split('.');
  if (parts.length !== 7 || parts[0] !== COOKIE_FORMAT) return null;
  const [, id, at, rev, mask, keysHash, sum] = parts as [string, string, string, string, string, string, string];
  if (num(sum) !== fnv(parts.slice(0, 6).join('.')) || !/^[\da-f-]{36}$/.test(id)) return null;
  if (num(keysHash) !== fnv(keys.join(',')) || num(rev) !== revision) return null;
  const decidedAt = num(at) * 1000;
  const bits = num(mask);
  // A decision from the future (beyond clock skew of a day) is as suspect as an expired one.
  if (!(decidedAt > now - maxAgeDays * DAY_MS && decidedAt < now + DAY_MS) || !(bits < 2 ** keys.length)) return null;
  const granted = new Set<string>();
  keys.forEach((k, i) => {
    if (Math.floor(bits / 2 ** i) % 2) granted.add(k);
  });
  return { consentId: id, decidedAt, revision, granted };
}
