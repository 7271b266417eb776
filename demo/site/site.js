// The Demo Bakery's own script, on every page. It is the site, not consentry: it fills the "What ran
// on this page" panel (the tags in /tags/ report to it when they run), keeps ?layout and ?lang on
// the site's links, and drives the "Try it" bar. Loaded before the gated tags, so that `demoReport`
// exists when a tag runs (a returning visitor's tags run as soon as the parser reaches them).
(function () {
  'use strict';

  // The built-in languages of consentry (dist/i18n), each by its own name; English ships in the UI.
  const LANGUAGES = [
    ['en', 'English'], ['fr', 'français'], ['de', 'Deutsch'], ['es', 'español'], ['it', 'italiano'],
    ['pl', 'polski'], ['nl', 'Nederlands'], ['pt', 'português'], ['pt-BR', 'português (Brasil)'],
    ['sv', 'svenska'], ['da', 'dansk'], ['fi', 'suomi'], ['nb', 'norsk bokmål'], ['cs', 'čeština'],
    ['sk', 'slovenčina'], ['sl', 'slovenščina'], ['hr', 'hrvatski'], ['hu', 'magyar'], ['ro', 'română'],
    ['bg', 'български'], ['el', 'Ελληνικά'], ['et', 'eesti'], ['lv', 'latviešu'], ['lt', 'lietuvių'],
    ['mt', 'Malti'], ['ga', 'Gaeilge'], ['tr', 'Türkçe'], ['uk', 'українська'], ['ja', '日本語'],
    ['ko', '한국어'], ['zh-Hans', '中文（简体）'], ['zh-Hant', '中文（繁體）'], ['ar', 'العربية'], ['he', 'עברית'],
  ];
  const LAYOUTS = ['bar', 'box', 'modal'];
  const KEPT = ['layout', 'lang'];

  const query = new URLSearchParams(location.search);
  const current = {};
  for (const k of KEPT) if (query.get(k)) current[k] = query.get(k);

  /** A same-site address with the current layout and language added (unless it sets its own). */
  const carry = href => {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return href;
    for (const k of KEPT) if (current[k] && !url.searchParams.has(k)) url.searchParams.set(k, current[k]);
    return url.pathname + url.search + url.hash;
  };

  // ---- the site's links keep the demo settings ----
  for (const a of document.querySelectorAll('a[href^="/"]')) a.setAttribute('href', carry(a.getAttribute('href')));
  for (const a of document.querySelectorAll('nav.site-nav a'))
    if (new URL(a.href).pathname === location.pathname) a.setAttribute('aria-current', 'page');

  // ---- the "Try it" bar ----
  const layout = LAYOUTS.includes(current.layout) ? current.layout : 'bar';
  for (const a of document.querySelectorAll('a[data-layout]')) {
    const url = new URL(location.href);
    url.searchParams.set('layout', a.dataset.layout);
    a.setAttribute('href', url.pathname + url.search);
    if (a.dataset.layout === layout) a.setAttribute('aria-current', 'true');
  }
  const select = document.getElementById('try-lang');
  if (select) {
    for (const [code, name] of LANGUAGES) {
      const option = new Option(name, code, false, code === current.lang);
      option.lang = code;
      select.add(option);
    }
    const layoutField = document.getElementById('try-layout');
    if (layoutField) layoutField.value = current.layout || '';
    const go = document.getElementById('try-go');
    if (go) go.hidden = true; // the select navigates on change; the button is for pages without script
    select.addEventListener('change', () => {
      // A language picked in consentry's own preferences outranks the configuration's `language`:
      // the demo's selector forgets it, so that the choice made here shows.
      try {
        localStorage.removeItem('consentry:lang');
      } catch (e) {
        // storage blocked: nothing remembered to forget
      }
      const url = new URL(location.href);
      if (select.value) url.searchParams.set('lang', select.value);
      else url.searchParams.delete('lang');
      location.assign(url.pathname + url.search);
    });
  }
  document.addEventListener('click', e => {
    const button = e.target.closest && e.target.closest('button[data-demo]');
    if (!button) return;
    if (button.dataset.demo === 'banner' && window.consentry) window.consentry.showBanner();
    if (button.dataset.demo === 'forget') forget();
  });

  /** Start over as a first-time visitor: every cookie and consentry's storage keys go, then reload. */
  function forget() {
    for (const name of cookieNames()) document.cookie = name + '=; path=/; max-age=0';
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith('consentry:')) localStorage.removeItem(key);
    } catch (e) {
      // storage blocked: nothing stored
    }
    location.reload();
  }

  // ---- the "What ran on this page" panel ----
  const log = document.getElementById('tag-log');
  const cookieList = document.getElementById('cookie-list');
  const stateLine = document.getElementById('consent-state');

  function cookieNames() {
    return document.cookie ? document.cookie.split('; ').map(c => c.split('=')[0]) : [];
  }

  const NOTES = {
    consentry: 'your consent choice (consentry)',
    basket: 'your basket (necessary)',
    _demo_ga: 'Demo Analytics',
    _demo_ads: 'Demo Ads',
    _demo_px: 'Demo Ads pixel',
  };

  function refresh() {
    if (cookieList) {
      cookieList.replaceChildren();
      const names = cookieNames();
      if (!names.length) cookieList.append(item('none'));
      for (const name of names) {
        const li = item('');
        const code = document.createElement('code');
        code.textContent = name;
        li.append(code);
        if (NOTES[name]) li.append(' — ' + NOTES[name]);
        cookieList.append(li);
      }
    }
    if (stateLine) {
      const api = window.consentry;
      const state = api && api.state;
      if (!state || !state.decided) stateLine.textContent = 'Your choice: not made yet. Analytics and marketing stay off.';
      else
        stateLine.textContent =
          'Your choice: analytics ' + (state.choices.analytics ? 'allowed' : 'refused') +
          ', marketing ' + (state.choices.marketing ? 'allowed' : 'refused') + '.';
    }
  }

  function item(text) {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }

  /**
   * Called by a tag of /tags/ when it runs: one line in the panel.
   * @param {string} tag which tag ran
   * @param {string} cookie the cookie it set
   */
  window.demoReport = function (tag, cookie) {
    if (!log) return;
    const empty = log.querySelector('[data-empty]');
    if (empty) empty.remove();
    log.append(item(tag + ' ran at ' + new Date().toLocaleTimeString('en-GB') + ' and set the cookie ' + cookie));
    refresh();
  };

  document.addEventListener('consentry:change', refresh);
  document.addEventListener('consentry:ready', refresh);
  document.addEventListener('demo:cookies', refresh); // the shop's basket
  refresh();
})();
