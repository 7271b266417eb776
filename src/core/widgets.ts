// The two pieces of UI the loader draws itself, in plain DOM (README, "The banner and the preferences"), so that a returning
// visitor never downloads the UI chunk: the floating button that reopens the preferences, and the
// placeholder shown in place of a gated iframe. Each lives in a shadow root, styled by a
// constructable stylesheet (allowed under `style-src 'self'`), out of reach of the host page's CSS.
// Kept terse on purpose: every byte here is in the loader.

import { ROOT_ID } from './constants';

// Contrast: #fff on #1d4ed8 is 6.7:1, #1f2328 on #f6f8fa 15:1, the #b45309 focus ring 3:1 or more
// against both.
const CSS =
  ':host{all:initial;display:inline-block!important;font:15px/1.4 var(--consentry-font,system-ui,sans-serif);color:#1f2328}' +
  // The root host is a <div> in the page: a page rule such as `div{opacity:.5!important}` must not
  // reach it, and an !important in :host beats the page's own !important.
  ':host(div){all:initial!important}' +
  'button{all:unset;min-height:44px;padding:0 18px;border-radius:8px;cursor:pointer;font-weight:600;' +
  'background:var(--consentry-accent,#1d4ed8);color:var(--consentry-accent-fg,#fff)}' +
  'button:focus-visible{outline:3px solid #b45309;outline-offset:2px}' +
  '.fab{position:fixed;z-index:2147483000;bottom:16px;left:16px;width:44px;padding:0;border-radius:50%;text-align:center}' +
  'div{display:grid;place-content:center;justify-items:center;gap:12px;height:100%;padding:16px;box-sizing:border-box;' +
  'background:#f6f8fa;border:1px solid #8c959f;text-align:center}';

let sheet: CSSStyleSheet | undefined;

/** Attaches an open shadow root styled with the widgets' sheet. */
export function shadowOf(host: HTMLElement): ShadowRoot {
  if (host.shadowRoot) return host.shadowRoot;
  const shadow = host.attachShadow({ mode: 'open' });
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
  shadow.adoptedStyleSheets = [sheet];
  return shadow;
}

let rootHost: HTMLElement | null = null;
/** Forgets the root (tests, which build several instances in one document). */
export const resetRoot = (): void => void (rootHost = null);
/**
 * The single host element of consentry's UI, `<div id="consentry-root">` at the end of <body>; put
 * back when a single-page app has replaced the body (the banner and its state live in it).
 */
export function uiRoot(): ShadowRoot {
  rootHost ||= document.getElementById(ROOT_ID) || make('div', { id: ROOT_ID });
  if (!rootHost.isConnected) document.body.appendChild(rootHost);
  return shadowOf(rootHost);
}

/** Runs `fn` once <body> exists. */
export function whenBody(fn: () => void): void {
  if (document.body) fn();
  // DOMContentLoaded fires once: no need to unsubscribe.
  else document.addEventListener('DOMContentLoaded', fn);
}

const make = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K] =>
  Object.assign(document.createElement(tag), props);

/** Shows or hides the floating button that reopens the preferences. */
export function floatingButton(show: boolean, label: string, open: () => void): void {
  whenBody(() => {
    const root = uiRoot();
    let fab = root.querySelector('.fab') as HTMLElement | null;
    if (!fab && show) root.prepend((fab = make('button', { className: 'fab', title: label, ariaLabel: label, onclick: open, textContent: '⚙' })));
    if (fab) fab.hidden = !show;
  });
}

// The placeholder's host, kept on its iframe. Not `_`-prefixed: the UI chunk reads it too (relabel),
// and `_` properties are mangled by each bundle on its own (reserved name, see README "Development").
type Framed = HTMLElement & { consentryPh?: HTMLElement };

/**
 * Puts a placeholder of the iframe's size (its width/height attributes and classes) in its place,
 * with a button that grants its categories. The iframe is hidden by an inline `!important` set
 * through CSSOM (which CSP allows), so no page stylesheet can show it.
 */
export function placeholder(frame: Framed, text: string, action: string, grant: () => void): void {
  if (frame.consentryPh || !frame.parentNode) return;
  const host = make('span', { className: frame.className });
  // Inline !important: no page rule can resize it. (`display` is in :host, where an !important
  // declaration beats the page's own !important: the inner context wins for important rules.)
  host.style.cssText = 'width:' + size(frame, 'width', '300') + '!important;height:' + size(frame, 'height', '150') + '!important';
  // Several placeholders on a page stay distinguishable: the button names the content.
  const button = make('button', { textContent: action, onclick: grant, ariaLabel: frame.title ? action + ': ' + frame.title : null });
  const box = make('div', {});
  box.append(make('p', { textContent: text }), button);
  shadowOf(host).append(box);
  frame.style.setProperty('display', 'none', 'important');
  frame.before((frame.consentryPh = host));
}

const size = (el: Element, dim: string, fallback: string): string => {
  const v = el.getAttribute(dim) || fallback;
  return /^\d+$/.test(v) ? v + 'px' : v;
};

/** Removes a placeholder once its iframe is activated. */
export function unplaceholder(frame: Framed): void {
  if (!frame.consentryPh) return;
  frame.consentryPh.remove();
  frame.style.removeProperty('display');
  delete frame.consentryPh;
}

/**
 * Puts texts in the visitor's language on what the loader already drew (the UI chunk calls this
 * once it knows the language; later pages read the same texts from localStorage).
 */
export function relabel(t: (key: 'placeholder.text' | 'placeholder.load' | 'fab.label') => string, root: ShadowRoot, dir: string): void {
  const fab = root.querySelector<HTMLElement>('.fab');
  if (fab) fab.title = fab.ariaLabel = t('fab.label');
  document.querySelectorAll<Framed>('iframe').forEach(frame => {
    const shadow = frame.consentryPh?.shadowRoot;
    const p = shadow?.querySelector('p');
    const button = shadow?.querySelector('button');
    if (!p || !button) return;
    frame.consentryPh!.dir = dir;
    p.textContent = t('placeholder.text');
    button.textContent = t('placeholder.load');
    if (frame.title) button.ariaLabel = t('placeholder.load') + ': ' + frame.title;
  });
}
