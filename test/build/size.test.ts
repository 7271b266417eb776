// Size budgets: gzip -9 of each file a visitor downloads, and of what a first-time
// and a returning visitor download in total, against the budgets kept in package.json.
// Runs on the built dist/ (`npm test` builds first).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  budgets: Record<string, number>;
  budgetTotals: Record<string, { files: string[]; max: number }>;
};
const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

describe('size budgets', () => {
  for (const [file, budget] of Object.entries(pkg.budgets))
    it(`should keep ${file} within ${budget} bytes gzip`, () => {
      expect(gzip(file)).toBeLessThanOrEqual(budget);
    });
  for (const [name, { files, max }] of Object.entries(pkg.budgetTotals))
    it(`should keep the ${name} within ${max} bytes gzip`, () => {
      expect(files.reduce((sum, f) => sum + gzip(f), 0)).toBeLessThanOrEqual(max);
    });
});
