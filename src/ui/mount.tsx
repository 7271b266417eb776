// dist/consentry-ui.js: the banner and the preferences (contract §9, issue 3). The loader imports this
// chunk only when something must be shown; it carries the lazy core too, so that a first-time
// visitor fetches one file.
import { effect } from '@preact/signals-core';
import { render } from 'preact';
import type { UiContext, UiHandle } from '../core/consentry';
import { Banner } from './Banner';
import { createModel, type Model } from './model';
import { Preferences } from './Preferences';
import css from './styles.css?raw';
export * from '../core/lazy';

function App({ m }: { m: Model }) {
  const view = m.view.value;
  return (
    <>
      {/* The banner stays, hidden, under the preferences it opened: its "customize" gets focus back. */}
      {(view === 'banner' || (view === 'preferences' && m.back === 'banner')) && (
        <Banner m={m} hidden={view !== 'banner'} />
      )}
      {view === 'preferences' && <Preferences m={m} />}
      <p role="status" class="sr">
        {m.status.value}
      </p>
    </>
  );
}

/** The shadow root of `<div id="consentry-root">`: the loader's (its floating button lives there too), else our own. */
const rootOf = ({ root }: Partial<UiContext>): ShadowRoot => {
  if (root) return root;
  let host = document.getElementById('consentry-root'); // ROOT_ID: the UI imports only types from the core
  if (!host) {
    const el = (host = document.createElement('div'));
    el.id = 'consentry-root';
    const attach = () => document.body.append(el);
    if (document.body) attach();
    else document.addEventListener('DOMContentLoaded', attach);
  }
  return host.shadowRoot || host.attachShadow({ mode: 'open' });
};

/**
 * Draws the UI inside the open shadow root of `<div id="consentry-root">`, at the end of `<body>`.
 * It renders in a shadow root of its own, nested there, so that neither the page's CSS nor the
 * loader's stylesheet (whose `div` and `button` rules style its own widgets) can reach it.
 * @param ctx the instance's API and the read-only facts the UI draws
 * @returns what the instance calls to show and hide it
 */
export function mount(ctx: UiContext): UiHandle {
  const outer = rootOf(ctx);
  const host = outer.host as HTMLElement;
  const box = document.createElement('consentry-ui');
  const shadow = box.attachShadow({ mode: 'open' });
  const m = createModel(ctx, shadow);
  const sheet = new CSSStyleSheet();
  // A constructed stylesheet passes `style-src 'self'`, where a <style> element would not.
  sheet.replaceSync(css);
  shadow.adoptedStyleSheets = [sheet];
  // On the host for the page's tree (the floating button too); again on ours (A11Y-12).
  for (const el of [host, box]) (el.lang = m.lang), (el.dir = m.rtl ? 'rtl' : 'ltr');
  // The CSSOM is not an inline style attribute: `style-src 'self'` allows it.
  for (const [name, value] of Object.entries(ctx.config.source.ui?.theme || {}))
    if (name.startsWith('--consentry-')) host.style.setProperty(name, value);
  outer.append(box);
  // Renders again, at once, whenever a signal the last render read changes.
  effect(() => render(<App m={m} />, shadow));
  return { show: view => m.go(view), hide: () => m.go('none') };
}
