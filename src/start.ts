// The loader's start-up, shared by dist/consentry.js (loader.ts) and dist/consentry-plus.js
// (loader-plus.ts): find the configuration (inline JSON or data-config) and boot the instance.
// Framework-free; it reaches the UI only through a dynamic import of the chunk next to it.

import { CONFIG_ELEMENT_ID } from './core/constants';
import { boot } from './core/boot';
import { report, safe } from './core/guard';

type Flagged = Window & { consentryLoader?: true };

/** Boots consentry from the current <script>: its data-config, or the inline configuration. */
export const start = (): void =>
  safe(() => {
  const w = window as Flagged;
  // Reserved global: the loader included twice must leave one instance, even while a remote
  // configuration is still on its way.
  if (w.consentryLoader) return report('loaded twice: first copy kept', 'warn');
  w.consentryLoader = true;
  const script = document.currentScript as HTMLScriptElement | null;
  const base = new URL('./', script?.src || location.href).href;
  const debug = __PLUS__ && !!script?.hasAttribute('data-debug');
  const remote = script?.getAttribute('data-config');
  if (remote) {
    // Same-origin credentials are fetch's default: a configuration behind the site's login works.
    // Async, so that a page without a working fetch (or Promise) still gets its instance, denied.
    (async () => {
      const r = await fetch(remote);
      if (!r.ok) throw Error('HTTP ' + r.status);
      return r.json();
    })().then(
        config => boot(config, { base, debug }),
        e => {
          report('configuration not fetched: ' + (e as Error).message);
          boot(null, { base, debug });
        },
      );
    return;
  }
  const el = document.getElementById(CONFIG_ELEMENT_ID);
  let config: unknown = null;
  if (!el) report('no #' + CONFIG_ELEMENT_ID);
  else
    try {
      config = JSON.parse(el.textContent || '');
    } catch (e) {
      report('configuration is not JSON: ' + (e as Error).message);
    }
  boot(config, { base, debug });
});
