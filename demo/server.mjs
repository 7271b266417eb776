// The demo site: serves demo/site/ and dist/ (as /consentry/) on 127.0.0.1 under a strict
// Content-Security-Policy with a fresh nonce per page, and runs the reference receipts collector
// (demo/collector) at /consent/receipts. Every page shares one configuration, demo/site/consent-config.json,
// inlined where a page says {{config}}. `npm run demo` builds first, then runs this.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollector } from './collector/collector.mjs';
import { DEFAULT_DATA, listenOrClose, serverTimeouts } from './collector/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SITE = join(root, 'demo/site');
const DIST = join(root, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  '.png': 'image/png',
};

const CONFIG = join(SITE, 'consent-config.json');
const LAYOUTS = ['bar', 'box', 'modal'];
const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/**
 * The shared configuration as the inline JSON of a page: read on every request (edit the file,
 * reload the page), with `?layout=bar|box|modal` and `?lang=<code>` applied. `<` is written as
 * \u003c, so no text in it can end the <script> element.
 * @param {URLSearchParams} query
 */
async function inlineConfig(query) {
  const config = JSON.parse(await readFile(CONFIG, 'utf8'));
  const layout = query.get('layout');
  if (layout && LAYOUTS.includes(layout)) config.ui = { ...config.ui, layout };
  const lang = query.get('lang');
  if (lang && lang.length <= 35 && LANGUAGE.test(lang)) config.language = lang;
  return JSON.stringify(config, null, 2).replaceAll('<', '\\u003c');
}

/** Every receipt the collector has stored, in the order stored. */
async function allReceipts(collector) {
  const out = [];
  for await (const receipt of collector.store.all()) out.push(receipt);
  return out;
}

/** Resolves a URL path inside a folder, or null when it would leave it. */
function inside(dir, path) {
  const file = normalize(join(dir, decodeURIComponent(path)));
  return file.startsWith(dir) ? file : null;
}

/**
 * Starts the demo site and its receipts collector.
 * @param {number} [port] default PORT or 8080; 0 picks a free port
 * @param {string | { host?: string, dataDir?: string, token?: string, origins?: string[] }} [options]
 *   the host (the old second argument), or options: host (127.0.0.1), dataDir (COLLECTOR_DATA or
 *   demo/.data), token (COLLECTOR_TOKEN; enables lookup and export), more allowed origins
 * @returns {Promise<import('node:http').Server>} closing it also closes the collector
 */
export async function startDemo(port = Number(process.env.PORT) || 8080, options = {}) {
  const { host = '127.0.0.1', dataDir = process.env.COLLECTOR_DATA || DEFAULT_DATA, token = process.env.COLLECTOR_TOKEN || undefined, origins = [] } =
    typeof options === 'string' ? { host: options } : options;
  let collector = createCollector({ dataDir, token, origins });
  /** @type {string | null} */
  let scratch = null;
  try {
    await collector.ready;
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ELOCKED') throw e;
    // Another collector (a second demo, a standalone collector) writes to that folder: this demo
    // keeps its receipts in a scratch folder, deleted when it closes.
    scratch = await mkdtemp(join(tmpdir(), 'consentry-demo-'));
    console.warn(/** @type {Error} */ (e).message + '; this demo stores receipts in ' + scratch + ' instead');
    collector = createCollector({ dataDir: scratch, token, origins });
    await collector.ready;
  }
  const server = createServer(serverTimeouts(10000), async (req, res) => {
    if (collector.handle(req, res)) return;
    try {
      const url = new URL(req.url || '/', 'http://demo');
      // For the demo's receipts page only: every stored receipt, to anyone who asks. The demo binds
      // 127.0.0.1, so that is this machine. A real collector never exposes this: its lookup and
      // export need the token (COLLECTOR_TOKEN), and it answers only the site owner.
      if (url.pathname === '/demo/receipts.json' && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify(await allReceipts(collector)));
        return;
      }
      let file = url.pathname.startsWith('/consentry/')
        ? inside(DIST, url.pathname.slice('/consentry/'.length))
        : inside(SITE, url.pathname.endsWith('/') ? url.pathname + 'index.html' : url.pathname);
      if (file && !extname(file)) file += '.html';
      if (!file) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (extname(file) === '.html') {
        const nonce = randomBytes(16).toString('base64');
        // What the pages share, in demo/site/partials/: {{top}} (the configuration and the loader, the
        // "Try it" bar, the header), {{ran}} (the panel of what ran), {{bottom}} (the footer and site.js), {{tags}} (the gated tags).
        body = body.toString('utf8');
        for (const part of ['top', 'ran', 'bottom', 'tags'])
          if (body.includes('{{' + part + '}}'))
            body = body.replace('{{' + part + '}}', (await readFile(join(SITE, 'partials', part + '.html'), 'utf8')).trim());
        body = body.replaceAll('{{nonce}}', nonce);
        // After the nonce, so that no text of the configuration is taken for a placeholder; a function
        // as replacement, so that `$&` and the like in a text stay as they are.
        if (body.includes('{{config}}')) {
          const config = await inlineConfig(url.searchParams);
          body = body.replaceAll('{{config}}', () => config);
        }
        headers['content-security-policy'] =
          "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self'; img-src 'self' data:; frame-src 'self'; " +
          // Trusted Types too: the gate brings its own policy, named in the allow-list.
          "require-trusted-types-for 'script'; trusted-types consentry";
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' || e.code === 'EISDIR' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(e.code === 'ENOENT' || e.code === 'EISDIR' ? 'not found' : 'error');
    }
  });
  const close = server.close.bind(server);
  server.close = callback =>
    close(error => {
      collector
        .close()
        .then(() => (scratch ? rm(scratch, { recursive: true, force: true }) : undefined))
        .catch(() => {})
        .then(() => callback?.(error));
    });
  await listenOrClose(server, port, host, collector);
  const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
  collector.origins.add('http://' + (host.includes(':') ? '[' + host + ']' : host) + ':' + actual);
  if (host === '127.0.0.1') collector.origins.add('http://localhost:' + actual);
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startDemo();
  const { port } = server.address();
  console.log(
    'consentry demo: http://127.0.0.1:' + port + '/\n' +
      '  receipts page: http://127.0.0.1:' + port + '/receipts.html  (collector at /consent/receipts)\n' +
      '  Ctrl+C to stop',
  );
}
