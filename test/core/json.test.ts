// stringify(): the JSON text of receipts, their outbox and textHash's canonical texts, made without
// the page's JSON.stringify (README, "Browser support"). It must write exactly what an untouched JSON.stringify
// writes, or textHash would no longer match the one recomputed from the configuration.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from '../../src/core/json';

// JSON values whose strings hold any UTF-16 code unit: controls, quotes, lone surrogates.
const value = fc.letrec(tie => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('"', '\\', '\u0000', '\b', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', 'é', '😀') }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('any'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('any'), { maxKeys: 5 }),
  ),
})).any;

describe('stringify()', () => {
  it('should write exactly what JSON.stringify writes for any JSON value', () => {
    fc.assert(fc.property(value, v => stringify(v) === JSON.stringify(v)), { numRuns: 2000 });
  });

  it('should leave out undefined and functions as JSON.stringify does, and write non-finite numbers as null', () => {
    const v = { a: undefined, b: () => 1, c: [undefined, () => 1, NaN, -Infinity, -0], d: 1e21 };
    expect(stringify(v)).toBe(JSON.stringify(v));
    expect(stringify(v)).toBe('{"c":[null,null,null,null,0],"d":1e+21}');
  });

  it('should not be swayed by toJSON or anything else on the prototypes (Prototype.js)', () => {
    const v = { list: [1, ['a']], text: 'x' };
    const array = Array.prototype as unknown as Record<string, unknown>;
    const object = Object.prototype as unknown as Record<string, unknown>;
    array.toJSON = function (this: unknown[]) {
      return '[' + this.join(', ') + ']';
    };
    object.extra = 'inherited';
    try {
      expect(JSON.stringify(v)).toBe('{"list":"[1, a]","text":"x"}');
      expect(stringify(v)).toBe('{"list":[1,["a"]],"text":"x"}');
    } finally {
      delete array.toJSON;
      delete object.extra;
    }
  });
});
