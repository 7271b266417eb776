// Mounts the UI chunk against a real SDK instance (happy-dom), and finds things in its shadow root
// the way a visitor or a screen reader would: by role, by text, by accessible name.
import { vi } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { createConsentry, type UiContext } from '../../src/core/consentry';
import * as lazy from '../../src/core/lazy';
import type { Config } from '../../src/core/types';
import { mount } from '../../src/ui/mount';
import { resetRoot, uiRoot } from '../../src/core/widgets';
import { existsSync, readFileSync } from 'node:fs';

// The language packs as a server would send them: from src/locales/, or 404.
vi.stubGlobal('fetch', async (url: string) => {
  const code = /\/i18n\/([\w-]+)\.json$/.exec(String(url))?.[1];
  const file = 'src/locales/' + code + '.json';
  return code && existsSync(file)
    ? new Response(readFileSync(file, 'utf8'), { status: 200, headers: { 'content-type': 'application/json' } })
    : new Response('not found', { status: 404 });
});

/** Lets a click's consequences land: the preferences chunk and language packs arrive asynchronously. */
export const settle = () => new Promise(r => setTimeout(r, 20));

export const CONFIG: Config = {
  revision: 1,
  privacyPolicyUrl: '/privacy',
  categories: {
    necessary: { required: true },
    analytics: {
      cookies: ['_ga'],
      services: [
        {
          name: 'Analytics',
          provider: 'Example Inc.',
          purpose: 'Audience measurement',
          cookies: [{ name: '_ga', duration: '13 months' }],
        },
      ],
    },
    marketing: { optOutOnGPC: true },
  },
};

/**
 * A real instance (its own banner never loads: `load` never settles) and the UI mounted on it
 * directly, as the loader would.
 */
export function setup(config: Config = CONFIG, options: { gpc?: boolean; root?: ShadowRoot } = {}) {
  resetRoot(); // each test has a fresh page: no root of an earlier test's instance
  const api = createConsentry(config, { base: '/x/', lazy, load: () => new Promise(() => {}) });
  const notify = vi.fn();
  const ctx = { api, config: resolveConfig(config), gpc: !!options.gpc, base: '/x/', notify, showing: vi.fn(), root: options.root || uiRoot() };
  const ui = mount(ctx as UiContext);
  const host = document.getElementById('consentry-root')!;
  // The UI's own shadow root, nested in #consentry-root's (see mount.tsx).
  const shadow = host.shadowRoot!.querySelector('consentry-ui')!.shadowRoot!;
  const $ = <E extends Element = HTMLElement>(selector: string) => shadow.querySelector<E & Element>(selector);
  const $$ = <E extends Element = HTMLElement>(selector: string) => [...shadow.querySelectorAll<E & Element>(selector)];
  /** A button by its text or its accessible name (aria-label), among the visible ones. */
  const button = (name: string) => {
    const found = $$<HTMLButtonElement>('button').filter(
      b => !b.closest('[hidden]') && (b.textContent === name || b.getAttribute('aria-label') === name),
    );
    if (found.length !== 1) throw new Error(found.length + ' buttons named ' + name);
    return found[0]!;
  };
  const switches = () => $$<HTMLInputElement>('[role="switch"]');
  const switchOf = (label: string) => {
    const l = $$('label').find(e => e.textContent === label);
    return shadow.getElementById(l!.getAttribute('for')!) as HTMLInputElement;
  };
  const dialog = () => $('.bk:not([hidden]) [role="dialog"]');
  const key = (target: Element, k: string, shiftKey = false) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true }));
  return { api, ui, notify, host, shadow, $, $$, button, switches, switchOf, dialog, key };
}
