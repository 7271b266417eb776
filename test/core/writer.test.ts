// The receipts chunk's JSON writer: the page's JSON.stringify while it works, ours (core/json.ts)
// from the first time it does not, whatever the page did to it, before or after the first write.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from '../../src/core/json';

const DATA = { receipt: { receiptId: 'x', choices: { a: true } }, texts: [['k', 'é\n\ud800']], n: [1.5, null] };
const real = JSON.stringify;
let writer: typeof import('../../src/core/writer');
beforeEach(async () => {
  vi.resetModules();
  writer = await import('../../src/core/writer');
});
afterEach(() => {
  JSON.stringify = real;
  delete (Array.prototype as any).toJSON;
  delete (Object.prototype as any).toJSON;
});

describe('write()', () => {
  it('should use the page\'s JSON.stringify while it writes what an untouched one does', async () => {
    const calls = vi.fn(real);
    JSON.stringify = calls as typeof JSON.stringify;
    expect(await writer.ready()).toBe(true);
    expect(writer.write(DATA)).toBe(real(DATA));
    expect(calls).toHaveBeenCalledWith(DATA);
  });

  const tampered: [string, () => void][] = [
    ['arrays have a toJSON (Prototype.js)', () => void ((Array.prototype as any).toJSON = function (this: unknown[]) { return this.join(', '); })],
    ['objects have a toJSON', () => void ((Object.prototype as any).toJSON = () => 'object')],
    ['JSON.stringify throws', () => void (JSON.stringify = () => { throw new Error('no'); })],
    ['JSON.stringify was replaced by one that leaves lone surrogates as they are', () => void (JSON.stringify = ((v: unknown) => real(v).replace(/\\ud800/g, '\ud800')) as typeof JSON.stringify)],
  ];
  for (const [name, tamper] of tampered) {
    it(`should write with ours when ${name} before the first write`, async () => {
      tamper();
      expect(await writer.ready()).toBe(true);
      expect(writer.write(DATA)).toBe(stringify(DATA));
    });

    it(`should switch to ours when ${name} after an earlier write, and keep it`, async () => {
      expect(await writer.ready()).toBe(true);
      expect(writer.write(DATA)).toBe(real(DATA));
      tamper();
      expect(await writer.ready()).toBe(true);
      expect(writer.write(DATA)).toBe(stringify(DATA));
      JSON.stringify = real;
      expect(writer.write(DATA)).toBe(stringify(DATA));
    });
  }
});
