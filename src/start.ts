// The loader's start-up (dist/consentry.js, loader.ts): find the configuration (inline JSON or
// data-config) and boot the instance.
// Framework-free; it reaches the UI only through a dynamic import of the chunk next to it.

import { CONFIG_ELEMENT_ID } from './core/constants';
import { boot } from './core/boot';
import { report, safe } from './core/guard';

/** Boots consentry from the current <script>: its data-config, or the inline configuration. */
export const start = (): void =>
  safe(() => {
  // Included twice, the loader leaves one instance: boot() keeps the first that is ready (with a
  // remote configuration, the first whose configuration arrived).
  const script = document.currentScript as HTMLScriptElement | null;
  const base = new URL('./', script?.src || location.href).href;
  const env = { base, debug: !!script?.hasAttribute('data-debug') };
  const remote = script?.getAttribute('data-config');
  if (remote) {
    // Same-origin credentials are fetch's default: a configuration behind the site's login works.
    // Async, so that a page without a working fetch (or Promise) still gets its instance, denied.
    (async () => {
      const r = await fetch(remote);
      if (!r.ok) throw Error('HTTP ' + r.status);
      return r.json();
    })().then(
        config => boot(config, env),
        e => {
          report('configuration not fetched: ' + (e as Error).message);
          boot(null, env);
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
  boot(config, env);
});
