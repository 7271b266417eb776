// SHA-256 by Web Crypto, as lowercase hex. A module of its own: the receipts chunk fetches the
// plain-JavaScript one (core/sha256.ts) only where this cannot answer (README, Sizes).

/**
 * SHA-256 of `data` by `crypto.subtle`.
 * @returns 64 hex digits; undefined on a plain-http page (no secure context, no `crypto.subtle`) or
 * where the page broke Web Crypto
 */
export async function digest(data: Uint8Array<ArrayBuffer>): Promise<string | undefined> {
  try {
    const bytes = await crypto.subtle.digest('SHA-256', data);
    return [...new Uint8Array(bytes)].map(b => (b + 256).toString(16).slice(1)).join('');
  } catch {
    // no Web Crypto here: the caller's fallback gives the same answer
  }
}
