// The public contract (the README §3, §5, §8) as types.

import type { CONSENT_MODE_TYPES, LAYOUTS, SAME_SITE } from './constants';

export type ConsentModeType = (typeof CONSENT_MODE_TYPES)[number];
export type Layout = (typeof LAYOUTS)[number];
export type SameSite = (typeof SAME_SITE)[number];
/** A language code mapped to a text, e.g. `{ "en": "Partners", "fr": "Partenaires" }`. */
export type LocalizedText = Record<string, string>;

export interface ServiceCookie {
  name: string;
  duration?: string;
  description?: string;
}

export interface Service {
  name: string;
  provider?: string;
  purpose?: string;
  cookies?: ServiceCookie[];
  /** URL patterns (substring or `/regex/`) of what the service loads; blocked until consent. */
  blocks?: string[];
}

export interface CategoryConfig {
  /** Always granted; its switch is checked and disabled. `necessary` is always required. */
  required?: boolean;
  /** Cookies cleared when the category is refused: exact name or `/regex/`. */
  cookies?: string[];
  consentMode?: ConsentModeType[];
  services?: Service[];
  /** With Global Privacy Control on, `acceptAll()` does not grant this category. */
  optOutOnGPC?: boolean;
  title?: LocalizedText;
  description?: LocalizedText;
}

export interface CookieConfig {
  name?: string;
  domain?: string | null;
  path?: string;
  maxAgeDays?: number;
  sameSite?: SameSite;
}

export interface Config {
  $schema?: string;
  revision?: number;
  privacyPolicyUrl?: string;
  language?: string;
  categories: Record<string, CategoryConfig>;
  cookie?: CookieConfig;
  receipts?: { endpoint?: string | null };
  ui?: { layout?: Layout; floatingButton?: boolean; theme?: Record<string, string> };
  integrations?: { uet?: string; metaPixel?: string };
  translations?: Record<string, Record<string, string>>;
  /** Where the UI chunk and language packs live; defaults to the loader's own folder. */
  assetsUrl?: string;
  debug?: boolean;
}

/** One bad field: where it is and what was expected there. */
export interface ConfigError {
  path: string;
  expected: string;
}

export type Choices = Record<string, boolean>;

export interface ConsentState {
  decided: boolean;
  /** Effective choices: every category, granted or not (all optional ones false until decided). */
  choices: Choices;
  consentId: string | null;
  /** ISO 8601 time of the decision, or null. */
  decidedAt: string | null;
  revision: number;
}

export type Action = 'accept_all' | 'reject_all' | 'custom' | 'withdraw';

/** Proof of one decision (README, "Consent receipts"): no IP, user agent, name or e-mail; `url` without query or fragment. */
export interface Receipt {
  schema: 'consentry.receipt/1';
  receiptId: string;
  consentId: string;
  timestamp: string;
  revision: number;
  action: Action;
  choices: Choices;
  gpc: boolean;
  language: string;
  /** SHA-256 hex of the canonical texts the visitor was shown (see README: recomputing textHash). */
  textHash: string;
  url: string;
  policyUrl: string | null;
  sdkVersion: string;
}
export type EventName = 'ready' | 'change' | 'show' | 'hide';

export interface AuditEntry {
  kind: 'cookie' | 'localStorage' | 'sessionStorage';
  name: string;
  /** `declared`: matched a category's patterns; `consent`: the consent cookie itself. */
  status: 'declared' | 'consent' | 'undeclared';
  category?: string;
  service?: string;
  /** A declared entry whose category is not granted: something escaped the gate. */
  escaped?: boolean;
}

export interface Consentry {
  readonly version: string;
  get(category: string): boolean | undefined;
  readonly state: ConsentState;
  acceptAll(): void;
  rejectAll(): void;
  set(choices: Partial<Choices>): void;
  withdraw(): void;
  showBanner(): void;
  showPreferences(): void;
  hide(): void;
  on(event: EventName, fn: (state: ConsentState) => void): () => void;
  /** Resolves to every cookie and storage key of the page, classified (loads the core chunk). */
  audit(): Promise<AuditEntry[]>;
}
