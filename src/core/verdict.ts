// The loader's question, "is this configuration valid?", answered in the lazily loaded chunks so
// that the loader stays small. How an invalid one is reported is the caller's: at once, with the
// words bundled (lazy.ts: the package for bundlers, the tests), or once the words have been fetched
// (lazy-chunk.ts: consentry-ui.js and consentry-core.js).

import { check, type Issue, type TextKeys } from './check';
import { CONFIG_ELEMENT_ID, VALID_MARK_KEY } from './constants';
import { report } from './guard';
import type { Config, Consentry } from './types';

/**
 * `late`: the configuration arrived after the page's HTML (check.ts `check`). The loader does not
 * say; a configuration it fetched is one its script tag names in `data-config`. (Its remembered
 * mark does not say either: a browser that validated a configuration inline takes the very same
 * one, moved to data-config, as valid until it changes. Saying so would cost loader bytes.)
 */
export type CheckConfig = (input: unknown, mark: string | number, late?: boolean) => boolean;

/**
 * Validates the configuration for the loader. An invalid one is handed to `say`, every bad field
 * with its path; a valid one is remembered under `mark` (a hash of the SDK version and the
 * configuration, NaN when there is none), so that later pages need not fetch the validator.
 * @param textKeys the English pack's keys (check.ts `TextKeys`)
 * @returns the check: whether the configuration is valid
 */
export const judge =
  (say: (issues: Issue[]) => void, textKeys: TextKeys): CheckConfig =>
  (input, mark, late = !!document.querySelector('script[data-config]')) => {
    const issues = check(input, textKeys, late);
    if (issues.length) return say(issues), false;
    // `debug: true`, the debug report: the audit printed on load and after each decision (the core
    // chunk's audit() prints it). Not remembered as valid, so that every page validates, and reports.
    if ((input as Config).debug)
      // The instance is published once created (core/boot.ts); an instance made otherwise has none.
      setTimeout(() => {
        const api = (window as { consentry?: Consentry }).consentry;
        const print = (): unknown => api!.audit();
        try {
          api!.on('change', print), print();
        } catch {
          // no instance published (createConsentry without boot), or a page put something else there
        }
      });
    else
      try {
        localStorage[VALID_MARK_KEY] = mark;
      } catch {
        // storage blocked: the next page validates again
      }
    return true;
  };

/** Whether the page's JSON.parse still parses JSON: a script may have replaced it (README, "Browser support"). */
const parses = (): boolean => {
  try {
    return JSON.parse('[0]')[0] === 0;
  } catch {
    return false;
  }
};

/**
 * A check for the core chunk: the one the loader fetches when it has no configuration. When the
 * inline configuration came to nothing because the page broke JSON.parse, not because it is wrong,
 * it says so rather than list `(root)` as missing. (Kept out of the UI chunk, whose budget has no
 * room for it, and which is never fetched without a configuration.)
 */
export const orParser =
  (checkConfig: CheckConfig): CheckConfig =>
  (input, mark, late) => {
    if (input == null && document.getElementById(CONFIG_ELEMENT_ID) && !parses())
      return report('JSON.parse does not work on this page (replaced by another script?): the configuration cannot be read, every optional category is refused'), false;
    return checkConfig(input, mark, late);
  };
