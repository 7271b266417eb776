// Benchmark (not a test) of the reference receipts collector: `npm run bench:collector`.
// Starts `node demo/collector/server.mjs` in a child process on 127.0.0.1 with a temp data folder
// (durability on: every 201 is after write + fdatasync), then drives it from this process with a
// bounded load generator: keep-alive connections, a fixed number of receipts per concurrency level,
// each level capped in time. Prints a Markdown table of receipts stored per second and p50/p99 latency.
// Options: --levels 1,16,64  --requests 5000  --max-seconds 60  --warmup 200
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, statSync, statfsSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEXT_HASH = createHash('sha256').update('bench').digest('hex');
/** statfs magic numbers: fsync on tmpfs costs nothing, so say where the data went. */
const FS_TYPES = { ef53: 'ext4', '58465342': 'xfs', '9123683e': 'btrfs', '1021994': 'tmpfs', '794c7630': 'overlayfs', '6969': 'nfs', '65735546': 'fuse' };

/** A valid receipt of the usual size (about 420 bytes). */
const receipt = () =>
  JSON.stringify({
    schema: 'consentry.receipt/1',
    receiptId: randomUUID(),
    consentId: randomUUID(),
    timestamp: new Date().toISOString(),
    revision: 3,
    action: 'custom',
    choices: { necessary: true, analytics: true, marketing: false, preferences: true },
    gpc: false,
    language: 'fr',
    textHash: TEXT_HASH,
    url: 'https://shop.example/products/blue-shoes',
    policyUrl: '/privacy',
    sdkVersion: '1.0.0',
  });

/** @param {string} url @param {string} body @param {Agent} agent @returns {Promise<number>} status */
const post = (url, body, agent) =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(body) } }, res => {
      res.resume();
      res.on('end', () => resolve(/** @type {number} */ (res.statusCode)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Starts the collector alone in a child process; resolves with its URL and a stop function. */
function spawnCollector(/** @type {string} */ dataDir) {
  const child = spawn(process.execPath, [join(ROOT, 'demo/collector/server.mjs')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', COLLECTOR_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', d => {
      out += d;
      const m = /(http:\/\/\S+)/.exec(out);
      if (m)
        resolve({
          url: m[1],
          stop: () =>
            new Promise(done => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', code => reject(new Error('collector exited early (' + code + '): ' + out)));
  });
}

/**
 * One level: `concurrency` keep-alive connections, each posting one receipt after another until
 * `requests` have been sent or `maxSeconds` have passed.
 * @param {string} url @param {number} concurrency @param {number} requests @param {number} maxSeconds
 */
async function level(url, concurrency, requests, maxSeconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  /** @type {number[]} */
  const latencies = [];
  let started = 0;
  let stored = 0;
  let failed = 0;
  const t0 = performance.now();
  const deadline = t0 + maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < requests && performance.now() < deadline) {
        started++;
        const body = receipt();
        const t = performance.now();
        try {
          const status = await post(url, body, agent);
          latencies.push(performance.now() - t);
          if (status === 201) stored++;
          else failed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { concurrency, sent: started, stored, failed, seconds, perSecond: stored / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * Runs the benchmark and returns it as Markdown.
 * @param {{ levels?: number[], requests?: number, maxSeconds?: number, warmup?: number, log?: (line: string) => void }} [options]
 */
export async function runCollectorBench({ levels = [1, 16, 64], requests = 5000, maxSeconds = 60, warmup = 200, log = () => {} } = {}) {
  // On the repository's disk (test/.tmp is git-ignored), like the demo's own demo/.data.
  mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true });
  const dataDir = mkdtempSync(join(ROOT, 'test/.tmp', 'bench-collector-'));
  const fsType = /** @type {Record<string, string>} */ (FS_TYPES)[statfsSync(dataDir).type.toString(16)] || 'fs 0x' + statfsSync(dataDir).type.toString(16);
  const collector = /** @type {{ url: string, stop: () => Promise<void> }} */ (await spawnCollector(dataDir));
  const rows = [];
  try {
    if (warmup) await level(collector.url, 8, warmup, 10);
    for (const c of levels) {
      log('collector bench: ' + c + ' connection(s), ' + requests + ' receipts…');
      rows.push(await level(collector.url, c, requests, maxSeconds));
    }
  } finally {
    await collector.stop();
  }
  const bytes = statSync(join(dataDir, 'receipts.ndjson')).size;
  rmSync(dataDir, { recursive: true, force: true });
  const cpu = cpus();
  const fmt = (/** @type {number} */ n, d = 1) => n.toFixed(d);
  return [
    '### Reference collector: receipts stored per second (durability on)',
    '',
    'Every 201 is answered after the receipt is written and `fdatasync`ed (group commit). Load generator',
    'and collector are separate processes on 127.0.0.1; keep-alive connections; ' + requests + ' receipts per level',
    '(capped at ' + maxSeconds + ' s), after ' + warmup + ' warm-up receipts.',
    '',
    '| concurrency | receipts | stored/s | p50 ms | p99 ms | errors | seconds |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.concurrency} | ${r.stored} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${r.failed} | ${fmt(r.seconds, 2)} |`),
    '',
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ` +
      `${platform()} ${release()}, Node ${process.version}; data folder on ${fsType} (${(bytes / 2 ** 20).toFixed(1)} MB written).`,
  ].join('\n');
}

/** @param {string} name @param {string} fallback */
const arg = (name, fallback) => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 && process.argv[i + 1] ? /** @type {string} */ (process.argv[i + 1]) : fallback;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = await runCollectorBench({
    levels: arg('levels', '1,16,64').split(',').map(Number),
    requests: Number(arg('requests', '5000')),
    maxSeconds: Number(arg('max-seconds', '60')),
    warmup: Number(arg('warmup', '200')),
    log: line => console.error(line),
  });
  console.log(table);
}
