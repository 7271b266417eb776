// Starts automatic blocking from the inline configuration (see autoblock.ts for the mechanism).

import { hold, interceptInsertions, releaseImages, type Blocker } from './autoblock';
import { CONFIG_ELEMENT_ID } from './constants';
import { safe } from './guard';
import { urlMatcher } from './patterns';
import type { Config } from './types';

const SELECTOR = 'script,iframe,img,embed,link';
type Host = Window & { consentry?: { get(category: string): boolean | undefined } };

/** Every service's `blocks` pattern, with its category. */
export function blockList(config: Config): { match: (url: string) => boolean; category: string }[] {
  return Object.entries(config?.categories || {}).flatMap(([category, c]) =>
    (c?.services || []).flatMap(s => (s?.blocks || []).map(p => ({ match: urlMatcher(String(p)), category }))),
  );
}

/**
 * Reads the inline configuration and, when services list `blocks`, holds matching elements until
 * their category is granted. A remote configuration (data-config) comes too late for the HTML that
 * follows the loader: automatic blocking needs the inline one.
 */
export function installAutoblock(): void {
  safe(() => {
    const el = document.getElementById(CONFIG_ELEMENT_ID);
    if (!el) return;
    let config: Config;
    try {
      config = JSON.parse(el.textContent || '');
    } catch {
      return; // the loader reports it, and refuses everything
    }
    const list = blockList(config);
    if (!list.length) return;
    const blocker: Blocker = {
      // Held unless granted: undecided, refused and not yet validated all count as "not granted".
      categoryOf: url => list.find(b => b.match(url) && (window as Host).consentry?.get(b.category) !== true)?.category,
    };
    new MutationObserver(records =>
      safe(() =>
        records.forEach(r =>
          r.addedNodes.forEach(n => {
            if (n instanceof Element) {
              hold(n, blocker);
              if (n.firstElementChild) n.querySelectorAll(SELECTOR).forEach(e => hold(e, blocker));
            }
          }),
        ),
      ),
    ).observe(document.documentElement, { childList: true, subtree: true });
    interceptInsertions(blocker);
    // An image beacon that was never inserted (`new Image().src = …`) is sent once granted.
    document.addEventListener('consentry:change', () =>
      safe(() => releaseImages(c => (window as Host).consentry?.get(c) === true)),
    );
  });
}
