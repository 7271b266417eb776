// Texts: English inside the chunk, a pack merged over it, the site's translations over both.
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/ui/i18n';
import en from '../../src/locales/en.json';

afterEach(() => (document.documentElement.lang = ''));

describe('createI18n()', () => {
  it('should fall back to English for a missing or empty text, never to a blank', () => {
    const { t } = createI18n({ categories: {}, language: 'fr', translations: { fr: { 'banner.rejectAll': '' } } });
    expect(t('banner.rejectAll')).toBe('Reject all');
    expect(t('banner.acceptAll')).toBe('Accept all');
  });

  it('should merge a pack over English, then translations (primary language, then the full tag) over it', () => {
    const { t, lang } = createI18n(
      {
        categories: {},
        language: 'fr-CA',
        translations: { fr: { 'banner.title': 'Vos choix' }, 'fr-CA': { 'banner.customize': 'Personnaliser' } },
      },
      { 'banner.title': 'Vos préférences', 'banner.acceptAll': 'Tout accepter' },
    );
    expect(lang).toBe('fr-CA');
    expect(t('banner.title')).toBe('Vos choix');
    expect(t('banner.acceptAll')).toBe('Tout accepter');
    expect(t('banner.customize')).toBe('Personnaliser');
    expect(t('banner.rejectAll')).toBe('Reject all');
  });

  it('should fill placeholders', () => {
    expect(createI18n({ categories: {} }).t('prefs.decidedOn', { date: '1 May 2026' })).toBe(
      'You made your choices on 1 May 2026.',
    );
  });

  it('should resolve "auto" to <html lang>, and an unusable code to English', () => {
    const translations = { he: { 'banner.title': 'Test (he)' } };
    document.documentElement.lang = 'he';
    expect(createI18n({ categories: {}, language: 'auto', translations })).toMatchObject({ lang: 'he', rtl: true });
    document.documentElement.lang = 'not a language';
    expect(createI18n({ categories: {}, translations })).toMatchObject({ lang: 'en', rtl: false });
  });

  it('should show a language only when there are texts for it, trying the primary subtag', () => {
    document.documentElement.lang = 'he';
    expect(createI18n({ categories: {} }).lang).toBe('en');
    expect(createI18n({ categories: {}, language: 'de-AT', translations: { de: { 'banner.title': 'Test (de)' } } }).lang).toBe('de');
    expect(createI18n({ categories: {}, language: 'fr' }, { 'banner.title': 'pack' }, 'fr').lang).toBe('fr');
  });

  it('should fall back from <html lang> to the browser\'s languages', () => {
    const languages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages');
    Object.defineProperty(navigator, 'languages', { value: ['nl-BE', 'de'], configurable: true });
    try {
      expect(createI18n({ categories: {}, translations: { de: { 'banner.title': 'Test (de)' } } }).lang).toBe('de');
    } finally {
      delete (navigator as any).languages;
      if (languages) Object.defineProperty(Navigator.prototype, 'languages', languages);
    }
  });

  it('should pick a configuration text in the visitor\'s language, then the pack, then English, then the first', () => {
    const { pick } = createI18n({ categories: {}, language: 'de-AT', translations: { 'de-AT': { 'banner.title': 'Test' } } });
    expect(pick({ en: 'Partners', de: 'Partner' }, 'category.partners.title')).toBe('Partner');
    expect(pick({ en: 'Partners', fr: 'Partenaires' }, 'category.partners.title')).toBe('Partners');
    expect(pick({ fr: 'Partenaires' }, 'category.partners.title')).toBe('Partenaires');
    expect(pick(undefined, 'category.analytics.title')).toBe('Analytics');
  });

  it('should ship a first layer that names refusal and withdrawal plainly (CNIL-4, GDPR 7(3))', () => {
    expect(en['banner.rejectAll']).toBe('Reject all');
    expect(en['banner.description']).toMatch(/withdraw your consent at any time/);
    expect(en['prefs.decidedOn']).toContain('{date}');
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('');
  });
});
