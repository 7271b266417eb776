// The UI's texts: the English pack (shipped inside the chunk), a language pack merged over it (packs
// come with a later issue: pass one to createI18n), then the site's `translations`, key by key.
// A missing or empty text falls back to English, never to a placeholder (STYLE §12).

import type { Config, LocalizedText } from '../core/types';
import en from '../locales/en.json';

export type Texts = Record<string, string>;

export interface I18n {
  /** The visitor's language tag, as set on the UI root (`lang`). */
  lang: string;
  rtl: boolean;
  /** The text for `key`, its `{name}` placeholders filled from `vars`. */
  t(key: string, vars?: Record<string, string>): string;
  /** A configuration text (`{ "en": …, "fr": … }`): the visitor's language, else the pack's `key`, else English or the first. */
  pick(map: LocalizedText | undefined, key: string): string;
}

// The validator's shape of a language tag; anything else would reach `lang` and Intl unchecked.
const TAG = /^[a-z]{2,3}(-[a-z\d]{2,8})*$/i;
const RTL = /^(ar|he|fa|ur)\b/i;

/**
 * Resolves the language and builds the lookups.
 * @param config the configuration as given (`language`, `translations`)
 * @param pack the visitor's language pack, when one was fetched
 */
export function createI18n(config: Config, pack: Texts = {}): I18n {
  const wanted = !config.language || config.language === 'auto' ? document.documentElement.lang : config.language;
  const lang = TAG.test(wanted) ? wanted : 'en';
  const primary = lang.split('-')[0]!;
  const own = config.translations || {};
  const texts: Texts = { ...en, ...own.en, ...pack, ...own[primary], ...own[lang] };
  return {
    lang,
    rtl: RTL.test(lang),
    t: (key, vars = {}) =>
      (texts[key] || (en as Texts)[key] || key).replace(/\{(\w+)\}/g, (all, name: string) => vars[name] ?? all),
    pick: (map = {}, key) => map[lang] || map[primary] || texts[key] || map.en || Object.values(map)[0] || key,
  };
}
