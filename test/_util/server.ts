// A real HTTP server on 127.0.0.1 for the browser tests: serves dist/ under /consentry/, pages and
// scripts registered by the test, logs every request, and can delay, fail or add headers per path.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.gif': 'image/gif',
};

export interface Route {
  body?: string | Buffer;
  type?: string;
  status?: number;
  /** Milliseconds before answering: a slow tag. */
  delay?: number;
  headers?: Record<string, string>;
  handler?: (req: IncomingMessage, res: ServerResponse, body: string) => void;
}

export interface TestServer {
  origin: string;
  /** Every request: method and path (with query). */
  requests: { method: string; path: string; body: string }[];
  route(path: string, route: Route | string): void;
  /** Requests whose path starts with `prefix`. */
  hits(prefix: string): number;
  close(): Promise<void>;
}

const DIST = join(process.cwd(), 'dist');

/**
 * @param options.gzip serve dist/ gzip-compressed (level 9) to a browser that accepts it, as a CDN
 *   does: the bytes a page really receives can then be read from its responses.
 */
export async function startServer(options: { gzip?: boolean } = {}): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: TestServer['requests'] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url || '/', 'http://x');
    requests.push({ method: req.method || 'GET', path: url.pathname + url.search, body });
    const route = routes.get(url.pathname);
    if (route?.delay) await new Promise(r => setTimeout(r, route.delay));
    if (route?.handler) return route.handler(req, res, body);
    if (route) {
      const type = route.type || TYPES[extname(url.pathname)] || 'text/html; charset=utf-8';
      res.writeHead(route.status || 200, { 'content-type': type, 'cache-control': 'no-store', ...route.headers });
      return void res.end(route.body ?? '');
    }
    if (url.pathname.startsWith('/consentry/')) {
      const file = normalize(join(DIST, url.pathname.slice('/consentry/'.length)));
      if (file.startsWith(DIST))
        try {
          const data = await readFile(file);
          const gzip = options.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding']));
          // CORS on dist/: a sandboxed page (an opaque origin) imports the chunks cross-origin.
          res.writeHead(200, {
            'content-type': TYPES[extname(file)] || 'application/octet-stream',
            'cache-control': 'no-store',
            'access-control-allow-origin': '*',
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
          });
          return void res.end(gzip ? gzipSync(data, { level: 9 }) : data);
        } catch {
          // fall through to 404
        }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: 'http://127.0.0.1:' + port,
    requests,
    route(path, route) {
      routes.set(path, typeof route === 'string' ? { body: route } : route);
    },
    hits: prefix => requests.filter(r => r.path.startsWith(prefix)).length,
    close: () => new Promise(r => server.close(() => r())),
  };
}

/** A page with the inline configuration and the loader, then `body`; `lang` '' leaves <html lang> out. */
export function page(config: unknown, body = '', head = '', lang = 'en'): string {
  return (
    '<!doctype html><html' + (lang ? ' lang="' + lang + '"' : '') + '><head><meta charset="utf-8"><title>t</title>' +
    // `<` escaped: a "</script>" inside a text must not end the element (as a site must do too).
    '<script type="application/json" id="consentry-config">' + JSON.stringify(config).replace(/</g, '\\u003c') + '</script>' +
    '<script src="/consentry/consentry.js"></script>' + head + '</head><body>' + body + '</body></html>'
  );
}
