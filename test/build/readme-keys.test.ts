// The README lists every text key of the English pack (contract §3: `translations` keys are the
// English pack's keys, listed in the README), and no key that does not exist.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README text keys', () => {
  it('should list exactly the keys of src/locales/en.json, with their English text', () => {
    const en = JSON.parse(readFileSync('src/locales/en.json', 'utf8')) as Record<string, string>;
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('<!-- text-keys -->'));
    const rows = [...table.matchAll(/^\| `([\w.]+)` \| (.*) \|$/gm)].map(m => [m[1], m[2]!.replace(/\\\|/g, '|')]);
    expect(rows).toEqual(Object.entries(en));
  });
});
