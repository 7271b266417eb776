// Which language a visitor is shown (contract §3): the visitor's pick, the configuration,
// <html lang>, the browser's languages, English; region fallbacks; a pack that fails to load.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codesFor, covered, loadTexts, packOf, pick, resolveLanguage, textsFor } from '../../src/core/i18n';
import type { Config } from '../../src/core/types';
import en from '../../src/locales/en.json';
import { createI18n } from '../../src/ui/i18n';

const base: Config = { categories: { necessary: {} } };
const anyPack = (c: Config) => (code: string) => covered(c, code);
let languages: PropertyDescriptor | undefined;
const browserLanguages = (list: string[]) => Object.defineProperty(navigator, 'languages', { value: list, configurable: true });

beforeEach(() => {
  languages = Object.getOwnPropertyDescriptor(navigator, 'languages');
  browserLanguages([]);
  localStorage.clear();
  document.documentElement.lang = '';
});
afterEach(() => {
  delete (navigator as any).languages;
  if (languages) Object.defineProperty(navigator, 'languages', languages);
  vi.restoreAllMocks();
});

describe('codesFor()', () => {
  it('should apply the region fallbacks', () => {
    expect(codesFor('fr-CA')).toEqual(['fr-CA', 'fr-CA', 'fr']);
    expect(codesFor('zh-TW')).toEqual(['zh-Hant']);
    expect(codesFor('zh-HK')).toEqual(['zh-Hant']);
    expect(codesFor('zh-Hant-TW')).toEqual(['zh-Hant']);
    expect(codesFor('zh-CN')).toEqual(['zh-Hans']);
    expect(codesFor('zh')).toEqual(['zh-Hans']);
    expect(codesFor('no')).toEqual(['nb']);
    expect(codesFor('nn-NO')).toEqual(['nb']);
    expect(codesFor('pt-br')).toEqual(['pt-br', 'pt-BR', 'pt']);
  });
});

describe('resolveLanguage()', () => {
  it('should take the configuration, then <html lang>, then the browser\'s languages, then English', () => {
    browserLanguages(['nl-BE', 'de']);
    document.documentElement.lang = 'pl';
    expect(resolveLanguage({ ...base, language: 'fr' }, anyPack(base))).toBe('fr');
    expect(resolveLanguage({ ...base, language: 'auto' }, anyPack(base))).toBe('pl');
    document.documentElement.lang = '';
    expect(resolveLanguage(base, anyPack(base))).toBe('nl');
    browserLanguages(['xx-YY']);
    expect(resolveLanguage(base, anyPack(base))).toBe('en');
  });

  it('should map regions to the packs that exist', () => {
    const cases: [string, string][] = [['fr-CA', 'fr'], ['zh-TW', 'zh-Hant'], ['zh-CN', 'zh-Hans'], ['pt-BR', 'pt-BR'], ['pt-PT', 'pt'], ['nn', 'nb'], ['en-GB', 'en'], ['de-AT', 'de']];
    for (const [tag, code] of cases) expect(resolveLanguage({ ...base, language: tag }, anyPack(base)), tag).toBe(code);
  });

  it('should prefer the language the visitor picked in the preferences', () => {
    localStorage['consentry:lang'] = 'it';
    expect(resolveLanguage({ ...base, language: 'fr' }, anyPack(base))).toBe('it');
  });

  it('should show the site\'s own language when its translations cover it, even without a pack', () => {
    const c: Config = { ...base, language: 'fr-CA', translations: { 'fr-CA': { 'banner.title': 'Vos choix' } } };
    expect(resolveLanguage(c, anyPack(c))).toBe('fr-CA');
    expect(packOf('fr-CA')).toBe('fr');
  });
});

describe('loadTexts()', () => {
  it('should fetch the pack of the language shown, next to the loader', async () => {
    const fetched: string[] = [];
    const shown = await loadTexts({ ...base, language: 'fr-CA' }, '/assets/', async url => (fetched.push(url), { 'banner.title': 'Vos choix' }));
    expect(fetched).toEqual(['/assets/i18n/fr.json']);
    expect(shown).toEqual({ lang: 'fr', pack: { 'banner.title': 'Vos choix' } });
  });

  it('should fetch nothing for English', async () => {
    const fetchJson = vi.fn();
    expect(await loadTexts(base, '/assets/', fetchJson)).toEqual({ lang: 'en', pack: {} });
    expect(fetchJson).not.toHaveBeenCalled();
  });

  it('should fall back to English, and say so, when the pack cannot be loaded', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const shown = await loadTexts({ ...base, language: 'de' }, '/a/', () => Promise.reject(new Error('HTTP 404')));
    expect(shown).toEqual({ lang: 'en', pack: {} });
    expect(error.mock.calls[0]![0]).toContain('language pack "de" not loaded');
  });
});

describe('textsFor() and pick()', () => {
  it('should merge English, the pack, then the site\'s overrides (primary tag, then full tag), never leaving a blank', () => {
    const c: Config = { ...base, translations: { fr: { 'banner.title': 'Vos choix', 'banner.rejectAll': '' }, 'fr-CA': { 'banner.customize': 'Personnaliser' } } };
    const t = textsFor(c, 'fr-CA', en, { 'banner.title': 'pack', 'banner.acceptAll': 'Tout accepter' });
    expect(t['banner.title']).toBe('Vos choix');
    expect(t['banner.acceptAll']).toBe('Tout accepter');
    expect(t['banner.customize']).toBe('Personnaliser');
    expect(t['banner.rejectAll']).toBe('Reject all');
  });

  it('should pick a configuration text in the language, its primary tag, the pack\'s key, English, the first', () => {
    const texts = textsFor(base, 'de-AT', en);
    expect(pick({ en: 'Partners', de: 'Partner' }, 'category.partners.title', 'de-AT', texts)).toBe('Partner');
    expect(pick({ en: 'Partners', fr: 'Partenaires' }, 'category.partners.title', 'de-AT', texts)).toBe('Partners');
    expect(pick({ fr: 'Partenaires' }, 'category.partners.title', 'de-AT', texts)).toBe('Partenaires');
    expect(pick(undefined, 'category.analytics.title', 'de-AT', texts)).toBe('Analytics');
  });

  it('should not take what a page added to Object.prototype for a text', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.en = { 'banner.title': 'junk' };
    proto.de = 'junk';
    try {
      expect(textsFor(base, 'de', en)['banner.title']).toBe('Your privacy choices');
      expect(pick(undefined, 'category.analytics.title', 'de', textsFor(base, 'de', en))).toBe('Analytics');
    } finally {
      delete proto.en;
      delete proto.de;
    }
  });
});

describe('createI18n()', () => {
  it('should fill placeholders and set the direction', () => {
    expect(createI18n(base).t('prefs.decidedOn', { date: '1 May 2026' })).toBe('You made your choices on 1 May 2026.');
    expect(createI18n(base, 'he').rtl).toBe(true);
    expect(createI18n(base, 'ar').rtl).toBe(true);
    expect(createI18n(base, 'fr').rtl).toBe(false);
  });

  it('should ship a first layer that names refusal and withdrawal plainly (CNIL-4, GDPR 7(3))', () => {
    expect(en['banner.rejectAll']).toBe('Reject all');
    expect(en['banner.description']).toMatch(/withdraw your consent at any time/);
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('');
  });
});
