// The reference receipts collector (README, "Consent receipts"): a request handler for node:http that validates,
// deduplicates and durably stores consent receipts, and lets the site owner look them up or export
// them with a token. `server.mjs` runs it alone; demo/server.mjs mounts it at /consent/receipts.
import { createHash, timingSafeEqual } from 'node:crypto';
import { FileStore } from './store.mjs';
import { ReceiptError, UUID_V4, validateReceipt } from './validate.mjs';

/**
 * @typedef {object} CollectorOptions
 * @property {string} [dataDir] folder of the embedded store (required unless `store` is given)
 * @property {string[]} [origins] origins allowed to POST from a browser (CORS); a request whose Origin
 *   matches its own Host, or with no Origin at all, is allowed too
 * @property {string} [token] bearer token for lookup and export; without one both are disabled
 * @property {string} [path] default '/consent/receipts'
 * @property {number} [maxBody] bytes, default 16384
 * @property {number} [timeoutMs] time allowed to send a body, default 10000
 * @property {import('./store.mjs').ReceiptStore} [store] another store (a shared database)
 */

/**
 * @typedef {object} Collector
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean} handle
 *   true when the request was for the collector (answered, possibly asynchronously), false otherwise
 * @property {Promise<void>} ready resolves once the store is open
 * @property {() => Promise<void>} close waits for pending writes, then closes the store
 * @property {import('./store.mjs').ReceiptStore} store
 * @property {Set<string>} origins the allowed origins (may be added to after creation)
 */

const TYPES = new Set(['text/plain', 'application/json']);
const CSV_COLUMNS = /** @type {const} */ ([
  'receiptId', 'consentId', 'timestamp', 'receivedAt', 'revision', 'action', 'choices',
  'gpc', 'language', 'textHash', 'url', 'policyUrl', 'sdkVersion', 'schema',
]);

/** @param {string} s */
const digest = s => createHash('sha256').update(s).digest();

/**
 * `text/plain` or `application/json`, optionally with a UTF-8 charset; nothing else.
 * @param {string | undefined} header
 */
function acceptedType(header) {
  if (!header) return false;
  const [type, ...params] = header.split(';').map(p => p.trim().toLowerCase());
  if (!TYPES.has(/** @type {string} */ (type))) return false;
  return params.every(p => p === '' || /^charset=("?)utf-8\1$/.test(p));
}

/** One CSV cell (RFC 4180), defused against spreadsheet formulas. @param {unknown} v */
function csvCell(v) {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/**
 * @param {CollectorOptions} options
 * @returns {Collector}
 */
export function createCollector(options = {}) {
  const path = (options.path || '/consent/receipts').replace(/\/+$/, '');
  const maxBody = options.maxBody ?? 16384;
  const timeoutMs = options.timeoutMs ?? 10000;
  const origins = new Set(options.origins || []);
  const tokenDigest = options.token ? digest(options.token) : null;
  if (!options.store && !options.dataDir) throw new Error('consentry collector: dataDir (or store) is required');
  const store = options.store || new FileStore(/** @type {string} */ (options.dataDir));
  const ready = store.open();
  ready.catch(() => {}); // reported to whoever awaits `ready`, and as 503 to requests
  let closing = false;

  /**
   * Answers with JSON. When the request body has not been read to the end, the connection is closed
   * after the answer and the rest of the body is discarded, never buffered.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {unknown} [body]
   * @param {Record<string, string>} [headers]
   */
  function send(req, res, status, body, headers = {}) {
    if (res.headersSent || res.destroyed) return;
    const unread = !req.complete && (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0);
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...(status === 204 ? {} : { 'content-length': String(Buffer.byteLength(text)) }),
      ...(unread ? { connection: 'close' } : {}),
      ...headers,
    });
    res.end(text);
    if (unread) {
      req.removeAllListeners('data');
      req.resume(); // discard what is already on the way; node closes the socket after the answer
      const timer = setTimeout(() => req.socket.destroy(), 2000);
      timer.unref();
      req.socket.once('close', () => clearTimeout(timer));
    }
  }

  /** @param {import('node:http').IncomingMessage} req */
  function authorized(req) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
    // Compare fixed-length digests, so neither the token nor its length leaks through timing.
    return !!(m && tokenDigest && timingSafeEqual(digest(/** @type {string} */ (m[1])), tokenDigest));
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function receive(req, res) {
    if (!acceptedType(req.headers['content-type']))
      return send(req, res, 415, { error: 'Content-Type must be text/plain or application/json (UTF-8)' });
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxBody)
      return send(req, res, 413, { error: 'body larger than ' + maxBody + ' bytes' });
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let over = false;
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      // Answered with Connection: close: node ends the socket once the answer is out.
      send(req, res, 408, { error: 'body not received within ' + timeoutMs + ' ms' });
    }, timeoutMs);
    req.on('data', chunk => {
      if (over) return;
      size += chunk.length;
      if (size > maxBody) {
        over = true;
        chunks.length = 0;
        clearTimeout(timer);
        send(req, res, 413, { error: 'body larger than ' + maxBody + ' bytes' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => clearTimeout(timer));
    req.on('close', () => clearTimeout(timer));
    req.on('end', () => {
      clearTimeout(timer);
      if (over || res.headersSent) return;
      void store_(req, res, Buffer.concat(chunks, size)).catch(() => send(req, res, 500, { error: 'internal error' }));
    });
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {Buffer} raw
   */
  async function store_(req, res, raw) {
    let body;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch (e) {
      return send(req, res, 400, { error: e instanceof SyntaxError ? 'malformed JSON: ' + e.message.slice(0, 200) : 'body is not valid UTF-8' });
    }
    let receipt;
    try {
      receipt = validateReceipt(body);
    } catch (e) {
      if (!(e instanceof ReceiptError)) throw e;
      return send(req, res, 400, { error: e.message.slice(0, 300), field: e.field.slice(0, 100) });
    }
    if (!(await usable(req, res))) return;
    let stored;
    try {
      stored = await store.append({ ...receipt, receivedAt: new Date().toISOString() });
    } catch {
      // Not stored: 503 makes the SDK keep the receipt in its outbox and retry.
      return send(req, res, 503, { error: 'receipt could not be stored, retry later' }, { 'retry-after': '5' });
    }
    send(req, res, stored ? 201 : 200, { status: stored ? 'stored' : 'duplicate' });
  }

  /** Waits for the store; answers 503 and returns false when it is not usable. */
  async function usable(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) {
    try {
      await ready;
    } catch {
      send(req, res, 503, { error: 'receipt store unavailable' }, { 'retry-after': '30' });
      return false;
    }
    if (closing) {
      send(req, res, 503, { error: 'collector shutting down' }, { 'retry-after': '5' });
      return false;
    }
    return true;
  }

  /** Lookup and export: never open. @returns {boolean} true when the request may proceed */
  function gate(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) {
    if (!tokenDigest) {
      send(req, res, 403, { error: 'lookup and export are disabled: no token configured (COLLECTOR_TOKEN)' });
      return false;
    }
    if (!authorized(req)) {
      send(req, res, 401, { error: 'a valid bearer token is required' }, { 'www-authenticate': 'Bearer realm="consentry-receipts"' });
      return false;
    }
    return true;
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async function lookup(req, res, url) {
    if (!gate(req, res)) return;
    const id = url.searchParams.get('consentId') || '';
    if (!UUID_V4.test(id)) return send(req, res, 400, { error: 'consentId: must be a lowercase UUID v4', field: 'consentId' });
    if (!(await usable(req, res))) return;
    send(req, res, 200, await store.byConsent(id));
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async function exportAll(req, res, url) {
    if (!gate(req, res)) return;
    const format = url.searchParams.get('format') || 'ndjson';
    if (format !== 'ndjson' && format !== 'csv') return send(req, res, 400, { error: 'format: must be ndjson or csv', field: 'format' });
    if (!(await usable(req, res))) return;
    res.writeHead(200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': 'attachment; filename="consent-receipts.' + format + '"',
    });
    let chunk = format === 'csv' ? CSV_COLUMNS.join(',') + '\r\n' : '';
    for await (const r of store.all()) {
      chunk += format === 'csv'
        ? CSV_COLUMNS.map(c => csvCell(/** @type {Record<string, unknown>} */ (r)[c])).join(',') + '\r\n'
        : JSON.stringify(r) + '\n';
      if (chunk.length > 65536) {
        if (res.destroyed) return;
        const more = res.write(chunk);
        chunk = '';
        if (!more) await new Promise(resolve => { res.once('drain', resolve); res.once('close', resolve); });
      }
    }
    res.end(chunk);
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function handle(req, res) {
    let url;
    try {
      url = new URL(req.url || '/', 'http://collector');
    } catch {
      return false;
    }
    if (url.pathname !== path && !url.pathname.startsWith(path + '/')) return false;
    res.on('error', () => {});
    req.on('error', () => {});
    try {
      // Never anything about the client in logs or storage: no IP, no user agent, no headers.
      res.setHeader('vary', 'Origin');
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      const origin = req.headers.origin;
      if (origin !== undefined) {
        if (!allowedOrigin(origin, req.headers.host)) {
          send(req, res, 403, { error: 'origin not allowed' });
          return true;
        }
        res.setHeader('access-control-allow-origin', origin);
      }
      const sub = url.pathname.slice(path.length);
      if (sub !== '' && sub !== '/export') {
        send(req, res, 404, { error: 'not found' });
        return true;
      }
      const methods = sub === '' ? 'POST, GET, OPTIONS' : 'GET, OPTIONS';
      if (req.method === 'OPTIONS') {
        send(req, res, 204, undefined, {
          'access-control-allow-methods': 'POST, GET',
          'access-control-allow-headers': 'Content-Type, Authorization',
          'access-control-max-age': '600',
          allow: methods,
        });
      } else if (req.method === 'POST' && sub === '') receive(req, res);
      else if (req.method === 'GET' && sub === '') void lookup(req, res, url).catch(() => send(req, res, 500, { error: 'internal error' }));
      else if (req.method === 'GET') void exportAll(req, res, url).catch(() => (res.headersSent ? res.destroy() : send(req, res, 500, { error: 'internal error' })));
      else send(req, res, 405, { error: 'method not allowed' }, { allow: methods });
    } catch {
      send(req, res, 500, { error: 'internal error' });
    }
    return true;
  }

  /** @param {string} origin @param {string | undefined} host */
  function allowedOrigin(origin, host) {
    if (origins.has(origin)) return true;
    if (!host) return false;
    // Same origin: a browser's Origin names the host it is talking to.
    try {
      const o = new URL(origin);
      return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === host.toLowerCase();
    } catch {
      return false;
    }
  }

  async function close() {
    closing = true;
    await ready.catch(() => {});
    await store.close();
  }

  return { handle, ready, close, store, origins };
}
