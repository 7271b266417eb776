// Name and URL patterns from the configuration: an exact string, or `/regex/` (optionally `/regex/i`).

export type Matcher = (value: string) => boolean;

const REGEX_FORM = /^\/(.+)\/([imsu]*)$/;

/** Compiles `/regex/flags` to a RegExp, or returns null when the text is not in that form or does not compile. */
export function toRegExp(pattern: string): RegExp | null {
  const m = REGEX_FORM.exec(pattern);
  if (!m) return null;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch {
    return null;
  }
}

export const isRegexForm = (pattern: string): boolean => REGEX_FORM.test(pattern);

/**
 * A matcher for cookie and storage names: `/regex/` tests the name, anything else must equal it.
 * @example nameMatcher('/^_ga/')('_ga_XYZ') // true
 */
export function nameMatcher(pattern: string): Matcher {
  const re = toRegExp(pattern);
  return re ? v => re.test(v) : v => v === pattern;
}

/**
 * A matcher for URLs (auto-blocking): `/regex/` tests the absolute URL, anything else is a substring.
 */
export function urlMatcher(pattern: string): Matcher {
  const re = toRegExp(pattern);
  return re ? v => re.test(v) : v => v.indexOf(pattern) >= 0;
}
