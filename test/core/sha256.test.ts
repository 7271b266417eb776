// SHA-256: the plain-JavaScript fallback (plain http pages have no crypto.subtle) must agree with
// the standard vectors and with Web Crypto on any input.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Sync } from '../../src/core/sha256';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('sha256Sync()', () => {
  it('should match the FIPS 180-4 test vectors', () => {
    expect(sha256Sync(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Sync(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Sync(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('should agree with Node\'s SHA-256 on every length around the block boundaries and on random data', () => {
    for (let n = 0; n < 200; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(sha256Sync(b), 'length ' + n).toBe(node(b));
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), b => sha256Sync(b) === node(b)), { numRuns: 200 });
  });
});

describe('sha256()', () => {
  it('should give the same hex through Web Crypto and without it', async () => {
    const text = 'Tout refuser · 全部拒绝 · Odrzuć wszystkie';
    expect(await sha256(text)).toBe(node(utf8(text)));
    const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle');
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(await sha256(text)).toBe(node(utf8(text)));
    } finally {
      if (subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle);
      else delete (globalThis.crypto as any).subtle;
    }
  });
});
