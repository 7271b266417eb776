// dist/consentry-core.js: the lazy core (core/lazy-chunk.ts), the audit, and the way to the plain-DOM
// banner the loader mounts when the UI chunk cannot be loaded (ui/fallback.ts, its own chunk).
export { checkConfigOrParser as checkConfig, decide } from './core/lazy-chunk';
export { audit, printAudit } from './core/audit';
import type { UiContext, UiHandle } from './core/consentry';

/** The UI chunk's `mount`, for the fallback banner: it is fetched on the first call. */
export function mount(ctx: UiContext): UiHandle {
  const ui = import('./ui/fallback').then(m => m.mount(ctx));
  return { show: view => ui.then(h => h.show(view)), hide: () => ui.then(h => h.hide()) };
}
