// Every language pack mirrors the English reference (STYLE §12): exactly its keys, no
// empty text, the same {placeholders}; each pack small enough to fetch; and the list the SDK
// offers is exactly the packs that exist.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PACKS } from '../src/core/i18n';

const read = (file: string) => JSON.parse(readFileSync('src/locales/' + file, 'utf8')) as Record<string, string>;
const en = read('en.json');
const files = readdirSync('src/locales').filter(f => f.endsWith('.json') && f !== 'en.json');
const placeholders = (text: string) => (text.match(/\{\w+\}/g) || []).sort();
// The 24 official EU languages and ten more.
const REQUIRED = 'bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv zh-Hans zh-Hant ja ko ar he tr uk nb pt-BR'.split(' ');

describe('language packs', () => {
  it('should cover the 34 required languages (English included), and the SDK should offer exactly those present', () => {
    const codes = files.map(f => f.replace(/\.json$/, '')).sort();
    expect(codes).toEqual([...REQUIRED].sort());
    expect([...PACKS].sort()).toEqual(codes);
    expect(codes.length + 1).toBeGreaterThanOrEqual(34);
  });

  for (const file of files)
    it(`should mirror the English pack in ${file}: same keys, no empty text, same placeholders, ≤ 1.5 KB gzip`, () => {
      const pack = read(file);
      expect(Object.keys(pack)).toEqual(Object.keys(en));
      for (const [key, text] of Object.entries(pack)) {
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
        expect(placeholders(text), key).toEqual(placeholders(en[key]!));
      }
      expect(gzipSync(JSON.stringify(pack), { level: 9 }).length).toBeLessThanOrEqual(1536);
    });

  it('should say "reject all" in the words regulators use (CNIL-4)', () => {
    expect(read('fr.json')['banner.rejectAll']).toBe('Tout refuser');
    expect(read('fr.json')['banner.acceptAll']).toBe('Tout accepter');
    expect(read('pl.json')['banner.rejectAll']).toBe('Odrzuć wszystkie');
    expect(read('zh-Hans.json')['banner.rejectAll']).toBe('全部拒绝');
  });
});
