// dist/consentry-ui.js: the banner and the preferences (README, "The banner and the preferences"). The loader imports this chunk
// only when something must be shown; it carries the validator too, which a banner waits for. The
// decision writer is a chunk of its own (dist/consentry-decide.js), fetched once the banner shows.
import { effect } from '@preact/signals-core';
import { render } from 'preact';
import type { UiContext, UiHandle } from '../core/consentry';
import { Banner } from './Banner';
import { createModel, type Model } from './model';
import css from './styles.css?raw';
import { loadTexts } from '../core/i18n';
import { chunkCheck } from '../core/lazy-chunk';
import { inPack } from '../core/check';
import en from '../locales/en.json';

/** The lazy core's validator (core/lazy-chunk.ts), told the text keys by the English pack this chunk carries. */
export const checkConfig = chunkCheck(inPack(en));

function App({ m }: { m: Model }) {
  const view = m.view.value;
  // Read (and used: a bare read would be dropped by the minifier) so that a language switch renders again.
  const lang = m.language.value;
  return (
    <>
      {/* The banner stays, hidden, under the preferences it opened: its "customize" gets focus back. */}
      {(view === 'banner' || (view === 'preferences' && m.back === 'banner')) && (
        <Banner m={m} hidden={view !== 'banner'} />
      )}
      {view === 'preferences' && m.prefs.value && <m.prefs.value m={m} />}
      <p role="status" class="sr" lang={lang}>
        {m.status.value}
      </p>
    </>
  );
}

/**
 * Draws the UI inside the open shadow root of `<div id="consentry-root">`, at the end of `<body>`.
 * It renders in a shadow root of its own, nested there, so that neither the page's CSS nor the
 * loader's stylesheet (whose `div` and `button` rules style its own widgets) can reach it.
 * @param ctx the instance's API and the read-only facts the UI draws
 * @returns what the instance calls to show and hide it
 */
export function mount(ctx: UiContext): UiHandle {
  // The loader's root (core/widgets.ts uiRoot), where its floating button lives too.
  const outer = ctx.root;
  const host = outer.host as HTMLElement;
  const box = document.createElement('consentry-ui');
  const shadow = box.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  // A constructed stylesheet passes `style-src 'self'`, where a <style> element would not.
  sheet.replaceSync(css);
  shadow.adoptedStyleSheets = [sheet];
  // The CSSOM is not an inline style attribute: `style-src 'self'` allows it.
  for (const [name, value] of Object.entries(ctx.config.source.ui?.theme || {}))
    if (name.startsWith('--consentry-')) host.style.setProperty(name, value);
  outer.append(box);
  // Nothing is drawn before the visitor's language pack is here: no flash of English.
  const ready = loadTexts(ctx.config.source, ctx.base).then(shown => {
    const m = createModel(ctx, shadow, shown);
    // Renders again, at once, whenever a signal the last render read changes.
    effect(() => render(<App m={m} />, shadow));
    return m;
  });
  return { show: view => ready.then(m => m.go(view)), hide: () => ready.then(m => m.go('none')) };
}
