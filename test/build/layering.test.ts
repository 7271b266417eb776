// The dependency rules: core/ is framework-free and never reaches into ui/; the loader ships no
// preact; the UI reaches the core only through types and the lazy entry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap(f => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/gm)].map(m => m[1]!);

describe('layering', () => {
  it('should keep src/core free of preact, signals and ui imports', () => {
    const bad = files('src/core')
      .filter(f => /\.tsx?$/.test(f))
      .flatMap(f => imports(f).filter(i => /preact|\/ui\//.test(i)).map(i => f + ' imports ' + i));
    expect(bad).toEqual([]);
  });

  it('should ship no preact in the loader', () => {
    const loader = readFileSync('dist/consentry.js', 'utf8');
    // preact's vnode marker and its options hooks are in every preact build.
    expect(loader).not.toMatch(/__v|__k|\$\$typeof|preact/);
  });

  it('should ship the loader as one classic script (no static import/export)', () => {
    const loader = readFileSync('dist/consentry.js', 'utf8');
    expect(loader).not.toMatch(/^\s*(import|export)\s/m);
    // Its first line is V8's compile hint (rollup.config.mjs), then the IIFE.
    expect(loader).toMatch(/^\/\/# allFunctionsCalledOnLoad\n(\(\(\)=>\{|!function\(\)\{)/);
  });
});
