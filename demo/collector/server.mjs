// The receipts collector on its own: `node demo/collector/server.mjs`.
// Environment: PORT (default 8787; 0 picks a free port), HOST (127.0.0.1), COLLECTOR_DATA (data folder,
// default demo/.data), COLLECTOR_ORIGINS (comma-separated origins allowed to POST from a browser),
// COLLECTOR_TOKEN (bearer token for lookup and export; unset: both disabled).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createCollector } from './collector.mjs';

export const DEFAULT_DATA = fileURLToPath(new URL('../.data', import.meta.url));

/**
 * Timeouts for a server that hosts the collector: a client gets `timeoutMs` to send its headers and
 * the collector's own timer answers 408 to a body that is not in after `timeoutMs`; node's
 * requestTimeout is the backstop, checked every second.
 * @param {number} timeoutMs
 */
export const serverTimeouts = timeoutMs => ({
  headersTimeout: timeoutMs,
  requestTimeout: timeoutMs + 5000,
  keepAliveTimeout: 5000,
  connectionsCheckingInterval: 1000,
});

/**
 * Listens, or closes the collector (releasing its store) and rethrows when the port cannot be had.
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @param {import('./collector.mjs').Collector} collector
 */
export async function listenOrClose(server, port, host, collector) {
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(undefined));
    });
  } catch (e) {
    await collector.close();
    throw e;
  }
}

/**
 * Starts a collector on its own HTTP server.
 * @param {import('./collector.mjs').CollectorOptions & { port?: number, host?: string }} options
 * @returns {Promise<{ server: import('node:http').Server, collector: import('./collector.mjs').Collector, url: string, close: () => Promise<void> }>}
 */
export async function startCollector(options = {}) {
  const { port = 8787, host = '127.0.0.1', ...rest } = options;
  const collector = createCollector({ dataDir: DEFAULT_DATA, ...rest });
  await collector.ready;
  const server = createServer(serverTimeouts(rest.timeoutMs ?? 10000), (req, res) => {
    if (!collector.handle(req, res)) {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"error":"not found"}');
    }
  });
  await listenOrClose(server, port, host, collector);
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = 'http://' + (address.family === 'IPv6' ? '[' + address.address + ']' : address.address) + ':' + address.port + (rest.path || '/consent/receipts');
  const close = async () => {
    await new Promise(resolve => {
      server.close(() => resolve(undefined));
      server.closeIdleConnections();
    });
    await collector.close();
  };
  return { server, collector, url, close };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = process.env;
  const running = await startCollector({
    port: env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT),
    host: env.HOST || '127.0.0.1',
    dataDir: env.COLLECTOR_DATA || DEFAULT_DATA,
    origins: (env.COLLECTOR_ORIGINS || '').split(',').map(o => o.trim()).filter(Boolean),
    token: env.COLLECTOR_TOKEN || undefined,
  });
  const { records, skipped, truncated, tornFile } = /** @type {any} */ (running.collector.store).report || {};
  if (truncated) console.warn('consentry collector: cut a torn last record (' + truncated + ' bytes, copy in ' + tornFile + ')');
  if (skipped) console.warn('consentry collector: skipped ' + skipped + ' damaged line(s)');
  console.log('consentry collector: ' + running.url + '  (' + (records ?? 0) + (records === 1 ? ' receipt' : ' receipts') + ' stored' +
    (env.COLLECTOR_TOKEN ? '' : '; lookup and export disabled, set COLLECTOR_TOKEN') + ')');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
