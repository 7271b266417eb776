// The reference collector over real HTTP on 127.0.0.1, with a temp data folder: schema, limits,
// content types, CORS, dedupe, lookup and export behind a token, restart, slow and hostile clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
// @ts-expect-error plain JavaScript module
import { startCollector } from '../../demo/collector/server.mjs';
import { post, raw, receipt, request, statusOf, tempDir } from './helpers';

const TOKEN = 'test-token-' + randomUUID();
const SITE = 'https://site.example';
let dir: string;
let running: { url: string; server: import('node:http').Server; close: () => Promise<void> };
let port: number;

const lines = () => readFileSync(join(dir, 'receipts.ndjson'), 'utf8').split('\n').filter(Boolean);
const auth = { authorization: 'Bearer ' + TOKEN };

beforeAll(async () => {
  dir = tempDir();
  running = await startCollector({ port: 0, dataDir: dir, origins: [SITE], token: TOKEN, timeoutMs: 400 });
  port = (running.server.address() as import('node:net').AddressInfo).port;
});
afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST receipts', () => {
  it('should store a valid receipt (201), answer the same again as a duplicate (200) and store it once', async () => {
    const r = receipt();
    const first = await post(running.url, r);
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ status: 'stored' });
    const again = await post(running.url, r);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ status: 'duplicate' });
    expect(lines().filter(l => l.includes(r.receiptId as string))).toHaveLength(1);
  });

  it('should store exactly the receipt plus receivedAt: nothing about the client', async () => {
    const r = receipt();
    const before = Date.now();
    await post(running.url, r, { 'user-agent': 'Mozilla/5.0 Test', 'x-forwarded-for': '203.0.113.9', cookie: 'a=b' });
    const line = lines().find(l => l.includes(r.receiptId as string))!;
    const [json, sum] = line.split('\t');
    expect(sum).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.parse(json!);
    expect(Object.keys(stored).sort()).toEqual([...Object.keys(r), 'receivedAt'].sort());
    expect(stored).toMatchObject(r);
    expect(Date.parse(stored.receivedAt)).toBeGreaterThanOrEqual(before - 5);
    for (const leak of ['"ip"', '"userAgent"', '"headers"', '127.0.0.1', '203.0.113.9', 'Mozilla', 'a=b']) expect(line).not.toContain(leak);
  });

  it('should accept application/json, a null policyUrl and every action', async () => {
    for (const action of ['accept_all', 'reject_all', 'custom', 'withdraw'])
      expect((await post(running.url, receipt({ action, policyUrl: null }), { 'content-type': 'application/json' })).status).toBe(201);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['url with a query', { url: 'https://site.example/path?utm=1' }, 'url'],
    ['url with an empty query', { url: 'https://site.example/path?' }, 'url'],
    ['url with a fragment', { url: 'https://site.example/path#top' }, 'url'],
    ['relative url', { url: '/path' }, 'url'],
    ['ftp url', { url: 'ftp://site.example/' }, 'url'],
    ['url with credentials', { url: 'https://me:pw@site.example/' }, 'url'],
    ['url not a string', { url: 42 }, 'url'],
    ['bad receiptId', { receiptId: 'not-a-uuid' }, 'receiptId'],
    ['uppercase receiptId', { receiptId: randomUUID().toUpperCase() }, 'receiptId'],
    ['uuid v1 consentId', { consentId: 'c232ab00-9414-11ec-b3c8-9f6bdeced846' }, 'consentId'],
    ['wrong schema', { schema: 'consentry.receipt/2' }, 'schema'],
    ['local timestamp', { timestamp: '2026-11-22T10:00:00.000+01:00' }, 'timestamp'],
    ['impossible date', { timestamp: '2026-02-30T10:00:00.000Z' }, 'timestamp'],
    ['epoch timestamp', { timestamp: 1790000000000 }, 'timestamp'],
    ['negative revision', { revision: -1 }, 'revision'],
    ['fractional revision', { revision: 1.5 }, 'revision'],
    ['string revision', { revision: '1' }, 'revision'],
    ['wrong action', { action: 'accept' }, 'action'],
    ['non-boolean choice', { choices: { necessary: true, analytics: 'yes' } }, 'choices.analytics'],
    ['bad category key', { choices: { Analytics: true } }, 'choices'],
    ['no category', { choices: {} }, 'choices'],
    ['31 categories', { choices: Object.fromEntries(Array.from({ length: 31 }, (_, i) => ['c' + i, true])) }, 'choices'],
    ['choices an array', { choices: [true] }, 'choices'],
    ['gpc a string', { gpc: 'false' }, 'gpc'],
    ['bad language', { language: 'french!' }, 'language'],
    ['textHash uppercase', { textHash: 'A'.repeat(64) }, 'textHash'],
    ['textHash short', { textHash: 'a'.repeat(63) }, 'textHash'],
    ['policyUrl a number', { policyUrl: 1 }, 'policyUrl'],
    ['sdkVersion missing', { sdkVersion: undefined }, 'sdkVersion'],
    ['unknown field', { ip: '203.0.113.9' }, 'ip'],
    ['unknown field userAgent', { userAgent: 'Mozilla/5.0' }, 'userAgent'],
  ];
  for (const [name, change, field] of invalid)
    it('should refuse a receipt with ' + name + ' (400 naming ' + field + ')', async () => {
      const body = receipt(change);
      for (const [k, v] of Object.entries(change)) if (v === undefined) delete body[k];
      const before = lines().length;
      const reply = await post(running.url, body);
      expect(reply.status).toBe(400);
      expect(reply.json.field).toBe(field);
      expect(reply.json.error).toContain(field);
      expect(lines().length).toBe(before);
    });

  it('should refuse a body that is not a JSON object, and malformed JSON, with a JSON reason', async () => {
    for (const body of ['[1,2]', 'null', '"x"', '{"schema":', 'not json at all', '\u0000\u0001'])
      expect((await post(running.url, body)).json.error).toBeTypeOf('string');
    const malformed = await post(running.url, '{"schema": "consentry.receipt/1",');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatch(/malformed JSON/);
    expect((await post(running.url, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).status).toBe(400);
  });

  it('should refuse other content types with 415', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html', 'text/plain; charset=iso-8859-1']) {
      const reply = await post(running.url, receipt(), { 'content-type': type });
      expect(reply.status, type).toBe(415);
      expect(reply.json.error).toBeTypeOf('string');
    }
    expect((await request(running.url, { method: 'POST', body: JSON.stringify(receipt()) })).status).toBe(415);
  });

  it('should accept exactly 16 KB and refuse 16 KB + 1 (413) with a Content-Length', async () => {
    const pad = (size: number) => {
      const base = JSON.stringify(receipt());
      return base.slice(0, -1) + ' '.repeat(size - base.length) + '}';
    };
    expect((await post(running.url, pad(16384))).status).toBe(201);
    const over = await post(running.url, pad(16385));
    expect(over.status).toBe(413);
    expect(over.json.error).toMatch(/16384/);
  });

  it('should answer 413 on the Content-Length alone, before the body is sent', async () => {
    const reply = await raw(port, ['POST /consent/receipts HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 16385\r\n\r\n']);
    expect(statusOf(reply.text)).toBe(413);
    expect(reply.closed).toBe(true);
    const huge = await raw(port, ['POST /consent/receipts HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10000000000\r\n\r\n{']);
    expect(statusOf(huge.text)).toBe(413);
  });

  it('should answer 413 to a chunked body (no Content-Length) as soon as it passes 16 KB', async () => {
    const head = 'POST /consent/receipts HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunk = (n: number) => n.toString(16) + '\r\n' + 'a'.repeat(n) + '\r\n';
    // 16 KB + 1 in three chunks, and the stream is never terminated: the answer cannot wait for the end.
    const reply = await raw(port, [head, chunk(8192), chunk(8192), chunk(1)], { gapMs: 20 });
    expect(statusOf(reply.text)).toBe(413);
    expect(reply.closed).toBe(true);
    // Exactly 16 KB chunked is fine (and not a receipt: 400).
    const ok = await raw(port, [head, chunk(8192), chunk(8192), '0\r\n\r\n'], { gapMs: 20, waitMs: 1000 });
    expect(statusOf(ok.text)).toBe(400);
  });

  it('should answer 408 and close the socket when a client sends half a body and stalls', async () => {
    const body = JSON.stringify(receipt());
    const reply = await raw(port, [
      'POST /consent/receipts HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ' + body.length + '\r\n\r\n' + body.slice(0, 100),
    ]);
    expect(statusOf(reply.text)).toBe(408);
    expect(reply.closed).toBe(true);
    expect(reply.ms).toBeGreaterThanOrEqual(350);
    expect(reply.ms).toBeLessThan(2500);
  });

  it('should survive random bytes, aborted uploads and a flood of bad requests', async () => {
    const garbage = await raw(port, [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))], { waitMs: 1000 });
    expect(garbage.closed).toBe(true);
    // An upload cut off in the middle.
    const body = JSON.stringify(receipt());
    await raw(port, ['POST /consent/receipts HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ' + body.length + '\r\n\r\n' + body.slice(0, 50)], { waitMs: 50 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => post(running.url, i % 2 ? '{'.repeat(i * 100) : 'x'.repeat(i * 400)).catch(() => null)));
    // Still serving.
    expect((await post(running.url, receipt())).status).toBe(201);
  });

  it('should answer 404 to unknown paths and 405 to other methods', async () => {
    const base = running.url.replace('/consent/receipts', '');
    expect((await request(base + '/elsewhere')).status).toBe(404);
    expect((await request(running.url + '/other')).status).toBe(404);
    const put = await request(running.url, { method: 'PUT', body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toContain('POST');
  });
});

describe('CORS', () => {
  it('should allow a configured origin, with Vary: Origin', async () => {
    const reply = await post(running.url, receipt(), { origin: SITE });
    expect(reply.status).toBe(201);
    expect(reply.headers['access-control-allow-origin']).toBe(SITE);
    expect(reply.headers.vary).toMatch(/Origin/);
  });

  it('should allow a request with no Origin and a same-origin one', async () => {
    expect((await post(running.url, receipt())).headers['access-control-allow-origin']).toBeUndefined();
    const self = 'http://127.0.0.1:' + port;
    const reply = await post(running.url, receipt(), { origin: self });
    expect(reply.status).toBe(201);
    expect(reply.headers['access-control-allow-origin']).toBe(self);
  });

  it('should refuse another origin with 403 and store nothing', async () => {
    const r = receipt();
    for (const origin of ['https://evil.example', 'null', 'https://site.example.evil.example', 'http://site.example']) {
      const reply = await post(running.url, r, { origin });
      expect(reply.status, origin).toBe(403);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(lines().some(l => l.includes(r.receiptId as string))).toBe(false);
  });

  it('should answer a preflight with 204, the methods and the headers', async () => {
    const reply = await request(running.url, {
      method: 'OPTIONS',
      headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe(SITE);
    expect(reply.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(reply.headers['access-control-allow-methods']).toMatch(/GET/);
    expect(reply.headers['access-control-allow-headers']).toMatch(/Content-Type/i);
    expect(reply.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    expect((await request(running.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });
});

describe('lookup and export', () => {
  const consentId = randomUUID();
  const history = [
    receipt({ consentId, action: 'accept_all', timestamp: '2026-01-01T10:00:00.000Z', revision: 1 }),
    receipt({ consentId, action: 'withdraw', timestamp: '2026-03-01T10:00:00Z', revision: 1, choices: { necessary: true, analytics: false } }),
    receipt({ consentId, action: 'custom', timestamp: '2026-02-01T10:00:00.5Z', revision: 2, url: 'https://site.example/a,"b"' }),
  ];
  beforeAll(async () => {
    for (const r of history) expect((await post(running.url, r)).status).toBe(201);
  });

  it('should need the token (401 without or with a wrong one)', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 'Basic ' + Buffer.from('a:' + TOKEN).toString('base64') }, { authorization: 'Bearer ' + TOKEN + 'x' }]) {
      expect((await request(running.url + '?consentId=' + consentId, { headers })).status).toBe(401);
      expect((await request(running.url + '/export?format=ndjson', { headers })).status).toBe(401);
    }
  });

  it("should return a consent id's receipts, oldest first", async () => {
    const reply = await request(running.url + '?consentId=' + consentId, { headers: auth });
    expect(reply.status).toBe(200);
    expect(reply.json.map((r: any) => r.action)).toEqual(['accept_all', 'custom', 'withdraw']);
    expect(reply.json[0]).toMatchObject(history[0]!);
    expect(reply.json[0].receivedAt).toBeTypeOf('string');
    expect((await request(running.url + '?consentId=' + randomUUID(), { headers: auth })).json).toEqual([]);
    expect((await request(running.url + '?consentId=nope', { headers: auth })).status).toBe(400);
  });

  it('should export every receipt as NDJSON', async () => {
    const reply = await request(running.url + '/export?format=ndjson', { headers: auth });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/ndjson/);
    const records = reply.text.trim().split('\n').map(l => JSON.parse(l));
    expect(records.length).toBe(lines().length);
    for (const r of history) expect(records.find(x => x.receiptId === r.receiptId)).toMatchObject(r);
  });

  it('should export every receipt as CSV', async () => {
    const reply = await request(running.url + '/export?format=csv', { headers: auth });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/text\/csv/);
    const rows = reply.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('receiptId,consentId,timestamp,receivedAt,revision,action,choices,gpc,language,textHash,url,policyUrl,sdkVersion,schema');
    expect(rows.length - 1).toBe(lines().length);
    const row = rows.find(l => l.startsWith(history[2]!.receiptId as string))!;
    expect(row).toContain(',custom,"{""necessary"":true,""analytics"":true,""marketing"":false}",false,fr,');
    expect(row).toContain(',"https://site.example/a,""b""",/privacy,1.0.0,consentry.receipt/1');
    expect((await request(running.url + '/export?format=xml', { headers: auth })).status).toBe(400);
  });

  it('should never open lookup or export when no token is configured', async () => {
    const open = tempDir();
    const other = await startCollector({ port: 0, dataDir: open });
    try {
      for (const headers of [{}, { authorization: 'Bearer ' }, { authorization: 'Bearer undefined' }]) {
        expect((await request(other.url + '?consentId=' + consentId, { headers })).status).toBe(403);
        expect((await request(other.url + '/export', { headers })).status).toBe(403);
      }
    } finally {
      await other.close();
      rmSync(open, { recursive: true, force: true });
    }
  });
});

describe('restart', () => {
  it('should keep the receipts and the dedupe across a restart on the same folder', async () => {
    const d = tempDir();
    const r = receipt();
    let c = await startCollector({ port: 0, dataDir: d, token: TOKEN });
    expect((await post(c.url, r)).status).toBe(201);
    await c.close();
    c = await startCollector({ port: 0, dataDir: d, token: TOKEN });
    try {
      expect((await post(c.url, r)).status).toBe(200);
      const found = await request(c.url + '?consentId=' + r.consentId, { headers: auth });
      expect(found.json).toHaveLength(1);
      expect(found.json[0]).toMatchObject(r);
      expect((await post(c.url, receipt({ consentId: r.consentId }))).status).toBe(201);
    } finally {
      await c.close();
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('should refuse a second collector on a folder in use', async () => {
    await expect(startCollector({ port: 0, dataDir: dir })).rejects.toThrow(/already open|in use/);
  });
});
