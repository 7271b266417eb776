// The validator's words are fetched only when a configuration fails (README, Configuration): the
// chunks a visitor with a valid configuration downloads carry the compact validator (paths and
// codes) and import the words from a chunk of their own, with a stable name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync('dist/' + file, 'utf8');
/** A few of the readable texts (src/core/messages.ts). */
const WORDS = ['no such field; allowed: ', 'a cookie name or /regex/', 'an http(s) URL or a path', 'texts for a custom category', ', got '];

describe('the validator in the built chunks', () => {
  it.each([
    ['consentry-ui.js', 'consentry-ui-messages.js'],
    ['consentry-core.js', 'consentry-core-messages.js'],
  ])('%s validates without the words, and imports them from %s', (chunk, words) => {
    const code = read(chunk);
    for (const w of WORDS) expect(code, w).not.toContain(w);
    expect(code).toContain('import("./' + words + '")');
    const messages = read(words);
    for (const w of WORDS) expect(messages, w).toContain(w);
    // Self-contained: anything it imported from the chunk would be exported, and carried, by it.
    expect(messages).not.toMatch(/\bfrom\s*["']/);
  });

  it('leaves them out of the loader too, and bundles them into consentry.mjs (validateConfig answers at once)', () => {
    for (const w of WORDS) expect(read('consentry.js'), w).not.toContain(w);
    const mjs = read('consentry.mjs');
    for (const w of WORDS) expect(mjs, w).toContain(w);
    expect(mjs).not.toMatch(/import\(\s*["']\.\//);
  });
});
