// kill -9 in the middle of a burst: the standalone collector runs in a child process and is killed
// with SIGKILL while 64 connections are posting receipts. Every receipt that got a 201 must be in the
// store, no partial record may remain, and the store must re-open and take the next append.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript module
import { FileStore, decodeLine } from '../../demo/collector/store.mjs';
// @ts-expect-error plain JavaScript module
import { startCollector } from '../../demo/collector/server.mjs';
import { post, receipt, request, tempDir } from './helpers';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts `node demo/collector/server.mjs` on a free port; resolves with the child and its URL. */
function spawnCollector(dataDir: string) {
  const child = spawn(process.execPath, ['demo/collector/server.mjs'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', COLLECTOR_DATA: dataDir, COLLECTOR_TOKEN: 'kill-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', d => {
      out += d;
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', d => (out += d));
    child.on('exit', code => reject(new Error('collector exited (' + code + '): ' + out)));
  });
}

describe('kill -9 during a burst', () => {
  it('should leave a store that re-opens cleanly with every acknowledged receipt', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { child, url } = await spawnCollector(dir);
    const exited = new Promise(resolve => child.once('exit', resolve));
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const acknowledged: string[] = [];
    const sent: string[] = [];
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    // 64 workers post until the process dies; it is killed once 300 receipts are acknowledged, so
    // dozens of requests are in flight: some being read, some queued for a write, one batch in fsync.
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (!killed) {
          const r = receipt();
          sent.push(r.receiptId as string);
          try {
            const reply = await post(url, r, {}, agent);
            if (reply.status === 201) acknowledged.push(r.receiptId as string);
            if (acknowledged.length >= 300) kill();
          } catch {
            return; // connection reset: the process is gone
          }
        }
      }),
    );
    agent.destroy();
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    // Every line in the file is whole and checksummed after the re-open's repair.
    const store = new FileStore(dir);
    await store.open();
    const lines = readFileSync(join(dir, 'receipts.ndjson'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(decodeLine(line)).not.toBeNull();
    for (const id of acknowledged) expect(await store.has(id)).toBe(true);
    const stored = new Set<string>();
    for await (const r of store.all()) stored.add(r.receiptId);
    expect(stored.size).toBe(lines.length); // no record twice
    for (const id of stored) expect(sent).toContain(id);
    expect(store.report.skipped).toBe(0);
    await store.close();

    // The next collector on the folder takes over the dead process's lock, dedupes and appends.
    const again = await startCollector({ port: 0, dataDir: dir, token: 'kill-test' });
    try {
      const r = receipt();
      expect((await post(again.url, r)).status).toBe(201);
      expect((await post(again.url, { ...receipt(), receiptId: acknowledged[0] })).status).toBe(200);
      const exported = (await request(again.url + '/export?format=ndjson', { headers: { authorization: 'Bearer kill-test' } })).text;
      const ids = exported.trim().split('\n').map(l => JSON.parse(l).receiptId);
      expect(ids).toHaveLength(stored.size + 1);
      expect(new Set(ids)).toEqual(new Set([...stored, r.receiptId]));
    } finally {
      await again.close();
    }
  }, 60000);
});
