// Every configuration example the README marks must be valid, against the JSON Schema the build
// ships (dist/consentry.schema.json) and against the runtime validator. An example is marked by an
// HTML comment line right before its fence (blank lines in between are allowed):
//
//   <!-- config-example -->
//   ```json
//   { "revision": 1, "categories": { "necessary": { "required": true } } }
//   ```
//
// Each marked block is a complete configuration in plain JSON (no comments, no "..."), as a site
// would paste it into <script type="application/json" id="consentry-config">.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { formatErrors, validateConfig } from '../../src/core/validate';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MARK = '<!-- config-example -->';

interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
}

/** The marked ```json blocks, and every mark that is not followed by one. */
function extractConfigExamples(markdown: string): { blocks: Block[]; problems: string[] } {
  const lines = markdown.split(/\r?\n/);
  const blocks: Block[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== MARK) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    if (j >= lines.length || !/^```json\s*$/.test(lines[j]!.trim())) {
      problems.push('README.md line ' + (i + 1) + ': ' + MARK + ' is not followed by a ```json block');
      continue;
    }
    let k = j + 1;
    while (k < lines.length && lines[k]!.trim() !== '```') k++;
    if (k >= lines.length) {
      problems.push('README.md line ' + (j + 1) + ': the ```json block is never closed');
      break;
    }
    blocks.push({ line: j + 1, text: lines.slice(j + 1, k).join('\n') });
    i = k;
  }
  return { blocks, problems };
}

describe('extractConfigExamples', () => {
  it('finds marked json blocks only, and flags a mark without a block', () => {
    const md = [
      '```json',
      '{ "unmarked": true }',
      '```',
      MARK,
      '',
      '```json',
      '{ "categories": {',
      '  "necessary": {} } }',
      '```',
      MARK,
      '```js',
      'init({})',
      '```',
    ].join('\n');
    expect(extractConfigExamples(md)).toEqual({
      blocks: [{ line: 6, text: '{ "categories": {\n  "necessary": {} } }' }],
      problems: ['README.md line 10: ' + MARK + ' is not followed by a ```json block'],
    });
  });
});

describe('README configuration examples', () => {
  it('dist/consentry.schema.json is the current schema (run `npm run build` if not)', () => {
    const dist = join(root, 'dist/consentry.schema.json');
    expect(existsSync(dist), 'dist/consentry.schema.json is missing: run `npm run build`').toBe(true);
    expect(JSON.parse(readFileSync(dist, 'utf8')), 'dist/consentry.schema.json is stale: run `npm run build`').toEqual(
      JSON.parse(readFileSync(join(root, 'src/core/config.schema.json'), 'utf8')),
    );
  });

  it('every example marked <!-- config-example --> is a valid configuration', () => {
    const readme = join(root, 'README.md');
    expect(existsSync(readme), 'README.md is missing').toBe(true);
    const { blocks, problems } = extractConfigExamples(readFileSync(readme, 'utf8'));
    expect(problems).toEqual([]);
    expect(
      blocks.length,
      'README.md has no configuration example: put a line `' + MARK + '` right before each ```json block that holds a complete configuration',
    ).toBeGreaterThan(0);

    const schema = JSON.parse(readFileSync(join(root, 'dist/consentry.schema.json'), 'utf8'));
    const check = new Ajv2020({ allErrors: true }).compile(schema);
    const failures: string[] = [];
    for (const b of blocks) {
      let config: unknown;
      try {
        config = JSON.parse(b.text);
      } catch (e) {
        failures.push('README.md line ' + b.line + ': not JSON: ' + (e as Error).message);
        continue;
      }
      if (!check(config))
        failures.push(
          'README.md line ' + b.line + ': rejected by the schema: ' +
            check.errors!.map(e => (e.instancePath || '/') + ' ' + e.message).join('; '),
        );
      const errors = validateConfig(config);
      if (errors.length) failures.push('README.md line ' + b.line + ': ' + formatErrors(errors));
    }
    expect(failures).toEqual([]);
  });
});
