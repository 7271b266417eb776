// Every name a site, a tag or a stored value relies on, in one place (see the README).
// None starts with `_`: the minifier mangles `_`-prefixed properties only.

export const SDK_VERSION = '1.0.0';

export const CONFIG_ELEMENT_ID = 'consentry-config';
export const ATTR_CONSENT = 'data-consent';
export const ATTR_TYPE = 'data-type';
export const ATTR_OPEN = 'data-consentry-open';
export const ROOT_ID = 'consentry-root';

export const EVENT_PREFIX = 'consentry:';
export const DATALAYER_EVENT = 'consentry_change';

export const UI_CHUNK = 'consentry-ui.js';
export const CORE_CHUNK = 'consentry-core.js';
export const RECEIPTS_CHUNK = 'consentry-receipts.js';
/** The decision writer, for a site without receipts (the receipts chunk carries it too). */
export const DECIDE_CHUNK = 'consentry-decide.js';
/** localStorage key of the receipts not yet delivered. */
export const OUTBOX_KEY = 'consentry:outbox';
export const OUTBOX_MAX = 50;
export const RECEIPT_SCHEMA = 'consentry.receipt/1';
/** localStorage key: the hash of the last configuration this browser validated (see consentry.ts). */
export const VALID_MARK_KEY = 'consentry:valid';

/** Cookie format version: the first field of the value. */
export const COOKIE_FORMAT = '1';
/** RFC 6265bis: user agents cap Max-Age at 400 days. */
export const MAX_AGE_CAP_DAYS = 400;
export const DAY_MS = 864e5;
/** Contract §4: the consent cookie never exceeds this many bytes (name=value). */
export const COOKIE_MAX_BYTES = 200;
/** Choices are a bitmask in the cookie; 2^30 stays a safe small integer in base 36. */
export const MAX_CATEGORIES = 30;

/** Google Consent Mode v2: the only documented consent types. */
export const CONSENT_MODE_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;
/** Google: wait_for_update is in milliseconds. */
export const WAIT_FOR_UPDATE_MS = 500;

/** English texts of what the loader draws itself; a language pack or `translations` may replace them. */
export const LOADER_TEXTS = {
  'placeholder.text': 'This content is from another site, which may set cookies.',
  'placeholder.load': 'Allow and load',
  'fab.label': 'Cookie settings',
} as const;

/** localStorage key written at each decision: the `storage` event it fires tells the site's other tabs. */
export const SYNC_KEY = 'consentry:sync';
/** localStorage key: the loader's texts in the visitor's language, left there by the UI chunk. */
export const LOADER_TEXTS_KEY = 'consentry:texts';

/**
 * A configured URL (policy link, receipts endpoint, assets): http(s), or a path on the site; never
 * `javascript:` or `data:`. Written against what the URL parser reads, which skips leading spaces
 * and controls and drops tabs and newlines anywhere ("java\tscript:" is javascript:), and reads a
 * backslash as a slash: "/\\host" and "//host" name another host, not a path on this site (and
 * "/\\ " no host at all, which the loader cannot even resolve), so neither a backslash nor a
 * leading "//" is taken. The JSON Schema states the same pattern; the UI checks it again before it
 * draws a link.
 */
export const SAFE_URL = /^(?![\0- ]|\/\/)(?=[^\t\n\r\\]*$)(?:https?:|(?![a-z][a-z\d+.-]*:))/i;

/**
 * The theme's custom properties (README, Theming), without their `--consentry-` prefix: what the
 * stylesheets read. `ui.theme` may set these only; any other name would be accepted and ignored.
 */
export const THEME_PROPERTIES = ['bg', 'fg', 'accent', 'accent-fg', 'line', 'focus', 'radius', 'font', 'z'] as const;

/**
 * The English pack's keys (src/locales/en.json) but the categories' own, space-separated and
 * space-ended: what `translations` may set besides a category's title and description. Written out
 * so that the core chunk need not carry the pack (test/locales.test.ts keeps them in step).
 */
export const TEXT_KEYS =
  ' banner.title banner.description banner.acceptAll banner.rejectAll banner.customize banner.close banner.policy banner.gpc' +
  ' prefs.title prefs.description prefs.save prefs.acceptAll prefs.rejectAll prefs.close prefs.services prefs.cookie prefs.provider' +
  ' prefs.purpose prefs.duration prefs.decidedOn prefs.consentId prefs.withdraw prefs.saved prefs.alwaysOn prefs.language' +
  ' placeholder.text placeholder.load fab.label ';

export const BUILTIN_CATEGORIES = ['necessary', 'preferences', 'analytics', 'marketing'] as const;
export const LAYOUTS = ['bar', 'box', 'modal'] as const;
export const SAME_SITE = ['Lax', 'Strict'] as const;

export const DEFAULTS = {
  cookieName: 'consentry',
  maxAgeDays: 182,
} as const;
