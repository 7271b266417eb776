// The UI's state as signals (@preact/signals-core): the view that is up, the consent state as the
// instance reports it, the preferences' draft and the last status message. The whole tree renders
// inside one effect (mount.tsx), so whatever a render reads, it follows. Commands go to the API;
// nothing here decides anything (STYLE §1).

import { signal, type Signal } from '@preact/signals-core';
import type { UiContext } from '../core/consentry';
import type { Choices, ConsentState } from '../core/types';
import { createI18n, type I18n } from './i18n';

export type View = 'none' | 'banner' | 'preferences';

export interface Model extends I18n {
  ctx: UiContext;
  view: Signal<View>;
  state: Signal<ConsentState>;
  /** The preferences' switches: nothing is decided until a button is pressed (A11Y-13). */
  draft: Signal<Choices>;
  /** Announced politely (A11Y-10), from a live region that is always in the tree. */
  status: Signal<string>;
  /** The view under the preferences: closing them goes back to it. */
  back: View;
  /** Shows a view (`none` hides), moves focus as the APG dialog pattern says, tells the instance. */
  go(view: View): void;
}

/** The focused element, looked for inside open shadow roots too (ours included). */
const focused = (): HTMLElement | null => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
};

/**
 * Creates the signals of one mounted UI and subscribes them to the instance.
 * @param root where the UI renders (focus is moved within it)
 */
export function createModel(ctx: UiContext, root: ParentNode): Model {
  // What had focus when the preferences opened; it gets focus back when they close (A11Y-5).
  let opener: HTMLElement | null = null;
  const m: Model = {
    ...createI18n(ctx.config.source),
    ctx,
    view: signal<View>('none'),
    state: signal(ctx.api.state),
    draft: signal({}),
    status: signal(''),
    back: 'none',
    go(view) {
      const was = m.view.value;
      if (view === was) return;
      if (view === 'preferences') {
        m.back = was;
        opener = focused();
        // First open: required categories on, every other one off (no pre-ticked box); later, the decision.
        m.draft.value = { ...m.state.value.choices };
      }
      // Emptied when something shows, so that the same message is announced again after it; kept
      // when the UI hides after a decision, which is when it has just been said.
      if (view !== 'none') m.status.value = '';
      m.view.value = view; // renders at once (the effect in mount.tsx)
      // A dialog takes focus at its heading; a bar or a box never takes it (A11Y-4, A11Y-5).
      if (was === 'preferences') opener?.focus();
      else root.querySelector<HTMLElement>(':not([hidden])>[aria-modal] h2')?.focus();
      ctx.notify(view === 'none' ? 'hide' : 'show');
    },
  };
  ctx.api.on('change', s => {
    m.state.value = s;
    m.status.value = m.t('prefs.saved');
  });
  return m;
}
