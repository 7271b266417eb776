// Arbitrary configurations for the property tests (fuzz-config, fuzz-instance).
import fc from 'fast-check';
import { CONSENT_MODE_TYPES } from '../../src/core/constants';
import { codesFor, PACKS } from '../../src/core/languages';

// Configurations close to valid ones. `nearly(0)` draws only well-shaped fields (the cross-field
// rules may still fail: a custom category without texts, an integration naming a missing category);
// `nearly(w)` makes each field wrong in a typical way about once in w + 1 draws.
export function nearly(w: number): fc.Arbitrary<Record<string, unknown>> {
  const some = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    w ? fc.oneof({ weight: w, arbitrary: good }, { weight: 1, arbitrary: bad }) : good;
  const text = some(fc.oneof(fc.constantFrom('Analytics', '/privacy', 'x'), fc.string({ minLength: 1, maxLength: 12 })), fc.constantFrom('', 42, null));
  const langKey = some(fc.constantFrom('en', 'fr', 'pt', 'pt-BR', 'de-CH'), fc.constantFrom('english', 'pt_BR')) as fc.Arbitrary<string>;
  const localized = fc.dictionary(langKey, text, { maxKeys: 3 });
  const categoryKey = some(
    fc.constantFrom('necessary', 'preferences', 'analytics', 'marketing', 'partners', 'video-embeds', 'constructor'),
    fc.constantFrom('Analytics', '__proto__', '1st'),
  ) as fc.Arbitrary<string>;
  const cookiePattern = some(
    fc.oneof(fc.constantFrom('_ga', '_gid', '/^_ga/', '/x/imsu', '/a b/', '//', '/x/g'), fc.stringMatching(/^[^\s;,=]{1,8}$/)),
    fc.constantFrom('/(/', '/^a/ii', 'a b', 'a=b', '', 7),
  );
  const urlPattern = some(
    fc.oneof(fc.constantFrom('tags.example/a.js', '/collect\\?v=/', '/x/g', '//', 'https://t.example/A?b=%20'), fc.string({ minLength: 1, maxLength: 8 })),
    fc.constantFrom('/[/', '', 1, null, 'a b', 'https://T.example/', 'a\\b', 'é'),
  );
  const service = some(
    fc.record(
      {
        name: text,
        provider: text,
        purpose: text,
        cookies: fc.array(
          some(fc.record({ name: text, duration: text, description: text }, { requiredKeys: ['name'] }), fc.constantFrom({ duration: 'x' }, { name: 'x', domain: 'y' }, '_ga')),
          { maxLength: 2 },
        ),
        blocks: fc.array(urlPattern, { maxLength: 3 }),
      },
      { requiredKeys: ['name'] },
    ),
    fc.constantFrom({}, { name: 'x', url: 'y' }, 'Analytics'),
  );
  const category = fc.record(
    {
      required: some(fc.boolean(), fc.constant('true')),
      cookies: fc.array(cookiePattern, { maxLength: 3 }),
      consentMode: fc.array(some(fc.constantFrom(...CONSENT_MODE_TYPES), fc.constantFrom('ad_click', 'AD_STORAGE')), { maxLength: 3 }),
      services: fc.array(service, { maxLength: 2 }),
      optOutOnGPC: some(fc.boolean(), fc.constant(1)),
      title: localized,
      description: localized,
    },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      revision: some(fc.nat(), fc.constantFrom(-1, 1.5, '1')),
      privacyPolicyUrl: text,
      language: some(fc.constantFrom('auto', 'en', 'fr', 'pt-BR', 'de-CH'), fc.constantFrom('french', '')),
      categories: fc.dictionary(categoryKey, category, { minKeys: w ? 0 : 1, maxKeys: 4 }),
      cookie: fc.record(
        {
          name: some(fc.constantFrom('consentry', '__Host-c'), fc.constantFrom('my cookie', '')),
          domain: some(fc.constantFrom(null, 'example.com', '.site.example'), fc.constantFrom('https://x', 1)),
          path: some(fc.constantFrom('/', '/shop'), fc.constantFrom('shop', '/a;b')),
          maxAgeDays: some(fc.oneof(fc.constantFrom(0.5, 182, 400, 999999), fc.integer({ min: 1, max: 5000 })), fc.constantFrom(0, -1, 1e6, '182')),
          sameSite: some(fc.constantFrom('Lax', 'Strict'), fc.constantFrom('None', 'lax')),
        },
        { requiredKeys: [] },
      ),
      receipts: fc.record({ endpoint: some(fc.constantFrom(null, '/consent/receipts'), fc.constantFrom('', 7)) }, { requiredKeys: [] }),
      ui: fc.record(
        {
          layout: some(fc.constantFrom('bar', 'box', 'modal'), fc.constantFrom('popup', 'Bar')),
          floatingButton: some(fc.boolean(), fc.constant('true')),
          theme: fc.dictionary(
            some(fc.constantFrom('--consentry-bg', '--consentry-accent-fg'), fc.constantFrom('color', '--consentry-Bg', '--consentry-accent-2')) as fc.Arbitrary<string>,
            some(fc.constantFrom('red', '#fff', '8px', '"Inter", sans-serif'), fc.constantFrom('red;', '</style>', '', 3)),
            { maxKeys: 2 },
          ),
        },
        { requiredKeys: [] },
      ),
      integrations: fc.record(
        { uet: some(categoryKey, fc.constantFrom(5, 'Marketing')), metaPixel: some(categoryKey, fc.constant('')) },
        { requiredKeys: [] },
      ),
      translations: fc.dictionary(
        langKey,
        fc.dictionary(some(fc.constantFrom('banner.title', 'banner.description', 'category.partners.title'), fc.constantFrom('1x', 'x y', 'banner.titel')) as fc.Arbitrary<string>, text, {
          maxKeys: 2,
        }),
        { maxKeys: 2 },
      ),
      assetsUrl: text,
      debug: some(fc.boolean(), fc.constant('yes')),
    },
    { requiredKeys: ['categories'] },
  );
}
/** Satisfies the cross-field rules: texts for custom categories, integrations and category texts naming a category. */
export function repair(config: Record<string, unknown>): Record<string, unknown> {
  const c = structuredClone(config) as {
    language?: string;
    categories: Record<string, { required?: unknown; title?: Record<string, unknown>; description?: Record<string, unknown> }>;
    integrations?: Record<string, unknown>;
    translations?: Record<string, Record<string, unknown>>;
  };
  const lang = c.language && c.language !== 'auto' ? c.language : 'en';
  // Languages the UI can be shown in: a fixed language needs one of its codes among them, and a
  // category text's language must be one of them or the language part of one.
  const shown = () => ['en', ...PACKS, ...Object.keys(c.translations || {})];
  if (!codesFor(lang).some(code => shown().includes(code))) c.translations = { ...c.translations, [lang]: {} };
  if (!shown().some(s => s === lang || s.split('-')[0] === lang)) c.translations = { ...c.translations, [lang]: {} };
  for (const cat of Object.values(c.categories))
    for (const field of ['title', 'description'] as const)
      for (const code of Object.keys(cat[field] || {})) if (!shown().some(s => s === code || s.split('-')[0] === code)) delete cat[field]![code];
  for (const [key, cat] of Object.entries(c.categories)) {
    if (!['necessary', 'preferences', 'analytics', 'marketing'].includes(key)) {
      cat.title = { ...cat.title, [lang]: 'Title' };
      cat.description = { ...cat.description, [lang]: 'Description' };
    }
    if (key === 'necessary') delete cat.required;
  }
  for (const name of Object.keys(c.integrations || {}))
    if (!Object.prototype.hasOwnProperty.call(c.categories, c.integrations![name] as string)) delete c.integrations![name];
  // A category's texts in translations need that category.
  for (const texts of Object.values(c.translations || {}))
    for (const key of Object.keys(texts || {})) {
      const own = /^category\.(.+)\.(title|description)$/.exec(key);
      if (own && !Object.prototype.hasOwnProperty.call(c.categories, own[1]!)) delete texts[key];
    }
  return c;
}
