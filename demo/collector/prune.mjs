// Retention: `node demo/collector/prune.mjs --older-than-days 1825 [--data demo/.data]`.
// Drops every consent history (all receipts of one consentId) whose newest receipt was received more
// than that many days ago; histories are kept or dropped whole. Stop the collector first: the store's
// lock refuses to prune a folder a running collector writes to.
import { fileURLToPath } from 'node:url';
import { prune } from './store.mjs';
import { DEFAULT_DATA } from './server.mjs';

/** @param {string} name */
const arg = name => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const days = Number(arg('older-than-days'));
  if (!Number.isFinite(days) || days < 1) {
    console.error('usage: node demo/collector/prune.mjs --older-than-days <days> [--data <folder>]');
    process.exit(2);
  }
  const dir = arg('data') || process.env.COLLECTOR_DATA || DEFAULT_DATA;
  const before = new Date(Date.now() - days * 86400000);
  const { kept, dropped } = await prune(dir, before);
  console.log('consentry collector: pruned ' + dropped + ' receipt(s) of histories last updated before ' + before.toISOString() + '; ' + kept + ' kept in ' + dir);
}
