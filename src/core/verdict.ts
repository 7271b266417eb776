// The loader's question, "is this configuration valid?", answered in the lazily loaded chunks so
// that the loader stays small.

import { CONFIG_ELEMENT_ID, VALID_MARK_KEY } from './constants';
import { report } from './guard';
import { formatErrors, validateConfig } from './validate';

/**
 * Validates the configuration for the loader. An invalid one is reported, every bad field with its
 * path; a valid one is remembered under `mark` (a hash of the SDK version and the configuration,
 * NaN when there is none), so that later pages need not fetch the validator.
 * @returns whether the configuration is valid
 */
export function checkConfig(input: unknown, mark: string | number): boolean {
  const errors = validateConfig(input);
  if (errors.length) return report(formatErrors(errors)), false;
  try {
    localStorage[VALID_MARK_KEY] = mark;
  } catch {
    // storage blocked: the next page validates again
  }
  return true;
}

/** Whether the page's JSON.parse still parses JSON: a script may have replaced it (issue 9). */
const parses = (): boolean => {
  try {
    return JSON.parse('[0]')[0] === 0;
  } catch {
    return false;
  }
};

/**
 * checkConfig, for the core chunk: the one the loader fetches when it has no configuration. When
 * the inline configuration came to nothing because the page broke JSON.parse, not because it is
 * wrong, it says so rather than list `(root)` as missing. (Kept out of the UI chunk, whose budget
 * has no room for it, and which is never fetched without a configuration.)
 */
export function checkConfigOrParser(input: unknown, mark: string | number): boolean {
  if (input == null && document.getElementById(CONFIG_ELEMENT_ID) && !parses())
    return report('JSON.parse does not work on this page (replaced by another script?): the configuration cannot be read, every optional category is refused'), false;
  return checkConfig(input, mark);
}
