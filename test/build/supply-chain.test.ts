// Supply chain (README, "Browser support"): what a site ships when it ships consentry. Only preact and signals reach
// the browser; the built files load nothing but each other, and talk to no host the site did not
// configure.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const built = readdirSync('dist').filter(f => /\.m?js$/.test(f));
const code = (file: string) => readFileSync('dist/' + file, 'utf8');

// @preact/signals is preact's hooks over @preact/signals-core; the UI uses the core alone (README,
// "Stack"), which is the same package family and author.
const ALLOWED = ['preact', '@preact/signals', '@preact/signals-core'];

describe('runtime dependencies', () => {
  it('should be preact and signals, nothing else', () => {
    expect(Object.keys(pkg.dependencies).filter(d => !ALLOWED.includes(d))).toEqual([]);
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it('should pull in nothing transitively: every other locked package is for development only', () => {
    const production = Object.entries<{ dev?: boolean; devOptional?: boolean }>(lock.packages)
      .filter(([path, p]) => path && !p.dev && !p.devOptional)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(production.filter(name => !ALLOWED.includes(name))).toEqual([]);
  });

  it('should have no install scripts of our own that run on a site owner\'s machine', () => {
    expect(Object.keys(pkg.scripts || {}).filter(s => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  });
});

describe('the built files', () => {
  it('should import nothing but each other, by relative URL', () => {
    // Static `import … from`, `export … from`, side-effect `import "…"` and dynamic `import("…")`.
    const IMPORTS = /\b(?:import|export)\b[^;"'`()]*?\bfrom\s*["'`]([^"'`]+)["'`]|\bimport\s*\(?\s*["'`]([^"'`]+)["'`]/g;
    const specifiers = built.flatMap(f => [...code(f).matchAll(IMPORTS)].map(m => (m[1] ?? m[2])!));
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter(s => !/^\.\/consentry-[\w-]+\.js$/.test(s))).toEqual([]);
    for (const f of built) expect(code(f)).not.toMatch(/\brequire\s*\(/);
  });

  it('should name no network host: everything they fetch is in dist/ or configured by the site', () => {
    // XML namespaces (preact's SVG and MathML support) are identifiers, never fetched.
    const hosts = built.flatMap(f => [...code(f).matchAll(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^"'`\s]*/gi)].map(m => m[0]));
    expect(hosts.filter(h => !/^http:\/\/www\.w3\.org\//.test(h))).toEqual([]);
  });

  it('should not evaluate strings as code', () => {
    for (const f of built) expect(code(f)).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(|setTimeout\s*\(\s*["'`]/);
  });
});
