// The texts a receipt proves when no banner handed them over (core/shown.ts): a decision made
// through the API, or a placeholder's button, on a page where the banner never loaded. In the
// receipts build this file is a chunk of its own (dist/consentry-receipts-texts.js): the English
// pack and language detection, fetched only then (README, Sizes).

import en from '../locales/en.json';
import { loadTexts } from './i18n';
import type { Shown } from './shown';
import type { Config } from './types';

/**
 * The language the visitor is shown, its built-in pack and the English pack, found as the UI finds
 * them (core/i18n.ts `loadTexts`).
 * @param base the folder of the language packs
 */
export const shownTexts = async (config: Config, base: string): Promise<Shown> => ({ ...(await loadTexts(config, base)), en });
