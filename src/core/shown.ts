// The texts the banner drew, left here by the UI chunk (or the fallback banner) for the receipt of
// the visitor's decision (core/decide.ts hands them to the receipts chunk): the receipt then proves
// exactly what was drawn, and its chunk needs neither the English pack nor language detection of
// its own (README, Sizes). Unset where no banner drew anything on this page.

import type { Texts } from './text-table';

export interface Shown {
  /** The language shown. */
  lang: string;
  /** Its built-in pack (empty for English, or where it could not be fetched). */
  pack: Texts;
  /** The English pack: its keys are the UI's keys. */
  en: Texts;
}

export let shown: Shown | undefined;

/** Records what the banner now shows (again after a language switch). */
export const showing = (texts: Shown): void => void (shown = texts);
