// The collector's embedded store: one append-only file, `receipts.ndjson`, in the data folder.
//
// Format (documented in README.md): one line per stored receipt,
//   <JSON of the record> TAB <sha256 hex of that JSON> LF
// JSON.stringify never emits a raw tab or newline, so the last tab of a line separates the two parts.
// Appends are group-committed: every receipt queued while a write+fdatasync is in flight goes into the
// next single write+fdatasync, and each append resolves only once its batch is on disk. On open, every
// line whose checksum matches is loaded; whatever follows the last good line (a torn write after a
// crash or power loss) is copied aside to `receipts.torn-<time>.bin` and truncated, so the next append
// starts on a clean line.
import { open, mkdir, readFile, writeFile, rename, unlink } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

export const FILE = 'receipts.ndjson';
export const LOCK = 'receipts.lock';

/**
 * A stored receipt: the fields of the README's "Consent receipts" plus the server's `receivedAt`. Nothing about the client.
 * @typedef {{
 *   schema: string, receiptId: string, consentId: string, timestamp: string, revision: number,
 *   action: 'accept_all' | 'reject_all' | 'custom' | 'withdraw', choices: Record<string, boolean>,
 *   gpc: boolean, language: string, textHash: string, url: string, policyUrl: string | null,
 *   sdkVersion: string, receivedAt: string
 * }} StoredReceipt
 */

/**
 * What the collector needs from a store. The embedded FileStore implements it; a site with many
 * servers implements it over a shared database (see README.md, "Many servers").
 * @typedef {object} ReceiptStore
 * @property {() => Promise<void>} open  Ready to append; repairs and indexes what is already stored.
 * @property {(record: StoredReceipt) => Promise<boolean>} append  Durably stores the record and resolves
 *   true, or resolves false when a record with the same receiptId is already stored (nothing written).
 *   Resolves only once the record would survive a crash.
 * @property {(receiptId: string) => Promise<boolean>} has
 * @property {(consentId: string) => Promise<StoredReceipt[]>} byConsent  Oldest first (client timestamp,
 *   then receivedAt).
 * @property {() => AsyncIterable<StoredReceipt>} all  Every record, in the order stored.
 * @property {() => Promise<void>} close  Waits for pending appends, then releases the store.
 */

/** Data folders opened by this process (the lock file alone cannot tell two opens in one process apart). */
const opened = new Set();

/** @param {string} json */
const checksum = json => createHash('sha256').update(json).digest('hex');

/** @param {string} json */
export const encodeLine = json => json + '\t' + checksum(json) + '\n';

/**
 * Decodes one line (without its LF): the record, or null when the line is damaged.
 * @param {string} line
 * @returns {StoredReceipt | null}
 */
export function decodeLine(line) {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return null;
  const json = line.slice(0, tab);
  if (line.slice(tab + 1) !== checksum(json)) return null;
  try {
    const record = JSON.parse(json);
    return record && typeof record === 'object' && typeof record.receiptId === 'string' ? record : null;
  } catch {
    return null;
  }
}

/** @param {StoredReceipt} a @param {StoredReceipt} b */
const oldestFirst = (a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0);

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

/** fsync a folder, so a file created or renamed in it survives a crash. */
async function syncDir(/** @type {string} */ dir) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a whole file and fsyncs it. */
async function writeDurably(/** @type {string} */ file, /** @type {string | Buffer} */ data) {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * One writer per data folder: `receipts.lock` holds the writer's pid. A lock left by a process that
 * no longer runs (kill -9) is taken over. Advisory: it guards against starting the demo and a standalone
 * collector on the same folder, not against a second machine on a network file system.
 */
async function lock(/** @type {string} */ dir) {
  const file = join(dir, LOCK);
  if (opened.has(dir)) throw new Error('consentry collector: ' + dir + ' is already open in this process');
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (pid > 0 && pid !== process.pid && alive(pid))
      throw Object.assign(new Error('consentry collector: ' + dir + ' is in use by process ' + pid + ' (' + file + ')'), { code: 'ELOCKED' });
    await writeFile(file, String(process.pid));
  }
  opened.add(dir);
}

async function unlock(/** @type {string} */ dir) {
  opened.delete(dir);
  const file = join(dir, LOCK);
  if ((await readFile(file, 'utf8').catch(() => '')).trim() === String(process.pid)) await unlink(file).catch(() => {});
}

/**
 * The embedded store: zero set-up, one file, crash-safe. Keeps an in-memory index of every record
 * (fine for one site's receipts for a few years; beyond that, prune or use a database).
 * @implements {ReceiptStore}
 */
export class FileStore {
  /** @param {string} dir the data folder (created if missing) */
  constructor(dir) {
    this.dir = resolve(dir);
    this.file = join(this.dir, FILE);
    /** What open() found: records loaded, damaged lines skipped, bytes of torn tail truncated. */
    this.report = { records: 0, skipped: 0, truncated: 0, tornFile: /** @type {string | null} */ (null) };
    /** @type {import('node:fs/promises').FileHandle | null} */
    this.fd = null;
    /** Bytes of the file that hold complete, synced records. */
    this.size = 0;
    /** @type {StoredReceipt[]} */
    this.records = [];
    /** @type {Set<string>} */
    this.ids = new Set();
    /** @type {Map<string, StoredReceipt[]>} */
    this.consents = new Map();
    /** @type {Map<string, Promise<boolean>>} receiptId → append in flight */
    this.pending = new Map();
    /** @type {{ record: StoredReceipt, line: string, resolve: (v: boolean) => void, reject: (e: unknown) => void }[]} */
    this.queue = [];
    /** A write + fdatasync is under way; the queue is drained before it clears. */
    this.writing = false;
    /** @type {Promise<void>} */
    this.flushing = Promise.resolve();
    this.closed = false;
  }

  async open() {
    if (this.fd) return;
    this.report = { records: 0, skipped: 0, truncated: 0, tornFile: null };
    this.size = 0;
    this.records = [];
    this.ids.clear();
    this.consents.clear();
    await mkdir(this.dir, { recursive: true });
    await lock(this.dir);
    try {
      let created = false;
      try {
        this.fd = await open(this.file, 'r+');
      } catch (e) {
        if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ENOENT') throw e;
        this.fd = await open(this.file, 'wx+');
        created = true;
      }
      if (created) await syncDir(this.dir);
      const buf = await this.fd.readFile();
      let pos = 0;
      let good = 0;
      let skipped = 0;
      while (pos < buf.length) {
        const nl = buf.indexOf(10, pos);
        if (nl < 0) break; // no newline: a torn last line
        const record = decodeLine(buf.toString('utf8', pos, nl));
        if (record) {
          if (!this.ids.has(record.receiptId)) this.index(record);
          good = nl + 1;
          this.report.skipped = skipped; // damaged lines followed by a good one stay, skipped
        } else skipped++;
        pos = nl + 1;
      }
      if (good < buf.length) {
        // Everything after the last good record is a torn write: keep a copy, then cut it off.
        const tail = buf.subarray(good);
        this.report.truncated = tail.length;
        this.report.tornFile = join(this.dir, 'receipts.torn-' + new Date().toISOString().replace(/[:.]/g, '-') + '.bin');
        await writeDurably(this.report.tornFile, tail);
        await this.fd.truncate(good);
        await this.fd.sync();
      }
      this.size = good;
      this.report.records = this.records.length;
      this.closed = false;
    } catch (e) {
      await this.fd?.close().catch(() => {});
      this.fd = null;
      await unlock(this.dir);
      throw e;
    }
  }

  /** @param {StoredReceipt} record */
  index(record) {
    this.records.push(record);
    this.ids.add(record.receiptId);
    const list = this.consents.get(record.consentId);
    if (list) list.push(record);
    else this.consents.set(record.consentId, [record]);
  }

  /**
   * @param {StoredReceipt} record
   * @returns {Promise<boolean>}
   */
  append(record) {
    if (!this.fd || this.closed) return Promise.reject(new Error('consentry collector: the store is not open'));
    if (this.ids.has(record.receiptId)) return Promise.resolve(false);
    const inflight = this.pending.get(record.receiptId);
    // The same receipt twice at once: the second is a duplicate once the first is stored.
    if (inflight) return inflight.then(() => false);
    /** @type {Promise<boolean>} */
    const done = new Promise((resolve, reject) => this.queue.push({ record, line: encodeLine(JSON.stringify(record)), resolve, reject }));
    this.pending.set(record.receiptId, done);
    done.then(
      () => this.pending.delete(record.receiptId),
      () => this.pending.delete(record.receiptId),
    );
    if (!this.writing) {
      this.writing = true;
      this.flushing = this.flush();
    }
    return done;
  }

  /**
   * Group commit: one write + fdatasync per batch of whatever is queued. `writing` is cleared in the
   * same tick as the last look at the queue, so no append is left behind.
   */
  async flush() {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 4096);
        const buf = Buffer.from(batch.map(e => e.line).join(''), 'utf8');
        const fd = /** @type {import('node:fs/promises').FileHandle} */ (this.fd);
        try {
          let written = 0;
          while (written < buf.length) written += (await fd.write(buf, written, buf.length - written, this.size + written)).bytesWritten;
          await fd.datasync();
        } catch (e) {
          // Leave no partial batch behind: cut back to the last synced record.
          await fd.truncate(this.size).catch(() => {});
          for (const entry of batch) entry.reject(e);
          continue;
        }
        this.size += buf.length;
        for (const entry of batch) {
          this.index(entry.record);
          entry.resolve(true);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** @param {string} receiptId */
  async has(receiptId) {
    return this.ids.has(receiptId);
  }

  /** @param {string} consentId */
  async byConsent(consentId) {
    return [...(this.consents.get(consentId) || [])].sort(oldestFirst);
  }

  async *all() {
    // A snapshot: records appended during the export are not in it.
    const n = this.records.length;
    for (let i = 0; i < n; i++) yield /** @type {StoredReceipt} */ (this.records[i]);
  }

  async close() {
    if (this.closed || !this.fd) return;
    this.closed = true;
    while (this.writing) await this.flushing;
    await this.fd.close();
    this.fd = null;
    await unlock(this.dir);
  }
}


/**
 * Retention: rewrites the store without the consent histories whose newest receipt was received
 * before `before`. A history is kept or dropped whole, so a withdrawal is never separated from the
 * consent it withdraws. Takes the lock: stop the collector first. Atomic (temp file, fsync, rename).
 * @param {string} dir
 * @param {Date} before
 * @returns {Promise<{ kept: number, dropped: number }>}
 */
export async function prune(dir, before) {
  const store = new FileStore(dir);
  await store.open();
  try {
    const cutoff = before.toISOString();
    /** @type {Map<string, string>} consentId → newest receivedAt */
    const newest = new Map();
    for (const r of store.records) if ((newest.get(r.consentId) || '') < r.receivedAt) newest.set(r.consentId, r.receivedAt);
    const keep = store.records.filter(r => /** @type {string} */ (newest.get(r.consentId)) >= cutoff);
    const tmp = store.file + '.tmp';
    await writeDurably(tmp, keep.map(r => encodeLine(JSON.stringify(r))).join(''));
    await rename(tmp, store.file);
    await syncDir(store.dir);
    return { kept: keep.length, dropped: store.records.length - keep.length };
  } finally {
    await store.close();
  }
}
