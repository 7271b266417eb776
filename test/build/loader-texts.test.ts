// The loader carries its own English texts (it must draw the placeholder and the floating button
// without the UI chunk); they must be the English pack's, word for word.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOADER_TEXTS } from '../../src/core/constants';

describe('the loader\'s texts', () => {
  it('should equal the English pack\'s for the same keys', () => {
    const en = JSON.parse(readFileSync('src/locales/en.json', 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(LOADER_TEXTS)) expect([key, en[key]]).toEqual([key, text]);
  });
});
