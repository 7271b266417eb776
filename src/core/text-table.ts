// The text table of a language, and a configuration text in it (core/i18n.ts decides which language
// and fetches its pack). A module of its own: the receipts chunk hashes the texts shown with these
// two alone, without language detection or the English pack (README, Sizes).

import type { Config, LocalizedText } from './types';

export type Texts = Record<string, string>;

// Stands in for a missing map: a page that added `en` or `fr` to Object.prototype must not have it
// read as a text (the configuration itself is copied without prototypes: core/config.ts ownCopy).
const NONE: Record<string, never> = Object.create(null);

/** The text table for `lang`: English, the pack, then the site's overrides for English, the primary tag, the tag. */
export function textsFor(config: Config, lang: string, en: Texts, pack: Texts = {}): Texts {
  const own = config.translations || NONE;
  const texts: Texts = { ...en, ...own.en, ...pack, ...own[lang.split('-')[0]!], ...own[lang] };
  for (const k in texts) if (!texts[k]) texts[k] = en[k] || k;
  return texts;
}

/** A configuration text (`{ "en": …, "fr": … }`): the language, its primary tag, the pack's `key`, English, the first. */
export function pick(map: LocalizedText | undefined, key: string, lang: string, texts: Texts): string {
  const m = map || NONE;
  return m[lang] || m[lang.split('-')[0]!] || texts[key] || m.en || Object.values(m)[0] || key;
}
