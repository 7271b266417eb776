// The JSON writer of what the receipts chunk sends and stores (receipts, their outbox, textHash's
// canonical texts): the page's own JSON.stringify while it writes exactly what an untouched one
// does, so that the common page downloads no serializer; else ours (core/json.ts, in the receipts
// build a chunk of its own: dist/consentry-receipts-json.js), fetched the first time it fails. A page
// may have replaced JSON.stringify, or added toJSON to Array.prototype as Prototype.js did (README,
// Browser support).

// What an untouched JSON.stringify writes (ECMA-262 §25.5.2.1, well-formed since ES2019): a lone
// surrogate, escapes, a fraction, the literals, an object in an array in an object.
const PROBE = ['\ud800"\n', 0.5, true, null, { a: [{}] }];
const EXPECTED = '["\\ud800\\"\\n",0.5,true,null,{"a":[{}]}]';

let own: ((value: unknown) => string) | undefined;

const intact = (): boolean => {
  try {
    return JSON.stringify(PROBE) === EXPECTED;
  } catch {
    return false;
  }
};

/**
 * Makes `write` safe to call: checks the page's JSON.stringify again (a tag may have changed it
 * since), and fetches ours the first time it fails; once here, ours is used for good. Awaited right
 * before writing.
 * @returns false when ours is needed but could not be fetched: write nothing then
 */
export async function ready(): Promise<boolean> {
  try {
    if (!own && !intact()) own = (await import('./json')).stringify;
    return true;
  } catch {
    return false;
  }
}

/** The JSON text of plain data, as an untouched JSON.stringify writes it (after `ready()`). */
export const write = (value: unknown): string => (own || JSON.stringify)(value);
