// JSON text for what consentry sends and stores (receipts, their outbox, textHash's canonical
// texts), made without the page's JSON.stringify. A page may have replaced it, or added `toJSON` to
// Array.prototype (Prototype.js did: arrays then come out as strings); the receipts' outbox would be
// stored as one string and read back as nothing, and textHash would no longer match the one
// recomputed from the configuration (README, "Browser support"). Lazily loaded chunks only: not in the loader.

const SHORT = '\b\t\n\f\r"\\';
const SHORT_AS = 'btnfr"\\';
// With the u flag, a surrogate range matches only lone surrogates: pairs are one code point.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/gu;

const quote = (s: string): string =>
  '"' +
  s.replace(ESCAPED, c => {
    const i = SHORT.indexOf(c);
    return '\\' + (i < 0 ? 'u' + c.charCodeAt(0).toString(16).padStart(4, '0') : SHORT_AS[i]);
  }) +
  '"';

const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The JSON text of plain data (strings, numbers, booleans, null, arrays, objects), exactly as an
 * untouched JSON.stringify(value) writes it, but blind to `toJSON` and to anything inherited.
 * @example stringify({ a: [1, 'é\n'] }) // '{"a":[1,"é\\n"]}'
 */
export function stringify(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!value || typeof value !== 'object') return 'null';
  if (Array.isArray(value)) {
    let out = '';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (skipped(value[i]) ? 'null' : stringify(value[i]));
    return '[' + out + ']';
  }
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (!skipped(v)) parts.push(quote(key) + ':' + stringify(v));
  }
  return '{' + parts.join(',') + '}';
}
