// ownCopy(): the configuration as consentry reads it, made of its own properties only (README, "Browser support").
import { describe, expect, it } from 'vitest';
import { ownCopy, resolveConfig } from '../../src/core/config';
import type { Config } from '../../src/core/types';

describe('ownCopy()', () => {
  it('should never let what a page added to Object.prototype read as a field', () => {
    const proto = Object.prototype as unknown as Record<string, unknown>;
    proto.required = true;
    proto.receipts = { endpoint: '/elsewhere' };
    try {
      const input = JSON.parse('{"categories":{"necessary":{},"analytics":{"cookies":["_ga"]}}}');
      expect(resolveConfig(input).categories.map(c => c.required)).toEqual([true, true]);
      const copy = ownCopy(input) as Config;
      expect(resolveConfig(copy).categories.map(c => c.required)).toEqual([true, false]);
      expect(copy.receipts).toBeUndefined();
      expect(copy.categories.analytics!.cookies).toEqual(['_ga']);
    } finally {
      delete proto.required;
      delete proto.receipts;
    }
  });

  it('should keep arrays as arrays and primitives as they are', () => {
    const input = { a: [1, { b: 'x' }, [null]], c: 'text', d: false, e: 0 };
    const copy = ownCopy(input) as typeof input;
    expect(Array.isArray(copy.a)).toBe(true);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(input));
    expect(Object.getPrototypeOf(copy)).toBe(null);
    expect(Object.getPrototypeOf(copy.a[1])).toBe(null);
  });

  it('should be a snapshot: later changes to the site\'s object are not seen', () => {
    const input: Config = { categories: { necessary: {}, analytics: {} } };
    const copy = ownCopy(input) as Config;
    input.categories.analytics!.required = true;
    expect(copy.categories.analytics!.required).toBeUndefined();
  });
});
