// The loader's question, "is this configuration valid?", answered in the lazily loaded chunks so
// that the loader stays small.

import { VALID_MARK_KEY } from './constants';
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

