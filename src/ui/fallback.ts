// The banner of last resort, in plain DOM, for when dist/consentry-ui.js cannot be loaded (blocked by
// a filter list, a failed deploy, a flaky network). It ships in dist/consentry-core.js, which the
// loader fetches instead, so a visitor is still asked rather than silently refused. It keeps what
// the visitor is owed: refusing exactly as easy as accepting, a choice per category with no box
// ticked in advance, the policy link, texts in their language when its pack loads (else English).
// It gives up the rest: layouts, the dialog and its focus handling, services, the language picker.

import type { UiContext, UiHandle } from '../core/consentry';
import { isRtl, loadTexts, pick, textsFor } from '../core/i18n';
import en from '../locales/en.json';
import css from './fallback.css?raw';
import { safeUrl } from './safe-url';

const el = <E extends HTMLElement>(tag: string, props: Partial<E> = {}, ...kids: (Node | string)[]): E => {
  const e = Object.assign(document.createElement(tag) as E, props);
  e.append(...kids);
  return e;
};

/**
 * Draws the fallback banner in the UI root, with the same contract as the UI chunk's `mount`.
 * @example mount(ctx).show('banner')
 */
export function mount(ctx: UiContext): UiHandle {
  const { api, config } = ctx;
  const box = document.createElement('consentry-ui');
  const shadow = box.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  shadow.adoptedStyleSheets = [sheet];
  // Its stylesheet reads the theme too (README, Theming), set as the UI chunk sets it (mount.tsx).
  for (const [name, value] of Object.entries(config.source.ui?.theme || {}))
    if (name.startsWith('--consentry-')) (ctx.root.host as HTMLElement).style.setProperty(name, value);
  ctx.root.append(box);
  // The optional categories' boxes: required ones are shown ticked and disabled.
  const boxes = new Map<string, HTMLInputElement>();

  const ready = loadTexts(config.source, ctx.base).then(({ lang, pack }) => {
    // What a decision's receipt will prove was shown.
    ctx.showing({ lang, pack, en });
    const texts = textsFor(config.source, lang, en, pack);
    const t = (key: string): string => texts[key] || key;
    const url = safeUrl(config.source.privacyPolicyUrl);
    const categories = config.categories.map(c => {
      const source = config.source.categories[c.key]!;
      const check = el<HTMLInputElement>('input', { type: 'checkbox', checked: c.required, disabled: c.required });
      if (!c.required) boxes.set(c.key, check);
      const title = pick(source.title, 'category.' + c.key + '.title', lang, texts);
      return [
        el('label', {}, check, title + (c.required ? ' (' + t('prefs.alwaysOn') + ')' : '')),
        el('p', { textContent: pick(source.description, 'category.' + c.key + '.description', lang, texts) }),
      ];
    });
    const button = (key: string, onclick: () => void) => el<HTMLButtonElement>('button', { textContent: t(key), onclick });
    const section = el(
      'section',
      { hidden: true, lang, dir: isRtl(lang) ? 'rtl' : 'ltr' },
      el('h2', { id: 'ct', textContent: t('banner.title') }),
      el('p', {}, t('banner.description') + ' ', ...(url ? [el<HTMLAnchorElement>('a', { href: url, textContent: t('banner.policy') })] : [])),
      ...categories.flat(),
      el(
        'div',
        {},
        button('banner.acceptAll', () => api.acceptAll()),
        button('banner.rejectAll', () => api.rejectAll()),
        button('prefs.save', () => api.set(Object.fromEntries([...boxes].map(([key, check]) => [key, check.checked])))),
      ),
    );
    section.setAttribute('aria-labelledby', 'ct');
    shadow.append(section);
    return section;
  });

  return {
    show: () =>
      ready.then(s => {
        // The boxes show the decision in force (none ticked before the first one).
        const { choices } = api.state;
        boxes.forEach((check, key) => (check.checked = !!choices[key]));
        s.hidden = false;
        ctx.notify('show');
      }),
    hide: () =>
      ready.then(s => {
        if (s.hidden) return;
        s.hidden = true;
        ctx.notify('hide');
      }),
  };
}
