// Which language the visitor is shown, and the texts in it: the English pack, a language pack over
// it, then the site's `translations`, key by key. Shared by the UI chunk (to draw) and the receipts
// chunk (to hash exactly what was drawn). A missing or empty text falls back to English, never to a
// placeholder (STYLE §12).

import type { Config, LocalizedText } from './types';

export type Texts = Record<string, string>;

const TAG = /^[a-z]{2,3}(-[a-z\d]{2,8})*$/i;
const RTL = /^(ar|he|fa|ur)\b/i;

/**
 * The language to show: `language` from the configuration, else `<html lang>`, else the browser's
 * languages, else English (contract §3). A language is shown only when there are texts for it
 * (`available`), trying the full tag, then its primary subtag.
 * @param available whether a pack or the site's translations cover a language
 */
export function resolveLanguage(config: Config, available: (tag: string) => boolean): string {
  const fixed = config.language && config.language !== 'auto' ? [config.language] : null;
  const wanted = fixed || [document.documentElement.lang, ...(navigator.languages || [])];
  for (const tag of wanted)
    if (tag && TAG.test(tag))
      for (const t of [tag, tag.split('-')[0]!]) if (t === 'en' || available(t)) return t;
  return 'en';
}

export const isRtl = (lang: string): boolean => RTL.test(lang);

/** The text table for `lang`: English, the pack, then the site's overrides for English, the primary tag, the tag. */
export function textsFor(config: Config, lang: string, en: Texts, pack: Texts = {}): Texts {
  const own = config.translations || {};
  const texts: Texts = { ...en, ...own.en, ...pack, ...own[lang.split('-')[0]!], ...own[lang] };
  for (const k in texts) if (!texts[k]) texts[k] = en[k] || k;
  return texts;
}

/** A configuration text (`{ "en": …, "fr": … }`): the language, its primary tag, the pack's `key`, English, the first. */
export function pick(map: LocalizedText | undefined, key: string, lang: string, texts: Texts): string {
  const m = map || {};
  return m[lang] || m[lang.split('-')[0]!] || texts[key] || m.en || Object.values(m)[0] || key;
}

/** Whether the site's translations cover a language (packs are checked by their loader). */
export const translated = (config: Config, tag: string): boolean => !!config.translations?.[tag];
