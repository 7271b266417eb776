// The UI's view of core/i18n.ts: the language, direction and lookups it draws with.

import { isRtl, pick, textsFor, type Texts } from '../core/i18n';
import type { Config, LocalizedText } from '../core/types';
import en from '../locales/en.json';

export type { Texts };

export interface I18n {
  /** The visitor's language tag, as set on the UI root (`lang`). */
  lang: string;
  rtl: boolean;
  /** The text for `key`, its `{name}` placeholders filled from `vars`. */
  t(key: string, vars?: Record<string, string>): string;
  /** A configuration text (`{ "en": …, "fr": … }`): the visitor's language, else the pack's `key`, else English or the first. */
  pick(map: LocalizedText | undefined, key: string): string;
}

/**
 * The lookups for a language (see core/i18n.ts `loadTexts` for which language, and its pack).
 * @param pack the built-in pack of `lang`, if it has one
 */
export function createI18n(config: Config, lang = 'en', pack: Texts = {}): I18n {
  const texts = textsFor(config, lang, en, pack);
  return {
    lang,
    rtl: isRtl(lang),
    t: (key, vars = {}) => (texts[key] || key).replace(/\{(\w+)\}/g, (all, name: string) => vars[name] ?? all),
    pick: (map, key) => pick(map, key, lang, texts),
  };
}
