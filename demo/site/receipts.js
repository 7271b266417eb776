// The receipts page: what the demo's collector has stored (GET /demo/receipts.json), newest first,
// filtered by consent id, with each receipt's textHash recomputed here in the browser by the SDK's
// own `textHash` from the site's configuration and the language pack the visitor was shown.
import { textHash } from '/consentry/consentry.mjs';

// The built-in language packs (dist/i18n/<code>.json), as in the SDK; English has none: it is the base.
const PACKS = new Set('bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt pt-BR ro sk sl sv zh-Hans zh-Hant ja ko ar he tr uk nb'.split(' '));

const form = document.getElementById('receipt-filter');
const input = document.getElementById('consent-id');
const status = document.getElementById('receipts-status');
const tbody = document.querySelector('#receipts tbody');

/** @type {Array<Record<string, any>>} newest first */
let receipts = [];
let loaded = false;
/** Whether the visitor has typed a filter (then it is not replaced by their own consent id). */
let typed = false;

/**
 * The built-in pack a shown language takes its texts from: the language itself, else its region
 * fallback as the SDK resolves it (fr-CA → fr, zh-TW → zh-Hant, nn → nb); none for English.
 */
function packCode(lang) {
  const [primary, ...rest] = lang.toLowerCase().split('-');
  if (primary === 'zh') return rest.some(r => /^(hant|tw|hk|mo)$/.test(r)) ? 'zh-Hant' : 'zh-Hans';
  if (primary === 'no' || primary === 'nn') return 'nb';
  return [lang, rest[0] ? primary + '-' + rest[0].toUpperCase() : '', primary].find(c => PACKS.has(c));
}

const json = url =>
  fetch(url, { cache: 'no-store' }).then(r => (r.ok ? r.json() : Promise.reject(new Error(url + ': HTTP ' + r.status))));

let configPromise = null;
/** @type {Map<string, Promise<{ hash: string, pack: string | undefined }>>} */
const expected = new Map();

/** The textHash of the demo's configuration in a language: what a receipt in that language should carry. */
function expectedHash(language) {
  if (!expected.has(language)) {
    configPromise ||= json('/consent-config.json');
    const code = packCode(language);
    expected.set(
      language,
      Promise.all([configPromise, code ? json('/consentry/i18n/' + code + '.json') : {}]).then(async ([config, pack]) => ({
        hash: await textHash(config, language, pack),
        pack: code,
      })),
    );
  }
  return expected.get(language);
}

function cell(row, text, className) {
  const td = row.insertCell();
  if (text instanceof Node) td.append(text);
  else td.textContent = text;
  if (className) td.className = className;
  return td;
}

function when(iso) {
  const d = new Date(iso);
  const t = document.createElement('time');
  t.dateTime = iso;
  t.textContent = isNaN(d) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  return t;
}

function choicesText(choices) {
  return Object.keys(choices || {})
    .filter(k => k !== 'necessary')
    .map(k => k + ' ' + (choices[k] ? 'on' : 'off'))
    .join(', ') || '—';
}

function render() {
  if (!loaded) return;
  const q = input.value.trim().toLowerCase();
  const shown = q ? receipts.filter(r => String(r.consentId).toLowerCase().includes(q)) : receipts;
  tbody.replaceChildren();
  for (const r of shown) {
    const row = tbody.insertRow();
    row.dataset.receiptId = r.receiptId;
    const received = cell(row, when(r.receivedAt || r.timestamp), 'time');
    received.title = 'Sent by the browser at ' + r.timestamp;
    cell(row, r.action, 'action');
    cell(row, choicesText(r.choices), 'choices');
    cell(row, r.language, 'language');
    cell(row, r.gpc ? 'yes' : 'no', 'gpc');
    cell(row, String(r.revision), 'revision');
    const id = document.createElement('button');
    id.type = 'button';
    id.className = 'link';
    id.dataset.id = r.consentId;
    id.textContent = r.consentId;
    id.title = 'Show only this consent id';
    cell(row, id, 'consent-id');
    const check = cell(row, 'checking…', 'check');
    expectedHash(r.language).then(
      ({ hash, pack }) => {
        const ok = hash === r.textHash;
        check.textContent = ok ? '✓ matches' : '✗ differs';
        check.classList.add(ok ? 'ok' : 'bad');
        check.title =
          'Recomputed from /consent-config.json' + (pack ? ' and the ' + pack + ' pack' : ' (English)') + ': ' + hash +
          (ok ? '' : '\nThe receipt says: ' + r.textHash + ' (shown with another configuration or SDK version?)');
      },
      e => {
        check.textContent = '? not checked';
        check.title = e.message;
      },
    );
  }
  const count = n => n + (n === 1 ? ' receipt' : ' receipts');
  status.textContent = !receipts.length
    ? 'No receipts stored yet: decide in the cookie banner, and the receipt of your decision shows here.'
    : q
      ? count(shown.length) + ' for the consent id "' + input.value.trim() + '", of ' + receipts.length + ' stored.' +
        (shown.length ? '' : ' A receipt arrives a moment after a decision.')
      : 'All ' + count(receipts.length) + ' stored, newest first.';
}

async function load() {
  try {
    const all = await json('/demo/receipts.json');
    const time = r => Date.parse(r.receivedAt || r.timestamp) || 0;
    receipts = all.sort((a, b) => time(b) - time(a));
    loaded = true;
    render();
  } catch (e) {
    status.textContent = 'The receipts could not be loaded (' + e.message + ').';
  }
}

/** Prefills the filter with the visitor's own consent id, unless they typed one. */
function own(state) {
  if (typed || !state || !state.consentId || input.value === state.consentId) return;
  input.value = state.consentId;
  render();
}

form.addEventListener('submit', e => {
  e.preventDefault();
  typed = true;
  render();
});
input.addEventListener('input', () => {
  typed = true;
  render();
});
document.getElementById('show-all').addEventListener('click', () => {
  typed = true;
  input.value = '';
  render();
});
document.getElementById('reload').addEventListener('click', () => void load());
tbody.addEventListener('click', e => {
  const button = e.target.closest('button[data-id]');
  if (!button) return;
  typed = true;
  input.value = button.dataset.id;
  render();
});

const fromUrl = new URLSearchParams(location.search).get('consent');
if (fromUrl) {
  input.value = fromUrl;
  typed = true;
}
const api = window.consentry;
if (api) {
  api.on('ready', own);
  // A decision made on this page: its receipt is on its way to the collector; look again shortly.
  api.on('change', state => {
    own(state);
    setTimeout(load, 500);
    setTimeout(load, 2000);
  });
}
void load();
