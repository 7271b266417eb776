// The first layer: equal prominence, refusal by ×, layouts, GPC, texts as text, language.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetPage } from '../_util/dom';
import { CONFIG, setup } from '../_util/ui';
import type { Config } from '../../src/core/types';

const only = (choices: Record<string, boolean>) => Object.keys(choices).filter(k => choices[k]);

beforeEach(() => {
  resetPage();
  document.documentElement.lang = '';
});
afterEach(() => resetPage());

describe('mount()', () => {
  it('should draw in open shadow roots on one #consentry-root at the end of <body>', async () => {
    const { host, shadow, ui } = setup();
    await ui.show('banner');
    expect(document.querySelectorAll('#consentry-root')).toHaveLength(1);
    expect(host.parentNode).toBe(document.body);
    expect(host.shadowRoot!.mode).toBe('open');
    expect(shadow.mode).toBe('open');
    expect(shadow.querySelector('section[aria-labelledby="bt"]')).not.toBeNull();
    // Nothing of the UI is in the light DOM.
    expect(host.children).toHaveLength(0);
  });

  it('should nest in the shadow root the loader hands it, out of reach of the loader\'s stylesheet', async () => {
    const host = document.body.appendChild(document.createElement('div'));
    host.id = 'consentry-root';
    const root = host.attachShadow({ mode: 'open' });
    const loaderSheet = new CSSStyleSheet();
    loaderSheet.replaceSync('div { background: red } button { all: unset }');
    root.adoptedStyleSheets = [loaderSheet];
    root.append(document.createElement('button'));
    const { shadow, ui } = setup(CONFIG, { root });
    await ui.show('banner');
    expect(document.querySelectorAll('#consentry-root')).toHaveLength(1);
    expect(shadow.host.parentNode).toBe(root);
    expect(root.adoptedStyleSheets).not.toContain(shadow.adoptedStyleSheets[0]);
    expect(shadow.adoptedStyleSheets).not.toContain(loaderSheet);
    expect(root.querySelectorAll('button')).toHaveLength(1);
  });

  it('should style through one adopted stylesheet and no inline style attribute', async () => {
    const { shadow, ui, $$ } = setup({ ...CONFIG, ui: { layout: 'modal' } });
    await ui.show('banner');
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    const sheet = shadow.adoptedStyleSheets[0]!;
    const css = [...sheet.cssRules].map(r => r.cssText).join('');
    expect(css).toContain(':host');
    expect(css).toContain('--consentry-accent');
    expect(shadow.querySelector('style, link')).toBeNull();
    await ui.show('preferences');
    expect($$('[style]')).toEqual([]);
  });

  it('should set ui.theme properties on the host through the CSSOM', async () => {
    const { host } = setup({ ...CONFIG, ui: { theme: { '--consentry-accent': '#8a2be2', '--consentry-radius': '0' } } });
    expect(host.style.getPropertyValue('--consentry-accent')).toBe('#8a2be2');
    expect(host.style.getPropertyValue('--consentry-radius')).toBe('0');
  });

  it('should tell the instance when it shows and hides', async () => {
    const { ui, notify } = setup();
    await ui.show('banner');
    await ui.show('preferences');
    await ui.hide();
    await ui.hide();
    expect(notify.mock.calls).toEqual([['show'], ['show'], ['hide']]);
  });
});

describe('the banner', () => {
  it('should show accept all and reject all as the same element with the same classes', async () => {
    const { ui, button, $ } = setup();
    await ui.show('banner');
    const accept = button('Accept all');
    const reject = button('Reject all');
    expect(accept.tagName).toBe('BUTTON');
    expect(reject.tagName).toBe('BUTTON');
    expect(accept.className).toBe(reject.className);
    expect(accept.parentElement).toBe(reject.parentElement);
    expect(button('Customize')).toBeDefined();
    expect($('a')!.getAttribute('href')).toBe('/privacy');
    expect($('a')!.textContent).toBe('Privacy policy');
  });

  it('should say, before any choice, that consent can be withdrawn at any time', async () => {
    const { ui, $ } = setup();
    await ui.show('banner');
    expect($('section p')!.textContent).toMatch(/withdraw your consent at any time/);
  });

  it('should refuse every optional category on "Reject all"', async () => {
    const { ui, api, button } = setup();
    await ui.show('banner');
    expect(api.state.decided).toBe(false);
    button('Reject all').click();
    expect(api.state.decided).toBe(true);
    expect(only(api.state.choices)).toEqual(['necessary']);
  });

  it('should refuse on × ("continue without accepting"), named by its tooltip', async () => {
    const { ui, api, button } = setup();
    await ui.show('banner');
    const close = button('Continue without accepting');
    expect(close.getAttribute('title')).toBe('Continue without accepting');
    close.click();
    expect(api.state.decided).toBe(true);
    expect(only(api.state.choices)).toEqual(['necessary']);
  });

  it('should grant every category on "Accept all"', async () => {
    const { ui, api, button } = setup();
    await ui.show('banner');
    button('Accept all').click();
    expect(only(api.state.choices)).toEqual(['necessary', 'analytics', 'marketing']);
  });

  it('should be a labelled region that neither blocks the page nor takes focus (bar, box)', async () => {
    for (const layout of ['bar', 'box'] as const) {
      resetPage();
      const outside = document.body.appendChild(document.createElement('button'));
      outside.focus();
      const { ui, $ } = setup({ ...CONFIG, ui: { layout } });
      await ui.show('banner');
      const region = $('section')!;
      expect(region.className).toContain(layout);
      expect(region.getAttribute('aria-labelledby')).toBe('bt');
      expect($('#bt')!.textContent).toBe('Your privacy choices');
      expect($('[role="dialog"], [aria-modal], .bk')).toBeNull();
      expect(document.activeElement).toBe(outside);
    }
  });

  it('should be a modal dialog in the modal layout, take focus, and refuse on Escape', async () => {
    const { ui, api, dialog, shadow, key } = setup({ ...CONFIG, ui: { layout: 'modal' } });
    await ui.show('banner');
    const d = dialog()!;
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(d.getAttribute('aria-labelledby')).toBe('bt');
    expect(shadow.activeElement).toBe(shadow.getElementById('bt'));
    key(d, 'Escape');
    expect(api.state.decided).toBe(true);
    expect(only(api.state.choices)).toEqual(['necessary']);
  });

  it('should say that the GPC signal was honoured, in a status message', async () => {
    const { ui, $ } = setup(CONFIG, { gpc: true });
    await ui.show('banner');
    expect($('section [role="status"]')!.textContent).toBe(
      "Your browser's Global Privacy Control signal was honoured: advertising stays off.",
    );
  });

  it('should not say it without the signal', async () => {
    const { ui, $ } = setup();
    await ui.show('banner');
    expect($('section [role="status"]')).toBeNull();
  });

  it('should leave an optOutOnGPC category refused on "Accept all" under GPC (contract §7)', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const { ui, api, button } = setup(CONFIG, { gpc: true });
      await ui.show('banner');
      button('Accept all').click();
      expect(only(api.state.choices)).toEqual(['necessary', 'analytics']);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });
});

describe('texts', () => {
  it('should take translations.en over the built-in texts, key by key', async () => {
    const { ui, $, button } = setup({
      ...CONFIG,
      translations: { en: { 'banner.title': 'Cookies, briefly', 'banner.acceptAll': 'Allow all' } },
    });
    await ui.show('banner');
    expect($('#bt')!.textContent).toBe('Cookies, briefly');
    expect(button('Allow all')).toBeDefined();
    expect(button('Reject all')).toBeDefined();
  });

  it('should render configuration texts as text, never as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { ui, shadow, $, switchOf } = setup({
      ...CONFIG,
      translations: { en: { 'banner.title': evil } },
      categories: {
        ...CONFIG.categories,
        partners: { title: { en: evil }, description: { en: evil }, services: [{ name: evil, provider: evil }] },
      },
    });
    await ui.show('banner');
    expect($('#bt')!.textContent).toBe(evil);
    await ui.show('preferences');
    expect(switchOf(evil)).not.toBeNull();
    expect(shadow.querySelector('img')).toBeNull();
  });

  it('should never link a javascript: policy URL', async () => {
    const { ui, $ } = setup({ ...CONFIG, privacyPolicyUrl: 'java\tscript:alert(1)' });
    await ui.show('banner');
    expect($('a')).toBeNull();
  });

  // A language is shown (and set as lang) only when there are texts for it: here, the site's own.
  it('should set lang, and dir="rtl" for a right-to-left language', async () => {
    const { ui, host, shadow } = setup({ ...CONFIG, language: 'ar', translations: { ar: { 'banner.title': 'Test (ar)' } } });
    await ui.show('banner');
    expect(host.getAttribute('dir')).toBe('rtl');
    expect(host.getAttribute('lang')).toBe('ar');
    expect(shadow.host.getAttribute('dir')).toBe('rtl');
  });

  it('should take the page language for "auto", and stay left-to-right for English', async () => {
    document.documentElement.lang = 'en-GB';
    const { ui, host } = setup({ ...CONFIG, language: 'auto' });
    await ui.show('banner');
    expect(host.getAttribute('lang')).toBe('en');
    expect(host.getAttribute('dir')).toBe('ltr');
  });

  it('should take a custom category\'s texts from the configuration, in the visitor\'s language', async () => {
    const config: Config = {
      ...CONFIG,
      language: 'fr',
      translations: { fr: { 'banner.title': 'Vos choix' } },
      categories: {
        ...CONFIG.categories,
        partners: { title: { de: 'Partner', fr: 'Partenaires' }, description: { fr: 'Nos partenaires' } },
      },
    };
    const { ui, switchOf, $$ } = setup(config);
    await ui.show('preferences');
    expect(switchOf('Partenaires')).not.toBeNull();
    expect($$('.cs p').map(p => p.textContent)).toContain('Nos partenaires');
  });
});
