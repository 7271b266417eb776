// SHA-256 as lowercase hex. Web Crypto when the page has it (core/digest.ts); plain http pages (no
// secure context) have no crypto.subtle, so a small FIPS 180-4 implementation stands in (in the
// receipts build, in a chunk fetched only there: core/plain-http.ts).

import { digest } from './digest';

const K = new Uint32Array(64);
// The round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
for (let i = 0, n = 2; i < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (prime) K[i++] = ((Math.cbrt(n) % 1) * 2 ** 32) >>> 0;
}

/** SHA-256 in plain JavaScript, for pages without Web Crypto. */
export function sha256Sync(data: Uint8Array): string {
  const bits = data.length * 8;
  const padded = new Uint8Array(((data.length + 72) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  // Initial hash: first 32 bits of the fractional parts of the square roots of the first 8 primes.
  const H = Uint32Array.from([2, 3, 5, 7, 11, 13, 17, 19], p => ((Math.sqrt(p) % 1) * 2 ** 32) >>> 0);
  const W = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) W[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15]!, b = W[i - 2]!;
      W[i] = (W[i - 16]! + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + W[i - 7]! + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = H as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const t1 = (h! + (rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25)) + ((e! & f!) ^ (~e! & g!)) + K[i]! + W[i]!) >>> 0;
      const t2 = ((rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22)) + ((a! & b!) ^ (a! & c!) ^ (b! & c!))) >>> 0;
      [h, g, f, e, d, c, b, a] = [g, f, e, (d! + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, h].forEach((v, i) => (H[i] = (H[i]! + v!) >>> 0));
  }
  return [...H].map(word => word.toString(16).padStart(8, '0')).join('');
}

/**
 * SHA-256 of a text (UTF-8), as 64 lowercase hex digits.
 * @example await sha256('abc') // 'ba7816bf…f20015ad'
 */
export async function sha256(text: string): Promise<string> {
  const data = new TextEncoder().encode(text);
  return (await digest(data)) ?? sha256Sync(data);
}
