// Which language the visitor is shown, and the texts in it: the English pack, a language pack over
// it, then the site's `translations`, key by key (core/text-table.ts). Used by the banners to draw,
// and by the receipts' texts chunk (core/texts.ts) where no banner handed down what it drew. A
// missing or empty text falls back to English, never to a placeholder (README, "Languages").

import { report } from './guard';
import { codesFor, PACKS } from './languages';
import type { Texts } from './text-table';
import type { Config } from './types';

export { pick, textsFor, type Texts } from './text-table';
export { codesFor, PACKS };

const TAG = /^[a-z]{2,3}(-[a-z\d]{2,8})*$/i;
const RTL = /^(ar|he|fa|ur)\b/i;

/** localStorage key: the language the visitor picked in the preferences. */
export const LANGUAGE_KEY = 'consentry:lang';

/**
 * The language to show: the one the visitor picked, else `language` from the configuration, else
 * `<html lang>`, else the browser's languages, else English (README, "Configuration"). A language is shown only
 * when there are texts for it (`available`).
 * @param available whether a pack or the site's translations cover a language code
 */
export function resolveLanguage(config: Config, available: (code: string) => boolean): string {
  let picked: string | undefined;
  try {
    picked = localStorage[LANGUAGE_KEY];
  } catch {
    // storage blocked: no remembered pick
  }
  const fixed = config.language && config.language !== 'auto' ? [config.language] : null;
  const wanted = [picked, ...(fixed || [document.documentElement.lang, ...(navigator.languages || [])])];
  for (const tag of wanted)
    if (tag && TAG.test(tag)) for (const code of codesFor(tag)) if (code === 'en' || available(code)) return code;
  return 'en';
}

/** The built-in pack a shown language takes its texts from (fr-CA → fr), if any. */
export const packOf = (lang: string): string | undefined => codesFor(lang).find(c => PACKS.indexOf(c) >= 0);

export const isRtl = (lang: string): boolean => RTL.test(lang);

/** Whether the site's translations or a built-in pack cover a language code. */
export const covered = (config: Config, code: string): boolean => !!config.translations?.[code] || PACKS.indexOf(code) >= 0;

/**
 * The language to show and its built-in pack, fetched from `base` + `i18n/<code>.json`. Should the
 * pack fail to load, the visitor is shown English (or the site's own translations), and that is
 * what the caller is told: the receipt names the language actually shown.
 */
export async function loadTexts(
  config: Config,
  base: string,
  fetchJson: (url: string) => Promise<Texts> = async url => {
    const r = await fetch(url);
    if (!r.ok) throw Error('HTTP ' + r.status);
    return r.json();
  },
): Promise<{ lang: string; pack: Texts }> {
  const lang = resolveLanguage(config, code => covered(config, code));
  const code = packOf(lang);
  if (!code) return { lang, pack: {} };
  try {
    const pack = await fetchJson(base + 'i18n/' + code + '.json');
    if (pack && typeof pack === 'object') return { lang, pack };
    throw Error('not a pack');
  } catch (e) {
    report('language pack "' + code + '" not loaded (' + (e as Error).message + '): showing English');
    return { lang: resolveLanguage(config, c => !!config.translations?.[c]), pack: {} };
  }
}
