// The one way an instance comes to be, shared by the loader and `init`: at most one per page.

import { createConsentry, type Environment } from './consentry';
import { report } from './guard';
import type { Consentry } from './types';

type Host = Window & { consentry?: Consentry };

/**
 * Creates the page's instance and publishes it as `window.consentry`; a second call returns the first.
 */
export function boot(config: unknown, env: Environment): Consentry {
  const w = window as Host;
  if (w.consentry && typeof w.consentry.get === 'function') {
    report('loaded twice: first copy kept', 'warn');
    return w.consentry;
  }
  return (w.consentry = createConsentry(config, env));
}
