// dist/consentry-ui.js. Placeholder until the banner UI lands (issue 3): it carries the lazy core so
// a first-time visitor fetches one file, and shows nothing yet.
import type { UiContext, UiHandle } from '../core/consentry';
export * from '../core/lazy';

export function mount(ctx: UiContext): UiHandle {
  return {
    show: () => ctx.notify('show'),
    hide: () => ctx.notify('hide'),
  };
}
