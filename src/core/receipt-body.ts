// A receipt's fields (README, "Consent receipts"), and what its textHash proves as plain data, without a JSON
// writer or a hash function: the receipts chunk brings the page's own when they work (README,
// Sizes), the package entry (core/receipts.ts) the ones that always do.

import type { ResolvedConfig } from './config';
import { RECEIPT_SCHEMA, SDK_VERSION } from './constants';
import type { StoredDecision } from './consent-cookie';
import { pick, textsFor, type Texts } from './text-table';
import type { Action, Config, Receipt } from './types';

/**
 * The texts a visitor is shown in `lang`, as the data that `canonicalTexts` writes as JSON: every
 * UI text key of the English pack, sorted, with its text after the pack and the site's overrides;
 * then each category in display order with its title, description and services (name, provider,
 * purpose, and each cookie's name, duration and, if it has one, description).
 * @param en the English pack (src/locales/en.json): its keys are the UI's keys
 */
export function canonical(config: Config, lang: string, en: Texts, pack: Texts = {}): unknown {
  const texts = textsFor(config, lang, en, pack);
  return {
    language: lang,
    texts: Object.keys(en)
      .sort()
      .map(k => [k, texts[k]]),
    categories: Object.keys(config.categories).map(key => {
      const c = config.categories[key]!;
      return [
        key,
        pick(c.title, 'category.' + key + '.title', lang, texts),
        pick(c.description, 'category.' + key + '.description', lang, texts),
        // A cookie's description only when it has one: the hash of a configuration without them is unchanged.
        (c.services || []).map(s => [s.name, s.provider || '', s.purpose || '', (s.cookies || []).map(k => (k.description ? [k.name, k.duration || '', k.description] : [k.name, k.duration || '']))]),
      ];
    }),
  };
}

/** The page's address without query string or fragment (they may identify the visitor). */
export const pageUrl = (): string => location.origin + location.pathname;

/**
 * The receipt of a decision.
 * @param language the language the visitor was shown
 * @param textHash the SHA-256 (hex) of the canonical texts in that language
 * @param receiptId a fresh UUID v4
 */
export function receiptOf(
  config: ResolvedConfig,
  decision: StoredDecision,
  action: Action,
  gpc: boolean,
  language: string,
  textHash: string,
  receiptId: string,
): Receipt {
  const choices: Receipt['choices'] = {};
  for (const c of config.categories) choices[c.key] = decision.granted.has(c.key);
  return {
    schema: RECEIPT_SCHEMA,
    receiptId,
    consentId: decision.consentId,
    timestamp: new Date(decision.decidedAt).toISOString(),
    revision: config.revision,
    action,
    choices,
    gpc,
    language,
    textHash,
    url: pageUrl(),
    policyUrl: config.source.privacyPolicyUrl ?? null,
    sdkVersion: SDK_VERSION,
  };
}
