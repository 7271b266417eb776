// The receipt schema of the README's "Consent receipts", checked exactly: every field required, nothing else allowed.

export const SCHEMA = 'consentry.receipt/1';
export const FIELDS = /** @type {const} */ ([
  'schema', 'receiptId', 'consentId', 'timestamp', 'revision', 'action', 'choices',
  'gpc', 'language', 'textHash', 'url', 'policyUrl', 'sdkVersion',
]);
export const ACTIONS = ['accept_all', 'reject_all', 'custom', 'withdraw'];
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CATEGORY = /^[a-z][a-z0-9_-]{0,31}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;
// BCP 47: a 2-3 letter (or 5-8 letter) primary language, then subtags; Intl has the last word.
const LANGUAGE = /^(?:[a-zA-Z]{2,3}|[a-zA-Z]{5,8})(?:-[a-zA-Z0-9]{1,8})*$/;

/** A schema error: `field` is the offending field ("choices.analytics" for one choice). */
export class ReceiptError extends Error {
  /** @param {string} field @param {string} problem */
  constructor(field, problem) {
    super(field + ': ' + problem);
    this.field = field;
  }
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = v => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {string} s */
function isoUtc(s) {
  const m = ISO_UTC.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(/** @type {number} */ (y), /** @type {number} */ (mo) - 1, d, h, mi, sec));
  // Date.UTC rolls 2026-02-30 over to March: reject anything that does not come back unchanged.
  return date.getUTCFullYear() === y && date.getUTCMonth() === /** @type {number} */ (mo) - 1 && date.getUTCDate() === d &&
    date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === sec;
}

/** @param {string} s */
function languageTag(s) {
  if (s.length > 35 || !LANGUAGE.test(s)) return false;
  try {
    return Intl.getCanonicalLocales(s).length === 1;
  } catch {
    return false;
  }
}

/** @param {string} s */
function pageUrl(s) {
  if (!/^https?:\/\/[^\s]+$/i.test(s) || /[\u0000-\u001f\u007f]/.test(s)) return 'must be an absolute http(s) URL';
  if (s.includes('?')) return 'must not have a query string';
  if (s.includes('#')) return 'must not have a fragment';
  let url;
  try {
    url = new URL(s);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  return null;
}

/**
 * Checks a parsed body against the receipt schema and returns a fresh record of exactly its fields
 * (in schema order), or throws a ReceiptError naming the first bad field.
 * @param {unknown} body
 * @returns {Omit<import('./store.mjs').StoredReceipt, 'receivedAt'>}
 */
export function validateReceipt(body) {
  if (!isObject(body)) throw new ReceiptError('(body)', 'must be a JSON object');
  for (const key of Object.keys(body))
    if (!(/** @type {readonly string[]} */ (FIELDS).includes(key))) throw new ReceiptError(key, 'unknown field');
  for (const key of FIELDS) if (!Object.hasOwn(body, key)) throw new ReceiptError(key, 'is required');
  const b = body;
  const fail = (/** @type {string} */ field, /** @type {string} */ problem) => {
    throw new ReceiptError(field, problem);
  };
  if (b.schema !== SCHEMA) fail('schema', 'must be "' + SCHEMA + '"');
  for (const key of ['receiptId', 'consentId'])
    if (typeof b[key] !== 'string' || !UUID_V4.test(/** @type {string} */ (b[key]))) fail(key, 'must be a lowercase UUID v4');
  if (typeof b.timestamp !== 'string' || !isoUtc(b.timestamp)) fail('timestamp', 'must be an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SS.sssZ)');
  if (typeof b.revision !== 'number' || !Number.isSafeInteger(b.revision) || b.revision < 0) fail('revision', 'must be an integer >= 0');
  if (typeof b.action !== 'string' || !ACTIONS.includes(b.action)) fail('action', 'must be one of ' + ACTIONS.join(', '));
  if (!isObject(b.choices)) fail('choices', 'must be an object of category → boolean');
  const choices = /** @type {Record<string, unknown>} */ (b.choices);
  const keys = Object.keys(choices);
  if (keys.length < 1 || keys.length > 30) fail('choices', 'must have 1 to 30 categories');
  /** @type {Record<string, boolean>} */
  const copy = {};
  for (const key of keys) {
    if (!CATEGORY.test(key)) fail('choices', 'bad category key ' + JSON.stringify(key.slice(0, 40)) + ' (expected ' + CATEGORY.source + ')');
    if (typeof choices[key] !== 'boolean') fail('choices.' + key, 'must be a boolean');
    copy[key] = /** @type {boolean} */ (choices[key]);
  }
  if (typeof b.gpc !== 'boolean') fail('gpc', 'must be a boolean');
  if (typeof b.language !== 'string' || !languageTag(b.language)) fail('language', 'must be a language tag (BCP 47)');
  if (typeof b.textHash !== 'string' || !HEX64.test(b.textHash)) fail('textHash', 'must be 64 lowercase hex digits (SHA-256)');
  if (typeof b.url !== 'string') fail('url', 'must be a string');
  const bad = pageUrl(/** @type {string} */ (b.url));
  if (bad) fail('url', bad);
  if (b.policyUrl !== null && typeof b.policyUrl !== 'string') fail('policyUrl', 'must be a string or null');
  if (typeof b.sdkVersion !== 'string') fail('sdkVersion', 'must be a string');
  return {
    schema: SCHEMA,
    receiptId: /** @type {string} */ (b.receiptId),
    consentId: /** @type {string} */ (b.consentId),
    timestamp: /** @type {string} */ (b.timestamp),
    revision: /** @type {number} */ (b.revision),
    action: /** @type {any} */ (b.action),
    choices: copy,
    gpc: /** @type {boolean} */ (b.gpc),
    language: /** @type {string} */ (b.language),
    textHash: /** @type {string} */ (b.textHash),
    url: /** @type {string} */ (b.url),
    policyUrl: /** @type {string | null} */ (b.policyUrl),
    sdkVersion: /** @type {string} */ (b.sdkVersion),
  };
}
