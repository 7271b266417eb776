// Shared by the collector tests: a valid receipt, a temp data folder, plain HTTP and raw-socket clients.
import { request as httpRequest, type Agent } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';

export const tempDir = () => mkdtempSync(join(tmpdir(), 'consentry-collector-'));

export function receipt(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 'consentry.receipt/1',
    receiptId: randomUUID(),
    consentId: randomUUID(),
    timestamp: new Date().toISOString(),
    revision: 1,
    action: 'custom',
    choices: { necessary: true, analytics: true, marketing: false },
    gpc: false,
    language: 'fr',
    textHash: createHash('sha256').update('texts').digest('hex'),
    url: 'https://site.example/path',
    policyUrl: '/privacy',
    sdkVersion: '1.0.0',
    ...overrides,
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: Agent | false } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method || 'GET', headers: options.headers, agent: options.agent ?? false }, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const post = (url: string, body: unknown, headers: Record<string, string> = {}, agent?: Agent) =>
  request(url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    agent,
  });

/**
 * Raw TCP: writes each part (pausing `gapMs` between them), then collects whatever the server sends
 * until it closes the socket or `waitMs` passes. `closed` says whether the server closed it.
 */
export function raw(port: number, parts: (string | Buffer)[], { gapMs = 0, waitMs = 3000 } = {}) {
  return new Promise<{ text: string; closed: boolean; ms: number }>(resolve => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', d => (text += d.toString('latin1')));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (i && gapMs) await new Promise(r => setTimeout(r, gapMs));
        if (done) return;
        socket.write(part);
      }
    });
  });
}

export const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
