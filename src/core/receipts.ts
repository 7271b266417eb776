// Building a receipt (README, "Consent receipts"), and the canonical texts its textHash proves, with the JSON
// writer and the SHA-256 that work on any page (core/json.ts, core/sha256.ts): the package entry's
// `textHash` and `canonicalTexts`. The receipts chunk builds the same receipt from the same parts
// (core/receipt-body.ts), with the page's own JSON.stringify and Web Crypto when they work.

import type { ResolvedConfig } from './config';
import type { StoredDecision } from './consent-cookie';
import { canonical, receiptOf } from './receipt-body';
import { stringify } from './json';
import { sha256 } from './sha256';
import type { Texts } from './text-table';
import type { Action, Config, Receipt } from './types';
import { uuid } from './uuid';

export { pageUrl } from './receipt-body';

/**
 * The texts a visitor is shown in `lang`, as one canonical JSON text: what `textHash` hashes
 * (core/receipt-body.ts `canonical` says what it holds).
 * @param en the English pack (src/locales/en.json): its keys are the UI's keys
 */
export const canonicalTexts = (config: Config, lang: string, en: Texts, pack: Texts = {}): string => stringify(canonical(config, lang, en, pack));

/**
 * The receipt of a decision.
 * @param shown the language the visitor was shown, and its built-in pack (core/i18n.ts `loadTexts`)
 * @returns the receipt, with a fresh receiptId and the textHash of the texts in that language
 */
export async function buildReceipt(
  config: ResolvedConfig,
  decision: StoredDecision,
  action: Action,
  gpc: boolean,
  en: Texts,
  shown: { lang: string; pack: Texts } = { lang: 'en', pack: {} },
): Promise<Receipt> {
  return receiptOf(config, decision, action, gpc, shown.lang, await sha256(canonicalTexts(config.source, shown.lang, en, shown.pack)), uuid());
}
