// dist/consentry-core.js: the lazy core (core/lazy-chunk.ts), the audit, and the way to the plain-DOM
// banner the loader mounts when the UI chunk cannot be loaded (ui/fallback.ts, its own chunk).
import { chunkCheck } from './core/lazy-chunk';
import { TEXT_KEYS } from './core/constants';
import { orParser } from './core/verdict';
export { decide } from './core/lazy-chunk';

/**
 * The lazy core's validator (core/lazy-chunk.ts), told the text keys by their list: the English pack
 * is only in the fallback banner's chunk, and stays there. Says so when the page broke JSON.parse
 * (core/verdict.ts `orParser`).
 */
export const checkConfig = orParser(chunkCheck(k => TEXT_KEYS.indexOf(' ' + k + ' ') >= 0));
export { audit, printAudit } from './core/audit';
import type { UiContext, UiHandle } from './core/consentry';

/** The UI chunk's `mount`, for the fallback banner: it is fetched on the first call. */
export function mount(ctx: UiContext): UiHandle {
  const ui = import('./ui/fallback').then(m => m.mount(ctx));
  return { show: view => ui.then(h => h.show(view)), hide: () => ui.then(h => h.hide()) };
}
