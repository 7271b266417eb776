// The outbox (contract §8): bounded, persisted before sending, retried with backoff, claimed per
// tab, and never lost while storage works; still working (in memory) when storage throws.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { add, backoff, beaconAll, enqueue, flush, http, reset, type Transport } from '../../src/core/outbox';
import type { Receipt } from '../../src/core/types';

const KEY = 'consentry:outbox';
let n = 0;
const receipt = (): Receipt => ({
  schema: 'consentry.receipt/1',
  receiptId: '00000000-0000-4000-8000-' + String(++n).padStart(12, '0'),
  consentId: '0b6f4a5e-8e1c-4c5e-9a3b-2f1d6c7e8a90',
  timestamp: '2026-11-22T10:00:00.000Z',
  revision: 1,
  action: 'accept_all',
  choices: { necessary: true },
  gpc: false,
  language: 'en',
  textHash: 'a'.repeat(64),
  url: 'https://shop.example/',
  policyUrl: null,
  sdkVersion: '1.0.0',
});
const stored = () => JSON.parse(localStorage.getItem(KEY) || '[]') as { receipt: Receipt; tries: number; next: number; by?: string }[];
function transport(statuses: number[]) {
  const sent: string[] = [];
  const beacons: string[] = [];
  const t: Transport = {
    post: async (_url, body) => (sent.push(JSON.parse(body).receiptId), statuses.shift() ?? 201),
    beacon: (_url, body) => (beacons.push(JSON.parse(body).receiptId), true),
  };
  return { t, sent, beacons };
}

let errors: string[];
beforeEach(() => {
  reset();
  localStorage.clear();
  errors = [];
  vi.spyOn(console, 'warn').mockImplementation(m => void errors.push(String(m)));
  vi.spyOn(console, 'error').mockImplementation(m => void errors.push(String(m)));
});
afterEach(() => vi.restoreAllMocks());

describe('enqueue()', () => {
  it('should persist the receipt before anything is sent', () => {
    const r = receipt();
    enqueue(r, 1000);
    expect(stored()).toEqual([{ receipt: r, tries: 0, next: 1000 }]);
  });

  it('should keep the newest 50 and say so when it drops older ones', () => {
    const all = Array.from({ length: 52 }, receipt);
    for (const r of all) enqueue(r);
    expect(stored().map(e => e.receipt.receiptId)).toEqual(all.slice(2).map(r => r.receiptId));
    expect(errors.some(e => e.startsWith('[consentry] receipts outbox full'))).toBe(true);
  });
});

describe('flush()', () => {
  it('should remove a receipt once the endpoint stored it', async () => {
    const r = receipt();
    enqueue(r);
    const { t, sent } = transport([201]);
    await flush('https://c.example/r', t);
    expect(sent).toEqual([r.receiptId]);
    expect(stored()).toEqual([]);
  });

  it('should keep a receipt the endpoint could not take, and retry it only after the backoff', async () => {
    const r = receipt();
    enqueue(r, 0);
    let now = 10_000;
    const { t, sent } = transport([500, 0, 200]);
    await flush('https://c.example/r', t, () => now);
    expect(stored()).toMatchObject([{ tries: 1 }]);
    expect(stored()[0]!.next).toBeGreaterThanOrEqual(now + 1000);
    await flush('https://c.example/r', t, () => now); // not due yet
    expect(sent).toEqual([r.receiptId]);
    now = stored()[0]!.next;
    await flush('https://c.example/r', t, () => now); // no answer (offline, timeout)
    expect(stored()).toMatchObject([{ tries: 2 }]);
    now = stored()[0]!.next;
    await flush('https://c.example/r', t, () => now);
    expect(sent).toEqual([r.receiptId, r.receiptId, r.receiptId]);
    expect(stored()).toEqual([]);
  });

  it('should drop a receipt the endpoint refuses for good (400), saying so', async () => {
    enqueue(receipt());
    await flush('https://c.example/r', transport([400]).t);
    expect(stored()).toEqual([]);
    expect(errors.some(e => e.includes('HTTP 400'))).toBe(true);
  });

  it('should not send a receipt another tab has claimed, until that claim expires', async () => {
    const r = receipt();
    localStorage.setItem(KEY, JSON.stringify([{ receipt: r, tries: 0, next: 0, by: 'other-tab', until: 50_000 }]));
    const { t, sent } = transport([201]);
    await flush('https://c.example/r', t, () => 10_000);
    expect(sent).toEqual([]);
    await flush('https://c.example/r', t, () => 60_000);
    expect(sent).toEqual([r.receiptId]);
  });

  it('should still deliver when storage throws', async () => {
    const get = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    const r = receipt();
    expect(() => enqueue(r)).not.toThrow();
    const { t, sent } = transport([201]);
    await flush('https://c.example/r', t);
    expect(sent).toEqual([r.receiptId]);
    get.mockRestore();
  });
});

// The fetch transport against a stubbed fetch: what each way of failing does to the receipt, and
// what the site is told (the same cases run against real servers in test/browser/receipts-faults).
describe('http()', () => {
  const calls: [string, RequestInit][] = [];
  const stubFetch = (...answers: ((init: RequestInit) => Promise<unknown>)[]) => {
    calls.length = 0;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => (calls.push([url, init]), answers.shift()!(init)));
  };
  const failed = () => Promise.reject(new TypeError('Failed to fetch'));
  afterEach(() => vi.unstubAllGlobals());

  it('should not follow a redirect, keep the receipt, and tell the site once to configure the final URL', async () => {
    const redirect = () => Promise.resolve({ type: 'opaqueredirect', status: 0 });
    stubFetch(redirect, redirect);
    const r = receipt();
    enqueue(r, 0);
    let now = 10_000;
    await flush('https://c.example/moved', http(), () => now);
    now = stored()[0]!.next;
    await flush('https://c.example/moved', http(), () => now);
    expect(calls.map(([, init]) => init.redirect)).toEqual(['manual', 'manual']);
    expect(stored()).toMatchObject([{ receipt: r, tries: 2 }]);
    expect(errors.filter(e => e.includes('redirect'))).toEqual([
      '[consentry] https://c.example/moved answered with a redirect, which receipts do not follow (a redirected POST can lose its body): set receipts.endpoint to the final URL. The receipt is kept and sent again.',
    ]);
  });

  it('should give up on an endpoint that does not answer in time, keep the receipt, and say so', async () => {
    let aborted = false;
    stubFetch(init => new Promise((_, fail) => init.signal!.addEventListener('abort', () => ((aborted = true), fail(new DOMException('', 'AbortError'))))));
    const r = receipt();
    enqueue(r, 0);
    await flush('https://c.example/slow', http(20), () => 10_000);
    expect(aborted).toBe(true);
    expect(stored()).toMatchObject([{ receipt: r, tries: 1 }]);
    expect(errors).toEqual(['[consentry] no answer from https://c.example/slow within 0.02 s: the receipt is kept and sent again']);
  });

  it('should keep the receipt when another origin answers without CORS, and name the missing header', async () => {
    stubFetch(failed, () => Promise.resolve({ type: 'opaque', status: 0 }));
    enqueue(receipt(), 0);
    await flush('https://c.example/no-cors', http(), () => 10_000);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(calls[1]).toEqual(['https://c.example/no-cors', { method: 'HEAD', mode: 'no-cors', credentials: 'omit' }]);
    expect(errors[0]).toBe(
      '[consentry] https://c.example/no-cors answered without "Access-Control-Allow-Origin: ' + location.origin + '", so this page cannot read the answer: the receipt is kept and sent again. The endpoint must allow this origin (receipts are sent without credentials).',
    );
    expect(stored()).toMatchObject([{ tries: 1 }]);
  });

  it('should tell an unreachable endpoint of another origin from one without CORS', async () => {
    stubFetch(failed, failed);
    enqueue(receipt(), 0);
    await flush('https://c.example/down', http(), () => 10_000);
    await vi.waitFor(() => expect(errors).toEqual(['[consentry] could not reach https://c.example/down: the receipt is kept and sent again']));
    expect(stored()).toMatchObject([{ tries: 1 }]);
  });

  it('should not blame CORS for a failure on the page\'s own origin', async () => {
    stubFetch(failed);
    enqueue(receipt(), 0);
    await flush(location.origin + '/r', http(), () => 10_000);
    expect(calls).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(stored()).toMatchObject([{ tries: 1 }]);
  });
});

describe('beaconAll()', () => {
  it('should beacon what waits and keep it, for the next page to confirm', () => {
    const a = receipt();
    const b = receipt();
    enqueue(a);
    enqueue(b);
    const { t, beacons } = transport([]);
    beaconAll('https://c.example/r', t);
    expect(beacons).toEqual([a.receiptId, b.receiptId]);
    expect(stored()).toHaveLength(2);
  });
});

describe('backoff()', () => {
  it('should grow exponentially with jitter, capped at an hour', () => {
    expect(backoff(0, 0)).toBe(1000);
    expect(backoff(0, 1)).toBe(3000);
    expect(backoff(3, 0.5)).toBe(16000);
    expect(backoff(30, 0.5)).toBe(3600e3);
  });
});

describe('without Web Locks', () => {
  it('should put back a receipt of this tab that another tab\'s write dropped, and deliver it', async () => {
    const r = receipt();
    enqueue(r);
    localStorage.setItem(KEY, '[]'); // another tab wrote the outbox it had read before our add
    const { t, sent } = transport([201]);
    await flush('https://c.example/r', t);
    expect(sent).toEqual([r.receiptId]);
    expect(stored()).toEqual([]);
  });
});

describe('where Web Locks are refused (a sandboxed frame, an opaque origin)', () => {
  it('should add and deliver without them, throwing nothing', async () => {
    let asked = 0;
    Object.defineProperty(navigator, 'locks', {
      configurable: true,
      value: { request: () => (asked++, Promise.reject(new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'))) },
    });
    try {
      const r = receipt();
      await add(r);
      expect(stored().map(e => e.receipt.receiptId)).toEqual([r.receiptId]);
      const { t, sent } = transport([201]);
      await flush('https://c.example/r', t);
      expect(sent).toEqual([r.receiptId]);
      expect(stored()).toEqual([]);
      expect(asked).toBe(1); // refused once: not asked again on this page
    } finally {
      delete (navigator as any).locks;
    }
  });
});
