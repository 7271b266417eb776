// Supply chain (README, "Browser support"): dist/sri.json holds a Subresource Integrity hash for every file the build
// wrote, and each matches the file.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

describe('dist/sri.json', () => {
  it('should give every built file its sha384, matching the file', () => {
    const sri = JSON.parse(readFileSync('dist/sri.json', 'utf8')) as Record<string, string>;
    const built = files('dist')
      .filter(f => !f.startsWith(join('dist', 'types')) && !f.endsWith('sri.json'))
      .map(f => relative('dist', f).split('\\').join('/'))
      .sort();
    expect(Object.keys(sri).sort()).toEqual(built);
    for (const file of built)
      expect(sri[file], file).toBe('sha384-' + createHash('sha384').update(readFileSync(join('dist', file))).digest('base64'));
    expect(built).toContain('consentry.js');
  });
});
