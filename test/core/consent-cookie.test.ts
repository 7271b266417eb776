// The consent cookie's value (CONTRACT §4, STANDARDS CK-3, CK-4): encode/decode, size, cookie-octets,
// and a total parser that yields "no decision" for anything but an intact, current value.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDecision, encodeDecision, fnv, type StoredDecision } from '../../src/core/consent-cookie';
import { uuid } from '../../src/core/uuid';

const DAY = 864e5;
const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
const KEYS = ['necessary', 'preferences', 'analytics', 'marketing'];
const MAX_AGE = 182;
const REVISION = 3;
const ID = '3f2c9a0e-7b1d-4c5e-9f8a-0123456789ab';

const decision = (over: Partial<StoredDecision> = {}): StoredDecision => ({
  consentId: ID,
  decidedAt: NOW - 3600_000,
  revision: REVISION,
  granted: new Set(['necessary', 'analytics']),
  ...over,
});
const decode = (value: string, keys = KEYS, revision = REVISION, maxAgeDays = MAX_AGE, now = NOW) =>
  decodeDecision(value, keys, revision, maxAgeDays, now);

const VALID = encodeDecision(decision(), KEYS);
const fields = (value: string) => value.split('.');
/** Rebuilds a value from fields, with a correct checksum: isolates one check from the checksum's. */
const reseal = (parts: string[]): string => {
  const body = parts.slice(0, -1).join('.');
  return body + '.' + fnv(body).toString(36);
};
/** Replaces field i (0 = version … 5 = key hash) and reseals. */
const withField = (i: number, v: string, value = VALID): string => {
  const p = fields(value);
  p[i] = v;
  return reseal(p);
};

/** RFC 6265 §4.1.1 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('encodeDecision() / decodeDecision()', () => {
  it('should round-trip a decision exactly', () => {
    expect(decode(VALID)).toEqual(decision());
  });

  it('should round-trip no grant at all and every grant', () => {
    const none = decision({ granted: new Set() });
    const all = decision({ granted: new Set(KEYS) });
    expect(decode(encodeDecision(none, KEYS))).toEqual(none);
    expect(decode(encodeDecision(all, KEYS))).toEqual(all);
  });

  it('should give the documented layout: version, id, seconds, revision, mask, key hash, checksum', () => {
    const d = decision();
    expect(fields(VALID)).toEqual([
      '1',
      ID,
      (d.decidedAt / 1000).toString(36),
      REVISION.toString(36),
      // necessary (bit 0) + analytics (bit 2)
      (1 + 4).toString(36),
      fnv(KEYS.join(',')).toString(36),
      fnv(fields(VALID).slice(0, 6).join('.')).toString(36),
    ]);
  });

  it('should ignore granted keys that are not categories of the configuration', () => {
    const d = decision({ granted: new Set(['analytics', 'unknown']) });
    expect(decode(encodeDecision(d, KEYS))!.granted).toEqual(new Set(['analytics']));
  });

  it('should round-trip random decisions, in cookie-octets and within 200 bytes', () => {
    const keyArb = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,31}$/), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(
        keyArb.chain(keys => fc.tuple(fc.constant(keys), fc.subarray(keys))),
        fc.integer({ min: 0, max: 2147483647 }),
        fc.integer({ min: 0, max: MAX_AGE * DAY / 1000 - 1 }),
        ([keys, granted], revision, ageSeconds) => {
          const d: StoredDecision = { consentId: uuid(), decidedAt: NOW - ageSeconds * 1000, revision, granted: new Set(granted) };
          const value = encodeDecision(d, keys);
          expect(value).toMatch(COOKIE_OCTETS);
          expect(bytes('consentry=' + value)).toBeLessThanOrEqual(200);
          expect(decodeDecision(value, keys, revision, MAX_AGE, NOW)).toEqual(d);
        },
      ),
    );
  });
});

describe('the largest consent cookie', () => {
  // 30 categories (the maximum), every one granted, the highest revision, longest keys and ids.
  const keys = Array.from({ length: 30 }, (_, i) => ('c' + i).padEnd(32, 'x'));
  const largest = decision({
    consentId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
    revision: 2147483647,
    granted: new Set(keys),
  });
  const value = encodeDecision(largest, keys);

  it('should fit in 200 bytes with the cookie name "consentry" included', () => {
    expect(bytes('consentry=' + value)).toBeLessThanOrEqual(200);
  });

  it('should fit in 200 bytes even with the longest allowed cookie name (64 characters)', () => {
    expect(bytes('n'.repeat(64) + '=' + value)).toBeLessThanOrEqual(200);
  });

  it('should use only cookie-octets (no space, ", comma, ; or \\)', () => {
    expect(value).toMatch(COOKIE_OCTETS);
    expect(value).not.toMatch(/[\s",;\\]/);
  });

  it('should decode to the same decision', () => {
    expect(decodeDecision(value, keys, 2147483647, MAX_AGE, NOW)).toEqual(largest);
  });
});

describe('decodeDecision() rejections', () => {
  it('should return null for a wrong version', () => {
    expect(decode(withField(0, '2'))).toBeNull();
    expect(decode(withField(0, '0'))).toBeNull();
    expect(decode(withField(0, ''))).toBeNull();
  });

  it('should return null for a changed checksum', () => {
    const p = fields(VALID);
    const sum = parseInt(p[6]!, 36);
    p[6] = (sum ^ 1).toString(36);
    expect(decode(p.join('.'))).toBeNull();
    p[6] = ((sum + 1) >>> 0).toString(36);
    expect(decode(p.join('.'))).toBeNull();
  });

  it('should return null for a changed consent id', () => {
    const p = fields(VALID);
    p[1] = ID.replace(/b$/, 'c');
    expect(decode(p.join('.'))).toBeNull();
  });

  // Shape only: the checksum covers the content, and the loader keeps its check short.
  it('should return null for a consent id that is not shaped like a uuid, even with a matching checksum', () => {
    expect(decode(withField(1, ID.toUpperCase()))).toBeNull();
    expect(decode(withField(1, 'not-a-uuid'))).toBeNull();
    expect(decode(withField(1, ID + '0'))).toBeNull();
  });

  it('should return null for each flipped mask bit', () => {
    const mask = parseInt(fields(VALID)[4]!, 36);
    for (let bit = 0; bit < KEYS.length; bit++) {
      const p = fields(VALID);
      p[4] = (mask ^ (1 << bit)).toString(36);
      expect(decode(p.join('.'))).toBeNull();
    }
  });

  it('should return null for a mask naming more categories than the configuration has', () => {
    expect(decode(withField(4, (2 ** KEYS.length).toString(36)))).toBeNull();
  });

  it('should return null when the category list was renamed or reordered', () => {
    expect(decode(VALID, ['necessary', 'preferences', 'statistics', 'marketing'])).toBeNull();
    expect(decode(VALID, ['necessary', 'analytics', 'preferences', 'marketing'])).toBeNull();
    expect(decode(VALID, [...KEYS, 'partners'])).toBeNull();
    expect(decode(VALID, KEYS.slice(0, 3))).toBeNull();
  });

  it('should return null for an older or a newer revision', () => {
    expect(decode(VALID, KEYS, REVISION + 1)).toBeNull();
    expect(decode(VALID, KEYS, REVISION - 1)).toBeNull();
  });

  it('should return null once maxAgeDays have passed, and accept it just before', () => {
    const decidedAt = NOW - MAX_AGE * DAY;
    const value = encodeDecision(decision({ decidedAt }), KEYS);
    expect(decode(value)).toBeNull();
    expect(decode(value, KEYS, REVISION, MAX_AGE, NOW - 1000)).toEqual(decision({ decidedAt }));
  });

  it('should return null for a decision more than a day in the future, and accept clock skew below a day', () => {
    const ahead = encodeDecision(decision({ decidedAt: NOW + DAY }), KEYS);
    expect(decode(ahead)).toBeNull();
    const skewed = decision({ decidedAt: NOW + DAY - 1000 });
    expect(decode(encodeDecision(skewed, KEYS))).toEqual(skewed);
  });

  it('should return null for a value longer than 200 characters', () => {
    expect(decode(VALID + '.' + 'a'.repeat(200 - VALID.length))).toBeNull();
    expect(decode(VALID + 'x'.repeat(1e6))).toBeNull();
  });

  it('should return null for an extra or a missing field, even with a matching checksum', () => {
    const p = fields(VALID);
    expect(decode(reseal([...p.slice(0, 6), '0', p[6]!]))).toBeNull();
    expect(decode(VALID + '.0')).toBeNull();
    expect(decode(reseal([...p.slice(0, 5), p[6]!]))).toBeNull();
  });

  it('should return null for fields that are not lowercase base 36, even with a matching checksum', () => {
    expect(decode(withField(2, fields(VALID)[2]!.toUpperCase()))).toBeNull();
    expect(decode(withField(3, '-1'))).toBeNull();
    expect(decode(withField(4, ''))).toBeNull();
    expect(decode(withField(4, ' 5'))).toBeNull();
    expect(decode(withField(2, 'z'.repeat(12)))).toBeNull();
  });

  it('should return null for non-string and empty input without throwing', () => {
    for (const v of [undefined, null, 42, {}, [VALID], '', '.', '1']) expect(decode(v as string)).toBeNull();
  });
});

describe('decodeDecision() fuzzing', () => {
  const expected = decision();
  /** Anything but the identical decision must be "no decision". */
  const nullOrIdentical = (value: string) => {
    const d = decode(value);
    if (d !== null) expect(d).toEqual(expected);
  };

  it('should return null for random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), s => {
        expect(decode(s)).toBeNull();
      }),
    );
  });

  it('should return null for random strings shaped like a value (seven dot-separated fields)', () => {
    const field = fc.stringMatching(/^[0-9a-f-]{0,12}$/);
    fc.assert(
      fc.property(fc.array(field, { minLength: 6, maxLength: 6 }), f => {
        expect(decode(['1', ...f].join('.'))).toBeNull();
      }),
    );
  });

  it('should return null or the identical decision for every single-character substitution, insertion and deletion', () => {
    const alphabet = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).concat(['é', '\u2028', '\ud83d']);
    let accepted = 0;
    for (let i = 0; i <= VALID.length; i++) {
      for (const ch of alphabet) {
        const sub = VALID.slice(0, i) + ch + VALID.slice(i + 1);
        const ins = VALID.slice(0, i) + ch + VALID.slice(i);
        if (i < VALID.length && sub !== VALID) nullOrIdentical(sub);
        if (decode(ins) !== null) accepted++;
        nullOrIdentical(ins);
      }
      if (i < VALID.length) nullOrIdentical(VALID.slice(0, i) + VALID.slice(i + 1));
    }
    // The only accepted mutation: a leading zero on the checksum, which leaves its number unchanged.
    expect(accepted).toBe(1);
  });

  it('should return null or the identical decision for random multi-character mutations', () => {
    const edit = fc.record({
      kind: fc.constantFrom('sub', 'ins', 'del'),
      at: fc.nat(),
      ch: fc.oneof(fc.constantFrom(...'0123456789abcdefz.-'.split('')), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), edits => {
        let v = VALID;
        for (const { kind, at, ch } of edits) {
          const i = at % (v.length + 1);
          v = kind === 'ins' ? v.slice(0, i) + ch + v.slice(i) : kind === 'sub' ? v.slice(0, i) + ch + v.slice(i + 1) : v.slice(0, i) + v.slice(i + 1);
        }
        nullOrIdentical(v);
      }),
      { numRuns: 5000 },
    );
  });
});
