// The demo site: serves demo/site/ and dist/ (as /consentry/) on 127.0.0.1 under a strict
// Content-Security-Policy with a fresh nonce per page. `npm run demo` builds first, then runs this.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SITE = join(root, 'demo/site');
const DIST = join(root, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

/** Resolves a URL path inside a folder, or null when it would leave it. */
function inside(dir, path) {
  const file = normalize(join(dir, decodeURIComponent(path)));
  return file.startsWith(dir) ? file : null;
}

export function startDemo(port = Number(process.env.PORT) || 8080, host = '127.0.0.1') {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url || '/', 'http://demo');
      let file = url.pathname.startsWith('/consentry/')
        ? inside(DIST, url.pathname.slice('/consentry/'.length))
        : inside(SITE, url.pathname.endsWith('/') ? url.pathname + 'index.html' : url.pathname);
      if (file && !extname(file)) file += '.html';
      if (!file) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (extname(file) === '.html') {
        const nonce = randomBytes(16).toString('base64');
        body = body.toString('utf8').replaceAll('{{nonce}}', nonce);
        // ?layout=box (or bar, modal) shows the same page with another banner layout.
        const layout = url.searchParams.get('layout');
        if (['bar', 'box', 'modal'].includes(layout)) body = body.replace('"layout": "bar"', '"layout": "' + layout + '"');
        headers['content-security-policy'] =
          "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self'; img-src 'self' data:; frame-src 'self'";
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' || e.code === 'EISDIR' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(e.code === 'ENOENT' || e.code === 'EISDIR' ? 'not found' : 'error');
    }
  });
  return new Promise(resolve => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startDemo();
  const { port } = server.address();
  console.log('consentry demo: http://127.0.0.1:' + port + '/  (Ctrl+C to stop)');
}
