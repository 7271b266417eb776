// The texts the banner drew, which the UI chunk (or the fallback banner) reports to the instance
// (`UiContext.showing`) and the instance hands through decide() to the receipts chunk: the receipt
// then proves exactly what was drawn, and its chunk needs neither the English pack nor language
// detection of its own (README, Sizes). Absent where no banner drew anything on this page.

import type { Texts } from './text-table';

export interface Shown {
  /** The language shown. */
  lang: string;
  /** Its built-in pack (empty for English, or where it could not be fetched). */
  pack: Texts;
  /** The English pack: its keys are the UI's keys. */
  en: Texts;
}
