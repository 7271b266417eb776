// At-least-once delivery of receipts (README, "Consent receipts"). Every receipt is written to a bounded outbox in
// localStorage before it is sent, and leaves it only once the endpoint has answered. A receipt the
// endpoint could not take (offline, timeout, 5xx, a redirect, an answer CORS hides from the page) is
// retried with exponential backoff and jitter, on `online` and on the next page load; on `pagehide`
// what is still waiting goes out with sendBeacon, and stays in the outbox until a later answer
// confirms it (the endpoint deduplicates on receiptId). Tabs claim a receipt before sending it, so
// two open tabs never send the same one.

import { OUTBOX_KEY, OUTBOX_MAX } from './constants';
import { report } from './guard';
import type { Receipt } from './types';
import { ready, write as stringify } from './writer';

interface Entry {
  receipt: Receipt;
  tries: number;
  /** Not before this time (epoch ms). */
  next: number;
  /** Claimed by a tab (its id) until `until`. */
  by?: string;
  until?: number;
}

export interface Transport {
  /** Resolves to the HTTP status, or 0 when there was no answer it can use (offline, timeout, redirect, CORS). */
  post(url: string, body: string): Promise<number>;
  beacon(url: string, body: string): boolean;
}

// This tab, in claims: it only has to differ from the site's other open tabs.
const TAB = '' + Math.random();
const CLAIM_MS = 30e3;
const TIMEOUT_MS = 10e3;
const BASE_DELAY_MS = 2e3;
const MAX_DELAY_MS = 3600e3;
// Answers that will never change by retrying: the receipt itself is refused.
const PERMANENT = [400, 403, 404, 413, 415, 422];

let memory: Entry[] = [];
let storageOk = true;

function read(): Entry[] {
  try {
    const raw = localStorage.getItem(OUTBOX_KEY);
    const list = raw ? JSON.parse(raw) : [];
    storageOk = true;
    return Array.isArray(list) ? list.filter(e => e?.receipt?.receiptId) : [];
  } catch {
    // Storage blocked or full: receipts wait in memory for this page's life.
    storageOk = false;
    return memory;
  }
}

function write(list: Entry[]): void {
  memory = list;
  try {
    if (list.length) localStorage.setItem(OUTBOX_KEY, stringify(list));
    else localStorage.removeItem(OUTBOX_KEY);
  } catch {
    storageOk = false;
  }
}

// This tab's own receipts until an answer confirms them: should a race between tabs drop one from
// the stored outbox (possible where Web Locks are missing), it is put back rather than lost.
const mine = new Map<string, Entry>();

/** Adds a receipt, keeping the newest OUTBOX_MAX (and saying so when older ones are dropped). */
export function enqueue(receipt: Receipt, now = Date.now()): void {
  const entry = { receipt, tries: 0, next: now };
  mine.set(receipt.receiptId, entry);
  const list = [...read(), entry];
  const dropped = list.length - OUTBOX_MAX;
  if (dropped > 0) report('receipts outbox full: the ' + dropped + ' oldest undelivered receipt(s) dropped', 'warn');
  write(list.slice(Math.max(0, dropped)));
}

/** The delay before try number `tries` + 1: exponential, capped, with ±50 % jitter. */
export const backoff = (tries: number, random = Math.random()): number =>
  Math.min(BASE_DELAY_MS * 2 ** tries, MAX_DELAY_MS) * (0.5 + random);

export const TEXT = 'text/plain;charset=UTF-8';
/** A CORS-simple POST (text/plain: no preflight), without cookies, that outlives the page. */
const postInit = (body: string, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  body,
  keepalive: true,
  credentials: 'omit',
  // A followed 301/302/303 turns the POST into a GET without the receipt, and the final page's 2xx
  // (or 404) would then confirm a receipt that was never stored.
  redirect: 'manual',
  headers: { 'Content-Type': TEXT },
  signal,
});

/** Says that `url` answered with a redirect; 0: the receipt is not confirmed. */
export const redirected = (url: string): 0 => (
  report(url + ' answered with a redirect, which receipts do not follow (a redirected POST can lose its body): set receipts.endpoint to the final URL. The receipt is kept and sent again.'),
  0
);

let probed = false;

/**
 * The transport: fetch (keepalive, text/plain, no credentials, redirects not followed, a timeout),
 * or XMLHttpRequest where the page left no working fetch. Whatever keeps a receipt from being
 * confirmed is said once in the console, with what the site can do about it.
 * @param timeout milliseconds before giving up on an answer (tests shorten it)
 */
export function http(timeout = TIMEOUT_MS): Transport {
  return {
    async post(url, body) {
      const abort = typeof AbortController !== 'undefined' ? new AbortController() : undefined;
      let late = false;
      const timer = setTimeout(() => ((late = true), abort?.abort()), timeout);
      try {
        let sent: Promise<Response> | undefined;
        try {
          sent = fetch(url, postInit(body, abort?.signal));
        } catch {
          // thrown rather than rejected: not a network failure, the page's fetch is unusable
        }
        // XMLHttpRequest instead, said once in the console; its chunk is fetched on such a page only.
        if (typeof sent?.then !== 'function') return await (await import('./xhr')).xhrPost(url, body, timeout);
        const res = await sent;
        if (res.type !== 'opaqueredirect') return res.status;
        redirected(url);
      } catch {
        if (late) report('no answer from ' + url + ' within ' + timeout / 1e3 + ' s: the receipt is kept and sent again', 'warn');
        // Why: CORS, or no endpoint at all? Found out once, by a chunk of its own fetched then.
        else if (!probed)
          import('./probe')
            .then(m => void (probed ||= m.probe(url)))
            .catch(() => {});
      } finally {
        clearTimeout(timer);
      }
      return 0;
    },
    beacon(url, body) {
      try {
        if (navigator.sendBeacon) return navigator.sendBeacon(url, new Blob([body], { type: TEXT }));
        // Older browsers, or a page that removed it: a keepalive fetch outlives the page as well.
        void fetch(url, postInit(body)).catch(() => {});
        return true;
      } catch {
        return false;
      }
    },
  };
}
export const httpTransport = http();

/**
 * Adds a receipt while holding the outbox, so that two tabs adding at once cannot overwrite each
 * other's (localStorage has no atomic update).
 */
export const add = (receipt: Receipt): Promise<void> =>
  exclusive(async () => {
    await ready();
    enqueue(receipt);
  });

/**
 * Runs `fn` holding the outbox for this origin: Web Locks where the page may use them, else at once
 * (claims still apply). An opaque origin (a sandboxed frame) has `navigator.locks` but is refused
 * every lock (Web Locks API §3.1: a SecurityError): the outbox then does without, for this page.
 */
async function exclusive(fn: () => Promise<void>): Promise<void> {
  let ran = false;
  try {
    const l = locks();
    if (l) return await (l.request(OUTBOX_KEY, () => ((ran = true), fn())) as unknown as Promise<void>);
  } catch (e) {
    if (ran) throw e;
    lockless = true;
  }
  return fn();
}
let lockless = false;
const locks = (): LockManager | undefined =>
  lockless || typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;

/** Forgets this page's in-memory state (tests, and a single-page app that tears consentry down). */
export function reset(): void {
  mine.clear();
  probed = false;
  lockless = false;
  memory = [];
  clearTimeout(timer);
}

let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | null = null;

/**
 * Sends every receipt that is due and not claimed by another tab; schedules the next try.
 * @returns once this round is over
 */
export function flush(endpoint: string, transport: Transport = httpTransport, now = () => Date.now()): Promise<void> {
  return (running ||= exclusive(async () => {
    // Claim what is due: written before sending, so another tab reading the outbox skips it.
    const t = now();
    // Nothing is written without a JSON writer that works (core/writer.ts): the next round tries again.
    if (!(await ready())) return;
    // Without Web Locks an add can race another tab's write: put back what this tab knows is
    // undelivered. (With locks it cannot race, and a missing receipt was delivered by another tab.)
    if (!locks()) {
      const stored = read();
      const lost = [...mine.values()].filter(m => !stored.some(e => e.receipt.receiptId === m.receipt.receiptId));
      if (lost.length) write([...stored, ...lost]);
    }
    const due = read().filter(e => e.next <= t && (!e.by || e.by === TAB || (e.until || 0) < t));
    if (!due.length) return;
    const ids = new Set(due.map(e => e.receipt.receiptId));
    write(read().map(e => (ids.has(e.receipt.receiptId) ? { ...e, by: TAB, until: t + CLAIM_MS } : e)));
    // true: the receipt leaves the outbox (stored, or refused for good); false: it is tried again.
    const outcomes = new Map<string, boolean>();
    // Written now, while the writer is known to work: tags may change JSON.stringify while we wait.
    const bodies = due.map(e => stringify(e.receipt));
    for (const e of due) {
      const status = await transport.post(endpoint, bodies.shift()!);
      const refused = PERMANENT.includes(status);
      if (refused) report('receipt refused by ' + endpoint + ' (HTTP ' + status + '); it will not be sent again');
      outcomes.set(e.receipt.receiptId, refused || (status >= 200 && status < 300));
    }
    const after = now();
    // The page's tags ran meanwhile: JSON.stringify is checked again before the outbox is written.
    // Without a writer the outbox stays as claimed above, and what was delivered is sent again later.
    if (!(await ready())) return;
    write(
      read().flatMap(e => {
        const outcome = outcomes.get(e.receipt.receiptId);
        if (outcome) return mine.delete(e.receipt.receiptId), [];
        if (outcome === false) {
          const retry = { receipt: e.receipt, tries: e.tries + 1, next: after + backoff(e.tries) };
          if (mine.has(e.receipt.receiptId)) mine.set(e.receipt.receiptId, retry);
          return [retry];
        }
        return [e];
      }),
    );
  }).finally(() => {
    running = null;
    schedule(endpoint, transport, now);
  }));
}

/** The next try, while the page lives: at the earliest time a waiting receipt is due. */
function schedule(endpoint: string, transport: Transport, now: () => number): void {
  clearTimeout(timer);
  const list = read();
  if (!list.length) return;
  const wait = Math.max(0, Math.min(...list.map(e => e.next)) - now());
  timer = setTimeout(() => void flush(endpoint, transport, now), Math.min(wait, 2 ** 31 - 1));
}

/**
 * Sends what is still waiting with sendBeacon: the page is going away. Entries stay in the outbox
 * (a beacon has no answer), so the next page load retries them and the endpoint deduplicates.
 */
export function beaconAll(endpoint: string, transport: Transport = httpTransport): void {
  // What this tab is sending right now travels with fetch keepalive, which outlives the page.
  try {
    for (const e of read()) if (!(running && e.by === TAB)) transport.beacon(endpoint, stringify(e.receipt));
  } catch {
    // a page that broke JSON.stringify since the last try: what waits stays, for the next page
  }
}

/** Whether the outbox can persist (false: storage blocked; receipts live in memory only). */
export const persistent = (): boolean => storageOk;

let listening = false;
/** Retries on `online`, beacons on `pagehide`; installed once per page. */
export function listen(endpoint: string, transport: Transport = httpTransport): void {
  if (listening) return;
  listening = true;
  addEventListener('online', () => void flush(endpoint, transport));
  addEventListener('pagehide', () => beaconAll(endpoint, transport));
}
