// The embedded store on its own: format, torn-tail repair, group commit, lock, prune.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
// @ts-expect-error plain JavaScript module
import { FileStore, prune, encodeLine, decodeLine } from '../../demo/collector/store.mjs';
import { receipt, tempDir } from './helpers';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const record = (overrides: Record<string, unknown> = {}) => ({ ...receipt(overrides), receivedAt: new Date().toISOString() });
const all = async (store: any) => {
  const out: any[] = [];
  for await (const r of store.all()) out.push(r);
  return out;
};

describe('the file store', () => {
  it('should write one line per record: JSON, a tab, the sha256 of the JSON', async () => {
    const dir = fresh();
    const store = new FileStore(dir);
    await store.open();
    const r = record();
    expect(await store.append(r)).toBe(true);
    expect(await store.append(r)).toBe(false);
    await store.close();
    const text = readFileSync(join(dir, 'receipts.ndjson'), 'utf8');
    const json = JSON.stringify(r);
    expect(text).toBe(json + '\t' + createHash('sha256').update(json).digest('hex') + '\n');
    expect(decodeLine(text.slice(0, -1))).toEqual(r);
    expect(decodeLine(text.slice(0, -2))).toBeNull();
  });

  it('should batch concurrent appends and store a receipt appended twice at once only once', async () => {
    const dir = fresh();
    const store = new FileStore(dir);
    await store.open();
    const records = Array.from({ length: 500 }, () => record());
    const twice = records[7]!;
    const results = await Promise.all([...records.map(r => store.append(r)), store.append(twice), store.append(twice)]);
    expect(results.filter(Boolean)).toHaveLength(500);
    expect(await store.has(twice.receiptId)).toBe(true);
    await store.close();
    expect(readFileSync(join(dir, 'receipts.ndjson'), 'utf8').split('\n').filter(Boolean)).toHaveLength(500);
  });

  it('should truncate and ignore a torn last line, keep a copy of it, and append cleanly after', async () => {
    const dir = fresh();
    let store = new FileStore(dir);
    await store.open();
    const kept = [record(), record()];
    for (const r of kept) await store.append(r);
    await store.close();
    const file = join(dir, 'receipts.ndjson');
    const clean = readFileSync(file);
    // Half a record, as a crash in the middle of a write leaves it.
    const half = encodeLine(JSON.stringify(record())).slice(0, 120);
    appendFileSync(file, half);

    store = new FileStore(dir);
    await store.open();
    expect(store.report).toMatchObject({ records: 2, truncated: Buffer.byteLength(half) });
    expect(readFileSync(file)).toEqual(clean);
    expect(readFileSync(store.report.tornFile, 'utf8')).toBe(half);
    const next = record();
    expect(await store.append(next)).toBe(true);
    await store.close();

    store = new FileStore(dir);
    await store.open();
    expect((await all(store)).map((r: any) => r.receiptId)).toEqual([...kept, next].map(r => r.receiptId));
    expect(store.report).toMatchObject({ records: 3, truncated: 0, skipped: 0 });
    await store.close();
  });

  it('should drop a complete last line whose checksum does not match, and skip (not cut) a damaged line in the middle', async () => {
    const dir = fresh();
    const file = join(dir, 'receipts.ndjson');
    const [a, b, c] = [record(), record(), record()];
    const forged = encodeLine(JSON.stringify(c)).replace('"revision":1', '"revision":9');
    writeFileSync(file, encodeLine(JSON.stringify(a)) + 'garbage\tline\n' + encodeLine(JSON.stringify(b)) + forged);
    const store = new FileStore(dir);
    await store.open();
    expect(store.report).toMatchObject({ records: 2, skipped: 1, truncated: Buffer.byteLength(forged) });
    expect((await all(store)).map((r: any) => r.receiptId)).toEqual([a.receiptId, b.receiptId]);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    await store.close();
  });

  it('should open an empty folder with zero set-up, and a file of nothing but garbage', async () => {
    const dir = join(fresh(), 'nested', 'data');
    let store = new FileStore(dir);
    await store.open();
    expect(store.report.records).toBe(0);
    await store.close();
    writeFileSync(join(dir, 'receipts.ndjson'), Buffer.from([0, 1, 2, 0xff, 10, 65, 66]));
    store = new FileStore(dir);
    await store.open();
    expect(store.report.records).toBe(0);
    expect(readFileSync(join(dir, 'receipts.ndjson')).length).toBe(0);
    expect(await store.append(record())).toBe(true);
    await store.close();
  });

  it('should take one writer per folder, and take over a lock left by a dead process', async () => {
    const dir = fresh();
    const store = new FileStore(dir);
    await store.open();
    await expect(new FileStore(dir).open()).rejects.toThrow(/already open/);
    await store.close();
    expect(existsSync(join(dir, 'receipts.lock'))).toBe(false);
    writeFileSync(join(dir, 'receipts.lock'), '999999999');
    const again = new FileStore(dir);
    await again.open();
    await again.close();
  });

  it('should prune whole consent histories whose newest receipt is older than the cut-off', async () => {
    const dir = fresh();
    const store = new FileStore(dir);
    await store.open();
    const old = randomUUID();
    const recent = randomUUID();
    await store.append(record({ consentId: old }));
    await store.append({ ...record({ consentId: old }), receivedAt: '2020-01-01T00:00:00.000Z' });
    await store.append({ ...record({ consentId: recent }), receivedAt: '2020-01-01T00:00:00.000Z' });
    await store.append({ ...record({ consentId: recent }), receivedAt: '2026-06-01T00:00:00.000Z' });
    await store.append({ ...record({ consentId: randomUUID() }), receivedAt: '2021-01-01T00:00:00.000Z' });
    await store.close();
    // `old` has a receipt received now: kept whole; `recent` newest is 2026-06: kept; the 2021 one goes.
    expect(await prune(dir, new Date('2025-01-01T00:00:00Z'))).toEqual({ kept: 4, dropped: 1 });
    const after = new FileStore(dir);
    await after.open();
    expect(after.report).toMatchObject({ records: 4, skipped: 0, truncated: 0 });
    await after.close();
    expect(readdirSync(dir).filter(f => f.endsWith('.tmp'))).toEqual([]);
  });
});
