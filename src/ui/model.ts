// The UI's state as signals (@preact/signals-core): the view that is up, the consent state as the
// instance reports it, the preferences' draft and the last status message. The whole tree renders
// inside one effect (mount.tsx), so whatever a render reads, it follows. Commands go to the API;
// nothing here decides anything (README, "Development").

import { signal, type Signal } from '@preact/signals-core';
import type { UiContext } from '../core/consentry';
import type { Choices, ConsentState } from '../core/types';
import { LANGUAGE_KEY, loadTexts, type Texts } from '../core/i18n';
import { LOADER_TEXTS_KEY } from '../core/constants';
import en from '../locales/en.json';
import { relabel } from '../core/widgets';
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
  go(view: View): Promise<void> | void;
  /** The preferences component, once its chunk has arrived. */
  prefs: Signal<typeof import('./Preferences').Preferences | null>;
  /** The language shown; changing it re-renders. */
  language: Signal<string>;
  /** Switches to another language (the visitor's pick, remembered), fetching its pack. */
  setLanguage(code: string): Promise<void>;
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
export function createModel(ctx: UiContext, root: ParentNode, shown: { lang: string; pack: Texts }): Model {
  // What had focus when the preferences opened; it gets focus back when they close (A11Y-5).
  let opener: HTMLElement | null = null;
  const m: Model = {
    ...createI18n(ctx.config.source, shown.lang, shown.pack),
    language: signal(shown.lang),
    async setLanguage(code) {
      try {
        localStorage[LANGUAGE_KEY] = code;
      } catch {
        // storage blocked: the pick holds for this page
      }
      use(await loadTexts(ctx.config.source, ctx.base));
    },
    ctx,
    view: signal<View>('none'),
    state: signal(ctx.api.state),
    draft: signal({}),
    status: signal(''),
    back: 'none',
    prefs: signal(null),
    go(view) {
      const was = m.view.value;
      if (view === was) return;
      // The preferences come in their own chunk, with their own stylesheet, on first use.
      if (view === 'preferences' && !m.prefs.value)
        return import('./Preferences').then(mod => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(mod.PREFS_CSS);
          const shadow = root as ShadowRoot;
          shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
          m.prefs.value = mod.Preferences;
          return m.go(view);
        });
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
      // A11Y-7 (focus not obscured): while a bar or a box covers the bottom of the page, the page
      // scrolls focused elements clear of it, and our host (last in <body>) takes the bar's height so
      // that even the last links can scroll clear. Below all content: nothing moves (CLS 0). CSSOM,
      // so `style-src 'self'` allows it.
      // Measured at the next frame, when the browser lays out anyway: read at once, the height would
      // force a layout inside the task that draws the banner (a long task on a slow phone).
      requestAnimationFrame(() => {
        const card = root.querySelector<HTMLElement>('section:not([hidden])');
        const space = card ? card.offsetHeight + 'px' : '';
        document.documentElement.style.scrollPaddingBottom = space;
        ((root as ShadowRoot).host as HTMLElement).style.setProperty('--consentry-space', space || '0px');
      });
      ctx.notify(view === 'none' ? 'hide' : 'show');
    },
  };
  /** Takes a language: lookups, the root's lang and dir, the loader's texts (here and for later pages). */
  const use = ({ lang, pack }: { lang: string; pack: Texts }): void => {
    Object.assign(m, createI18n(ctx.config.source, lang, pack));
    // What a decision's receipt will prove was shown.
    ctx.showing({ lang, pack, en });
    for (const el of [ctx.root.host, (root as ShadowRoot).host]) if (el) (el as HTMLElement).lang = m.lang, (el as HTMLElement).dir = m.rtl ? 'rtl' : 'ltr';
    const t = m.t;
    relabel(t, ctx.root, m.rtl ? 'rtl' : 'ltr');
    try {
      localStorage[LOADER_TEXTS_KEY] = JSON.stringify({ 'placeholder.text': t('placeholder.text'), 'placeholder.load': t('placeholder.load'), 'fab.label': t('fab.label') });
    } catch {
      // storage blocked: later pages draw them in English
    }
    m.language.value = m.lang;
  };
  use(shown);
  ctx.api.on('change', s => {
    m.state.value = s;
    m.status.value = m.t('prefs.saved');
  });
  return m;
}
