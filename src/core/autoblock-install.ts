// Starts automatic blocking for a configuration whose services list `blocks` (see autoblock.ts for
// the mechanism and its limits; README, "Automatic blocking").

import { interceptInsertions, releaseImages } from './autoblock';
import { urlMatcher } from './patterns';
import type { Config } from './types';

/** Every service's `blocks` pattern, with its category. */
export function blockList(config: Config): { match: (url: string) => boolean; category: string }[] {
  return Object.entries(config.categories).flatMap(([category, c]) =>
    (c?.services || []).flatMap(s => (s?.blocks || []).map(p => ({ match: urlMatcher(String(p)), category }))),
  );
}

/**
 * Holds every element whose URL a service's `blocks` names until its category is granted.
 * @param granted whether a category is granted now (undecided and not yet validated count as not)
 * @returns `hold`, for the gate to call on every element added to the document before it looks at
 *   it (one MutationObserver for both: a held element is inert by the time the gate sees it), and
 *   `release`, which sends the held image beacons once granted (call after each decision); nothing
 *   when no service lists `blocks`
 */
export function installAutoblock(
  config: Config,
  granted: (category: string) => boolean,
): { hold(node: Node): void; release(): void } | undefined {
  const list = blockList(config);
  if (!list.length) return;
  return {
    hold: interceptInsertions({ categoryOf: url => list.find(b => b.match(url) && !granted(b.category))?.category }),
    release: () => releaseImages(granted),
  };
}
