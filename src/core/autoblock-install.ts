// Starts automatic blocking for a configuration whose services list `blocks` (see autoblock.ts for
// the mechanism and its limits; README, "Automatic blocking").

import { hold, interceptInsertions, releaseImages, type Blocker } from './autoblock';
import { safe } from './guard';
import { urlMatcher } from './patterns';
import type { Config } from './types';

const SELECTOR = 'script,iframe,img,embed,link';

/** Every service's `blocks` pattern, with its category. */
export function blockList(config: Config): { match: (url: string) => boolean; category: string }[] {
  return Object.entries(config.categories).flatMap(([category, c]) =>
    (c?.services || []).flatMap(s => (s?.blocks || []).map(p => ({ match: urlMatcher(String(p)), category }))),
  );
}

/**
 * Holds every element whose URL a service's `blocks` names until its category is granted. Must run
 * before the gate starts: MutationObserver callbacks run in the order the observers were created,
 * and a held element must already be inert when the gate's observer sees it.
 * @param granted whether a category is granted now (undecided and not yet validated count as not)
 * @returns what sends the held image beacons once their category is granted (call after each
 *   decision), or nothing when no service lists `blocks`
 */
export function installAutoblock(config: Config, granted: (category: string) => boolean): (() => void) | undefined {
  const list = blockList(config);
  if (!list.length) return;
  const blocker: Blocker = { categoryOf: url => list.find(b => b.match(url) && !granted(b.category))?.category };
  new MutationObserver(records =>
    safe(() =>
      records.forEach(r =>
        r.addedNodes.forEach(n => {
          if (n instanceof Element) [n, ...n.querySelectorAll(SELECTOR)].forEach(e => hold(e, blocker));
        }),
      ),
    ),
  ).observe(document.documentElement, { childList: true, subtree: true });
  interceptInsertions(blocker);
  return () => releaseImages(granted);
}
