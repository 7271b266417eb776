// `ui.theme` (README, Theming) on the host of consentry's root, where the banner, the preferences,
// the fallback banner and the floating button all read it.
import type { Config } from '../core/types';

/** Sets the theme's custom properties on `host`, through the CSSOM: `style-src 'self'` allows it. */
export function applyTheme(host: HTMLElement, config: Config): void {
  for (const [name, value] of Object.entries(config.ui?.theme || {}))
    if (name.startsWith('--consentry-')) host.style.setProperty(name, value);
}
