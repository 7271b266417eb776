// Receipts (contract §8): exactly the fields, nothing that identifies the person, and a textHash
// that is deterministic for the same texts and changes with any displayed text.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { buildReceipt, canonicalTexts, pageUrl } from '../../src/core/receipts';
import type { Config } from '../../src/core/types';
import en from '../../src/locales/en.json';
import { setUrl } from '../_util/dom';

const CONFIG: Config = {
  revision: 3,
  privacyPolicyUrl: '/privacy',
  categories: {
    necessary: {},
    analytics: { services: [{ name: 'Stats', provider: 'Example Inc.', purpose: 'Counts visits', cookies: [{ name: '_ga', duration: '13 months' }] }] },
    marketing: {},
  },
};
const decision = {
  consentId: '0b6f4a5e-8e1c-4c5e-9a3b-2f1d6c7e8a90',
  decidedAt: Date.parse('2026-11-22T10:00:00.000Z'),
  revision: 3,
  granted: new Set(['necessary', 'analytics']),
};
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

beforeEach(() => setUrl('https://shop.example/checkout/cart?session=abc&email=a%40b.c#step-2'));
afterEach(() => (document.documentElement.lang = ''));

describe('buildReceipt()', () => {
  it('should hold exactly the contract fields, with the page URL stripped of query and fragment', async () => {
    const r = await buildReceipt(resolveConfig(CONFIG), decision, 'custom', true, en);
    expect(Object.keys(r).sort()).toEqual(
      ['action', 'choices', 'consentId', 'gpc', 'language', 'policyUrl', 'receiptId', 'revision', 'schema', 'sdkVersion', 'textHash', 'timestamp', 'url'].sort(),
    );
    expect(r).toMatchObject({
      schema: 'consentry.receipt/1',
      consentId: decision.consentId,
      timestamp: '2026-11-22T10:00:00.000Z',
      revision: 3,
      action: 'custom',
      choices: { necessary: true, analytics: true, marketing: false },
      gpc: true,
      language: 'en',
      url: 'https://shop.example/checkout/cart',
      policyUrl: '/privacy',
      sdkVersion: '1.0.0',
    });
    expect(r.receiptId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.textHash).toBe(sha(canonicalTexts(CONFIG, 'en', en)));
    expect(JSON.stringify(r)).not.toMatch(/session|abc|email|step-2|Mozilla|userAgent/);
  });

  it('should give every receipt its own id', async () => {
    const c = resolveConfig(CONFIG);
    const [a, b] = await Promise.all([buildReceipt(c, decision, 'accept_all', false, en), buildReceipt(c, decision, 'accept_all', false, en)]);
    expect(a.receiptId).not.toBe(b.receiptId);
    expect(a.textHash).toBe(b.textHash);
  });

  it('should name the language shown, and hash its texts: the pack, then the site\'s overrides', async () => {
    const fr: Config = { ...CONFIG, language: 'fr', translations: { fr: { 'banner.title': 'Vos choix' } } };
    const pack = { 'banner.acceptAll': 'Tout accepter' };
    const r = await buildReceipt(resolveConfig(fr), decision, 'reject_all', false, en, { lang: 'fr', pack });
    expect(r.language).toBe('fr');
    expect(r.textHash).toBe(sha(canonicalTexts(fr, 'fr', en, pack)));
    expect(r.textHash).not.toBe(sha(canonicalTexts(fr, 'fr', en)));
  });
});

describe('canonicalTexts()', () => {
  it('should be deterministic, and change when any displayed text changes', () => {
    const base = canonicalTexts(CONFIG, 'en', en);
    expect(canonicalTexts(structuredClone(CONFIG), 'en', en)).toBe(base);
    const variants: Config[] = [
      { ...CONFIG, translations: { en: { 'banner.rejectAll': 'No thanks' } } },
      { ...CONFIG, categories: { ...CONFIG.categories, analytics: { services: [{ name: 'Stats', provider: 'Other Inc.' }] } } },
      { ...CONFIG, categories: { ...CONFIG.categories, marketing: { title: { en: 'Ads' } } } },
      { ...CONFIG, categories: { necessary: {}, marketing: {}, analytics: CONFIG.categories.analytics! } },
    ];
    for (const v of variants) expect(canonicalTexts(v, 'en', en)).not.toBe(base);
  });

  it("should cover a cookie's description, which the preferences show, and be unchanged for cookies without one", () => {
    const withDescription = (description?: string): Config => ({
      ...CONFIG,
      categories: {
        ...CONFIG.categories,
        analytics: { services: [{ name: 'Stats', cookies: [{ name: '_ga', duration: '13 months', ...(description ? { description } : {}) }] }] },
      },
    });
    const plain = JSON.parse(canonicalTexts(withDescription(), 'en', en));
    expect(plain.categories[1][3]).toEqual([['Stats', '', '', [['_ga', '13 months']]]]);
    const described = JSON.parse(canonicalTexts(withDescription('Tells visits apart'), 'en', en));
    expect(described.categories[1][3]).toEqual([['Stats', '', '', [['_ga', '13 months', 'Tells visits apart']]]]);
    expect(canonicalTexts(withDescription('Another purpose'), 'en', en)).not.toBe(canonicalTexts(withDescription('Tells visits apart'), 'en', en));
  });

  it('should ignore overrides of keys the UI does not show', () => {
    expect(canonicalTexts({ ...CONFIG, translations: { en: { 'no.such.key': 'x' } } }, 'en', en)).toBe(canonicalTexts(CONFIG, 'en', en));
  });

  it('should list every UI text and each category with its services', () => {
    const c = JSON.parse(canonicalTexts(CONFIG, 'en', en));
    expect(c.language).toBe('en');
    expect(c.texts.map((t: string[]) => t[0])).toEqual(Object.keys(en).sort());
    expect(c.categories[1]).toEqual([
      'analytics',
      'Analytics',
      en['category.analytics.description'],
      [['Stats', 'Example Inc.', 'Counts visits', [['_ga', '13 months']]]],
    ]);
  });
});

describe('pageUrl()', () => {
  it('should keep origin and path only', () => {
    expect(pageUrl()).toBe('https://shop.example/checkout/cart');
  });
});
