// Building a receipt (contract §8), and the canonical texts its textHash proves. Lazily loaded with
// the outbox (dist/consentry-receipts.js), only on a site that configures `receipts.endpoint`.

import type { ResolvedConfig } from './config';
import { RECEIPT_SCHEMA, SDK_VERSION } from './constants';
import type { StoredDecision } from './consent-cookie';
import { pick, textsFor, type Texts } from './i18n';
import { stringify } from './json';
import { sha256 } from './sha256';
import type { Action, Config, Receipt } from './types';
import { uuid } from './uuid';

/**
 * The texts a visitor is shown in `lang`, as one canonical JSON text: what `textHash` hashes.
 * Every UI text key of the English pack, sorted, with its text after the pack and the site's
 * overrides; then each category in display order with its title, description and services
 * (name, provider, purpose, and each cookie's name, duration and, if it has one, description).
 * @param en the English pack (src/locales/en.json): its keys are the UI's keys
 */
export function canonicalTexts(config: Config, lang: string, en: Texts, pack: Texts = {}): string {
  const texts = textsFor(config, lang, en, pack);
  return stringify({
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
  });
}

/** The page's address without query string or fragment (they may identify the visitor). */
export const pageUrl = (): string => location.origin + location.pathname;

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
  const source = config.source;
  const language = shown.lang;
  const choices: Receipt['choices'] = {};
  for (const c of config.categories) choices[c.key] = decision.granted.has(c.key);
  return {
    schema: RECEIPT_SCHEMA,
    receiptId: uuid(),
    consentId: decision.consentId,
    timestamp: new Date(decision.decidedAt).toISOString(),
    revision: config.revision,
    action,
    choices,
    gpc,
    language,
    textHash: await sha256(canonicalTexts(source, language, en, shown.pack)),
    url: pageUrl(),
    policyUrl: source.privacyPolicyUrl ?? null,
    sdkVersion: SDK_VERSION,
  };
}
