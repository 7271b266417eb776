// The configurator (README, Demo): a form over a consentry configuration, checked on every change by the
// SDK's own validator (dist/consentry.mjs, kept in step with the JSON Schema by the test suite), a
// live preview of the real banner in a frame (configurator-preview.html), and the resulting JSON and
// embed snippet to copy. Plain DOM, no inline style or script: it runs under the demo's strict CSP.
import { validateConfig } from '/consentry/consentry.mjs';
import { decode, encode } from '/configurator-codec.js';

// ---------------------------------------------------------------------------------------------
// What the SDK accepts (README, "Configuration"), and the example the form starts from

const BUILTIN = ['necessary', 'preferences', 'analytics', 'marketing'];
const CONSENT_MODE = [
  ['ad_storage', 'ad_storage: advertising cookies'],
  ['ad_user_data', 'ad_user_data: sending user data to Google for ads'],
  ['ad_personalization', 'ad_personalization: personalised ads'],
  ['analytics_storage', 'analytics_storage: analytics cookies'],
  ['functionality_storage', 'functionality_storage: site features such as language'],
  ['personalization_storage', 'personalization_storage: personalisation such as recommendations'],
  ['security_storage', 'security_storage: security, such as fraud prevention'],
];
const LAYOUTS = [
  ['bar', 'Bar', 'across the bottom of the page'],
  ['box', 'Box', 'in a bottom corner'],
  ['modal', 'Modal', 'in the middle, on a dimmed page'],
];
const THEME = [
  ['--consentry-accent', 'Accent: buttons, links, switches', '#1d4ed8'],
  ['--consentry-accent-fg', 'Text on the accent', '#ffffff'],
  ['--consentry-bg', 'Background', '#ffffff'],
  ['--consentry-fg', 'Text', '#1f2328'],
  ['--consentry-line', 'Borders, switches when off', '#6e7781'],
];
/** The built-in language packs (dist/i18n/). */
const LANGUAGES = 'ar bg cs da de el en es et fi fr ga he hr hu it ja ko lt lv mt nb nl pl pt pt-BR ro sk sl sv tr uk zh-Hans zh-Hant'.split(' ');
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const CATEGORY_KEY = /^[a-z][a-z0-9_-]{0,31}$/;
const TEXT_KEY = /^[a-zA-Z][\w.-]{0,63}$/;

const EXAMPLE = {
  revision: 1,
  privacyPolicyUrl: '/privacy.html',
  language: 'auto',
  categories: {
    necessary: {
      required: true,
      services: [
        {
          name: 'Shop session',
          provider: 'This site',
          purpose: 'Keeps your basket and your sign-in while you browse.',
          cookies: [{ name: 'session', duration: 'Until you close the browser' }],
        },
      ],
    },
    analytics: {
      cookies: ['_gid', '/^_ga/'],
      consentMode: ['analytics_storage'],
      services: [
        {
          name: 'Google Analytics',
          provider: 'Google Ireland Ltd.',
          purpose: 'Counts visits and page views, so that we can see which pages help.',
          cookies: [
            { name: '_ga', duration: '13 months' },
            { name: '_gid', duration: '24 hours' },
          ],
        },
      ],
    },
    marketing: {
      cookies: ['_fbp'],
      consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'],
      optOutOnGPC: true,
      services: [
        {
          name: 'Meta Pixel',
          provider: 'Meta Platforms Ireland Ltd.',
          purpose: 'Measures our ad campaigns and shows you relevant ads on Facebook and Instagram.',
          cookies: [{ name: '_fbp', duration: '3 months' }],
        },
      ],
    },
  },
  receipts: { endpoint: '/consent/receipts' },
  ui: { layout: 'bar', floatingButton: true },
};

// ---------------------------------------------------------------------------------------------
// State: the configuration being edited. Categories are a list while editing, so that a key can be
// typed letter by letter (or clash with another) without losing a category; `build()` makes the JSON.

/** @type {Record<string, any>} the configuration, categories aside */
let config = {};
/** @type {{ key: string, def: Record<string, any> }[]} */
let categories = [];
/** The rows of each custom category's title and description (see textRows), keyed by its object. */
const customLanguages = new WeakMap(); // def → textRows()
let textsLanguage = 'en';
/** The groups of texts left open (the first layer's, to begin with). */
const openTextGroups = new Set(['banner']);
let previewView = 'banner';
let previewLanguage = 'en';
/** @type {Record<string, string>} the English pack: every text key and its English text */
let english = {};

const isObject = v => !!v && typeof v === 'object' && !Array.isArray(v);
const list = v => (Array.isArray(v) ? v : []);
/** Sets a key on an object as an own property, whatever it is called ("__proto__" included). */
const put = (o, key, value) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * Sets `keys` inside `root` (creating objects on the way), or deletes it when `value` is undefined,
 * removing the objects it leaves empty.
 */
function setIn(root, keys, value) {
  const chain = [root];
  let o = root;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(o[key])) {
      if (value === undefined) return;
      put(o, key, {});
    }
    o = o[key];
    chain.push(o);
  }
  const last = keys[keys.length - 1];
  if (value !== undefined) return void put(o, last, value);
  delete o[last];
  for (let i = keys.length - 1; i > 0 && !Object.keys(chain[i]).length; i--) delete chain[i - 1][keys[i - 1]];
}

/** The path of a key under `path`, written exactly as the SDK's validator writes it. */
const at = (path, key) =>
  CATEGORY_KEY.test(key) || TEXT_KEY.test(key) ? (path ? path + '.' : '') + key : path + '[' + JSON.stringify(key) + ']';
const categoryPath = c => at('categories', c.key);

/** The configuration as JSON will show it: fields in the README's order, categories in theirs. */
function build() {
  const cats = {};
  for (const c of categories) if (!Object.prototype.hasOwnProperty.call(cats, c.key)) put(cats, c.key, c.def);
  const all = { ...config };
  put(all, 'categories', cats);
  const out = {};
  for (const key of ['$schema', 'revision', 'privacyPolicyUrl', 'language', 'categories', 'cookie', 'receipts', 'ui', 'integrations', 'translations'])
    if (Object.prototype.hasOwnProperty.call(all, key)) put(out, key, all[key]);
  for (const key of Object.keys(all)) if (!Object.prototype.hasOwnProperty.call(out, key)) put(out, key, all[key]);
  return out;
}

/**
 * Problems the JSON itself cannot show, as the form holds more than it: two categories with one key,
 * or one language twice in a category's texts (the second would be lost). Each names its field.
 */
function localProblems() {
  const seen = new Set();
  const problems = [];
  for (const c of categories) {
    if (seen.has(c.key)) problems.push({ path: categoryPath(c), expected: 'a key no other category has', focusKey: keyOf(c, 'key') });
    seen.add(c.key);
    if (!BUILTIN.includes(c.key) && customLanguages.has(c.def)) {
      const codes = new Set();
      for (const row of textRows(c.def)) {
        if (codes.has(row.code)) problems.push({ path: at(categoryPath(c) + '.title', row.code), expected: 'a language listed once', focusKey: keyOf(row, 'code') });
        codes.add(row.code);
      }
    }
  }
  return problems;
}

/**
 * Takes a configuration into the form. Anything the form does not show is kept as it is; shapes the
 * form cannot edit (a list where an object belongs, say) are refused with the reason.
 */
function load(input) {
  const need = (ok, what) => {
    if (!ok) throw new Error(what);
  };
  need(isObject(input), 'a configuration is a JSON object, { … }');
  const c = JSON.parse(JSON.stringify(input));
  need(c.categories === undefined || isObject(c.categories), '"categories" must be an object of categories');
  const cats = Object.entries(c.categories || {}).map(([key, def]) => {
    need(isObject(def), 'category "' + key + '" must be an object');
    need(def.services === undefined || (Array.isArray(def.services) && def.services.every(isObject)), 'the services of "' + key + '" must be a list of objects');
    for (const s of list(def.services)) need(s.cookies === undefined || (Array.isArray(s.cookies) && s.cookies.every(isObject)), 'the cookies of a service in "' + key + '" must be a list of objects');
    for (const f of ['title', 'description']) need(def[f] === undefined || isObject(def[f]), 'the ' + f + ' of "' + key + '" must be an object of texts by language');
    return { key, def };
  });
  delete c.categories;
  for (const f of ['cookie', 'receipts', 'ui', 'integrations', 'translations']) need(c[f] === undefined || isObject(c[f]), '"' + f + '" must be an object');
  need(!c.ui || c.ui.theme === undefined || isObject(c.ui.theme), '"ui.theme" must be an object');
  for (const [lang, texts] of Object.entries(c.translations || {})) need(isObject(texts), 'the texts for "' + lang + '" must be an object');
  config = c;
  categories = cats;
}

// ---------------------------------------------------------------------------------------------
// DOM helpers

/**
 * Updaters of what the form shows from the state (a category's key in its heading and in its
 * buttons' names, say): run after every change, so nothing needs drawing again while typing.
 * @type {(() => void)[]}
 */
let live = [];

/**
 * Creates an element: attributes (false/null skipped), `on*` listeners, then children. A function
 * as an attribute (other than a listener) or as a child is live: computed again after every change.
 */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (typeof v === 'function') {
      const update = () => el.setAttribute(k, v());
      update();
      live.push(update);
    } else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(
    ...children
      .flat(Infinity)
      .filter(c => c != null && c !== false)
      .map(c => {
        if (typeof c !== 'function') return c;
        const text = document.createTextNode(c());
        live.push(() => (text.data = c()));
        return text;
      }),
  );
  return el;
}

let uid = 0;
const objectIds = new WeakMap();
let objectSeq = 0;
/** A key that names the same control across renders (by the object it edits), to keep focus on it. */
const keyOf = (o, ...rest) => {
  if (!objectIds.has(o)) objectIds.set(o, ++objectSeq);
  return ['o' + objectIds.get(o), ...rest].join(':');
};

/** Something changed the configuration: check it, show problems and output, refresh the preview. */
let onChange = () => {};

/**
 * Marks a control as editing `path` (a function: keys can change while typing), with a slot for
 * the validator's message about it.
 */
function bind(el, path, focusKey, error) {
  el.dataset.bound = '';
  if (focusKey) el.dataset.focus = focusKey;
  el._path = path;
  el._error = error;
  return el;
}

/**
 * A labelled control: text (default), number, url, textarea (`rows`), select (`options`), colour.
 * `onInput` gets the value on every keystroke (nothing is drawn again on `change`: a click that
 * left the field would otherwise land on a button that no longer exists).
 */
function field(o) {
  const id = 'f' + ++uid;
  const hint = o.hint ? h('p', { class: 'hint', id: id + '-hint' }, o.hint) : null;
  const error = h('p', { class: 'error', id: id + '-error', hidden: true });
  const attrs = {
    id,
    class: o.class,
    placeholder: o.placeholder,
    list: o.list,
    min: o.min,
    step: o.step,
    inputmode: o.inputmode,
    autocomplete: 'off',
    spellcheck: o.spellcheck === false ? 'false' : null,
    'aria-describedby': hint ? hint.id : null,
    'data-hint': hint ? hint.id : null,
  };
  const el = o.options
    ? h('select', attrs, o.options.map(([value, label]) => h('option', { value }, label)))
    : o.rows
      ? h('textarea', { ...attrs, rows: o.rows })
      : h('input', { ...attrs, type: o.type || 'text' });
  el.value = o.value ?? '';
  bind(el, o.path, o.focus, error);
  if (o.onInput) el.addEventListener('input', () => (o.onInput(el.value, el), onChange()));
  return h('div', { class: 'field' + (o.wide ? ' wide' : '') }, h('label', { for: id }, o.label), hint, el, error);
}

/** A labelled checkbox. */
function checkbox(o) {
  const id = 'f' + ++uid;
  const hint = o.hint ? h('p', { class: 'hint', id: id + '-hint' }, o.hint) : null;
  const error = h('p', { class: 'error', id: id + '-error', hidden: true });
  const el = h('input', {
    type: 'checkbox',
    id,
    checked: !!o.checked,
    disabled: o.disabled,
    'aria-describedby': hint ? hint.id : null,
    'data-hint': hint ? hint.id : null,
  });
  bind(el, o.path, o.focus, error);
  el.addEventListener('change', () => (o.onToggle(el.checked), onChange()));
  return h('div', { class: 'check' }, el, h('label', { for: id }, o.label), hint, error);
}

const button = (label, onClick, extra = {}) => h('button', { type: 'button', onclick: onClick, ...extra }, label);

/** Lines of a textarea as a list: one entry per non-empty line, edges trimmed. */
const lines = text => text.split('\n').map(s => s.trim()).filter(Boolean);

// ---------------------------------------------------------------------------------------------
// The form

const form = document.getElementById('form');

/** Draws the whole form again (after a structural change), keeping focus on `focusKey` or where it was. */
function render(focusKey) {
  const active = focusKey || document.activeElement?.dataset?.focus;
  uid = 0;
  live = [];
  fillPreviewLanguages();
  form.replaceChildren(general(), categoriesSection(), textsSection(), appearance(), receiptsSection(), advanced());
  onChange();
  if (active) form.querySelector('[data-focus="' + CSS.escape(active) + '"]')?.focus();
}

function section(id, title, intro, ...children) {
  return h('section', { class: 'group', 'aria-labelledby': id }, h('h2', { id }, title), intro ? h('p', { class: 'intro' }, intro) : null, children);
}

function general() {
  return section(
    'general-h',
    'General',
    null,
    h(
      'div',
      { class: 'row' },
      field({
        label: 'Revision',
        type: 'number',
        min: 0,
        step: 1,
        inputmode: 'numeric',
        value: config.revision ?? '',
        hint: 'Raise it (1 → 2) when your purposes or partners change: every visitor is asked again.',
        path: () => 'revision',
        focus: 'revision',
        onInput: (v, el) => setIn(config, ['revision'], v === '' ? (el.validity.badInput ? 'not a number' : undefined) : Number(v)),
      }),
      field({
        label: 'Language',
        value: config.language ?? '',
        list: 'language-codes',
        placeholder: 'auto',
        spellcheck: false,
        hint: '"auto" (the page\'s language, then the browser\'s, then English), or a code such as fr or pt-BR.',
        path: () => 'language',
        focus: 'language',
        onInput: v => setIn(config, ['language'], v.trim() || undefined),
      }),
    ),
    h('datalist', { id: 'language-codes' }, h('option', { value: 'auto' }), LANGUAGES.map(code => h('option', { value: code }, languageName(code)))),
    field({
      label: 'Privacy policy link',
      value: config.privacyPolicyUrl ?? '',
      placeholder: '/privacy',
      spellcheck: false,
      hint: 'A full address or a path on your site. The banner links to it.',
      path: () => 'privacyPolicyUrl',
      focus: 'privacyPolicyUrl',
      onInput: v => setIn(config, ['privacyPolicyUrl'], v.trim() || undefined),
    }),
  );
}

/** The default language of the configuration: the one custom categories need texts in. */
const defaultLanguage = () => (config.language && config.language !== 'auto' ? config.language : 'en');

function languageName(code) {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name && name !== code ? code + ' · ' + name : code;
  } catch {
    return code;
  }
}

function categoriesSection() {
  const kinds = () => [...BUILTIN.filter(k => !categories.some(c => c.key === k)), ''];
  const kind = field({ label: 'Add a category', options: [], focus: 'add-kind', path: () => '(add)' });
  const select = kind.querySelector('select');
  // The built-in categories not used yet, then one of one's own: kept up to date as keys are typed.
  live.push(() => {
    const want = kinds();
    if (JSON.stringify(want) === JSON.stringify([...select.options].map(o => o.value))) return;
    const index = select.options.length ? want.indexOf(select.value) : -1;
    select.replaceChildren(...want.map(k => h('option', { value: k }, k || 'A category of your own')));
    select.selectedIndex = Math.max(0, index);
  });
  return section(
    'categories-h',
    'Categories',
    'The groups of cookies and tags a visitor allows or refuses, in the order the banner lists them. necessary, preferences, analytics and marketing come with texts in every built-in language; a category of your own needs its title and description.',
    categories.map((c, i) => category(c, i)),
    h(
      'div',
      { class: 'add-row' },
      kind,
      button('Add category', () => {
        let key = select.value;
        if (!key) for (let n = 1; !key || categories.some(c => c.key === key); n++) key = 'custom' + (n > 1 ? '-' + n : '');
        const def = key === 'necessary' ? { required: true } : {};
        if (!BUILTIN.includes(key)) {
          def.title = { [defaultLanguage()]: 'Partners' };
          def.description = { [defaultLanguage()]: 'Lets our partners personalise their offers to you.' };
        }
        const c = { key, def };
        categories.push(c);
        render(keyOf(c, 'key'));
      }, { 'data-focus': 'add-category' }),
    ),
  );
}

function category(c, i) {
  const { def } = c;
  const headingId = 'cat-' + i + '-h';
  const name = () => c.key || 'category ' + (categories.indexOf(c) + 1);
  const heading = h('h3', { id: headingId }, 'Category ', h('code', {}, () => c.key || '(no key)'));
  const move = (by, label) =>
    button(label, () => {
      categories.splice(i, 1);
      categories.splice(i + by, 0, c);
      // At the top (or bottom) that button is disabled: focus goes to the other one.
      const edge = i + by === 0 || i + by === categories.length - 1;
      render(keyOf(c, edge ? (by < 0 ? 'Move down' : 'Move up') : label));
    }, { 'aria-label': () => label + ': ' + name(), disabled: i + by < 0 || i + by >= categories.length, 'data-focus': keyOf(c, label) });
  const custom = !BUILTIN.includes(c.key);
  return h(
    'section',
    { class: 'category', 'aria-labelledby': headingId },
    h(
      'div',
      { class: 'head' },
      heading,
      h(
        'div',
        { class: 'tools' },
        move(-1, 'Move up'),
        move(1, 'Move down'),
        button('Remove', () => {
          categories.splice(i, 1);
          render(categories[i] ? keyOf(categories[i], 'key') : 'add-kind');
        }, { 'aria-label': () => 'Remove ' + name(), class: 'danger' }),
      ),
    ),
    field({
      label: 'Key',
      value: c.key,
      spellcheck: false,
      hint: 'Lowercase letters, digits, - or _, starting with a letter. Tags name it in data-consent="…".',
      path: () => categoryPath(c),
      focus: keyOf(c, 'key'),
      onInput: v => (c.key = v.trim()),
    }),
    h(
      'div',
      { class: 'row' },
      checkbox({
        label: 'Always on (required)',
        checked: c.key === 'necessary' || def.required === true,
        disabled: c.key === 'necessary',
        hint: c.key === 'necessary' ? 'necessary is always allowed.' : 'Visitors cannot switch it off. Keep it for what the site cannot work without.',
        path: () => categoryPath(c) + '.required',
        focus: keyOf(c, 'required'),
        onToggle: on => setIn(def, ['required'], on || undefined),
      }),
      checkbox({
        label: 'Off under Global Privacy Control',
        checked: def.optOutOnGPC === true,
        hint: 'When the browser sends the GPC signal, "Accept all" leaves this category off.',
        path: () => categoryPath(c) + '.optOutOnGPC',
        focus: keyOf(c, 'gpc'),
        onToggle: on => setIn(def, ['optOutOnGPC'], on || undefined),
      }),
    ),
    customSlot(c),
    consentMode(c),
    field({
      label: 'Cookies to delete when refused (one per line)',
      rows: 3,
      class: 'mono',
      spellcheck: false,
      value: list(def.cookies).join('\n'),
      hint: 'An exact name such as _gid, or a /regular expression/ such as /^_ga/ for several. Storage keys too.',
      path: () => categoryPath(c) + '.cookies',
      focus: keyOf(c, 'cookies'),
      onInput: v => setIn(def, ['cookies'], lines(v).length ? lines(v) : undefined),
    }),
    services(c),
  );
}

function consentMode(c) {
  const { def } = c;
  const id = 'f' + ++uid + '-legend';
  return h(
    'fieldset',
    { class: 'checks', 'aria-describedby': id + '-hint' },
    h('legend', { id }, 'Google Consent Mode signals'),
    h('p', { class: 'hint', id: id + '-hint' }, 'Each signal is "granted" when the visitor allows this category, "denied" otherwise.'),
    h(
      'div',
      { class: 'grid' },
      CONSENT_MODE.map(([type, label]) =>
        checkbox({
          label,
          checked: list(def.consentMode).includes(type),
          path: () => categoryPath(c) + '.consentMode',
          focus: keyOf(c, 'cm', type),
          onToggle: on => {
            const set = new Set(list(def.consentMode));
            on ? set.add(type) : set.delete(type);
            // The signals in their usual order, anything unknown (from a pasted configuration) after.
            const ordered = [...CONSENT_MODE.map(([t]) => t).filter(t => set.has(t)), ...[...set].filter(t => !CONSENT_MODE.some(([k]) => k === t))];
            setIn(def, ['consentMode'], ordered.length ? ordered : undefined);
          },
        }),
      ),
    ),
  );
}

/** Where a category of one's own shows its texts: they come and go as its key is typed. */
function customSlot(c) {
  const slot = h('div', {});
  let shown = null;
  const update = () => {
    const custom = !BUILTIN.includes(c.key);
    if (custom !== shown) slot.replaceChildren(...((shown = custom) ? [customTexts(c)] : []));
  };
  update();
  live.unshift(update); // first: the fields it adds are then marked like the others
  return slot;
}

/** Title and description per language, for a category without built-in texts. */
function customTexts(c) {
  const rows = textRows(c.def);
  return h(
    'fieldset',
    { class: 'texts' },
    h('legend', {}, 'Title and description, by language'),
    h('p', { class: 'hint' }, 'Needed at least in the default language (', () => defaultLanguage(), ').'),
    rows.map((row, n) =>
      h(
        'div',
        { class: 'lang-row' },
        field({
          label: 'Language code',
          value: row.code,
          spellcheck: false,
          list: 'language-codes',
          class: 'short',
          // Only a code that is not one can be what the validator means; else its texts are.
          path: () => (LANGUAGE_TAG.test(row.code) ? '(language code)' : at(categoryPath(c) + '.title', row.code)),
          focus: keyOf(row, 'code'),
          onInput: v => {
            row.code = v.trim();
            syncTexts(c.def);
          },
        }),
        field({
          label: 'Title',
          value: row.title,
          path: () => at(categoryPath(c) + '.title', row.code),
          focus: keyOf(row, 'title'),
          onInput: v => {
            row.title = v;
            syncTexts(c.def);
          },
        }),
        field({
          label: 'Description',
          rows: 2,
          value: row.description,
          wide: true,
          path: () => at(categoryPath(c) + '.description', row.code),
          focus: keyOf(row, 'description'),
          onInput: v => {
            row.description = v;
            syncTexts(c.def);
          },
        }),
        rows.length > 1
          ? button('Remove language', () => {
              rows.splice(n, 1);
              syncTexts(c.def);
              render(keyOf(rows[Math.max(0, n - 1)], 'code'));
            }, { 'aria-label': () => 'Remove language ' + (row.code || '(no code)') + ' from the texts of ' + (c.key || 'this category'), class: 'danger small' })
          : null,
      ),
    ),
    button('Add a language', () => {
      const code = [defaultLanguage(), 'en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', ...LANGUAGES].find(l => !rows.some(r => r.code === l));
      const row = { code: code || '', title: '', description: '' };
      rows.push(row);
      render(keyOf(row, 'code'));
    }, { 'data-focus': keyOf(c.def, 'add-lang'), 'aria-label': () => 'Add a language to the texts of ' + (c.key || 'this category') }),
  );
}

/**
 * The rows of a custom category's texts, { code, title, description } in order: the form's own
 * model of them, so that a code can be retyped without losing or merging texts.
 */
function textRows(def) {
  if (!customLanguages.has(def)) {
    const text = (f, code) => (isObject(def[f]) && typeof def[f][code] === 'string' ? def[f][code] : '');
    const codes = [...new Set([...Object.keys(isObject(def.title) ? def.title : {}), ...Object.keys(isObject(def.description) ? def.description : {})])];
    if (!codes.length) codes.push(defaultLanguage());
    customLanguages.set(def, codes.map(code => ({ code, title: text('title', code), description: text('description', code) })));
  }
  return customLanguages.get(def);
}

/** Writes the rows back as `title` and `description`, by language, leaving out empty texts. */
function syncTexts(def) {
  for (const f of ['title', 'description']) {
    const texts = {};
    for (const row of textRows(def)) if (row[f].trim() && !Object.prototype.hasOwnProperty.call(texts, row.code)) put(texts, row.code, row[f]);
    setIn(def, [f], Object.keys(texts).length ? texts : undefined);
  }
}

function services(c) {
  const { def } = c;
  const all = list(def.services);
  const path = n => categoryPath(c) + '.services[' + n + ']';
  return h(
    'div',
    { class: 'services' },
    h('h4', {}, 'Services'),
    all.length ? null : h('p', { class: 'hint' }, 'No service listed. Visitors see the tools you use, their provider and their cookies in the preferences.'),
    all.map((s, n) => {
      const legend = h('legend', {}, 'Service ', n + 1, ': ', () => s.name || '(no name)');
      const serviceName = () => s.name || 'service ' + (n + 1);
      const cookies = list(s.cookies);
      return h(
        'fieldset',
        { class: 'service' },
        legend,
        h(
          'div',
          { class: 'row' },
          field({
            label: 'Name',
            value: s.name ?? '',
            hint: 'As visitors know it. Required.',
            path: () => path(n) + '.name',
            focus: keyOf(s, 'name'),
            onInput: v => (s.name = v),
          }),
          field({
            label: 'Provider',
            value: s.provider ?? '',
            hint: 'The company behind it.',
            path: () => path(n) + '.provider',
            focus: keyOf(s, 'provider'),
            onInput: v => setIn(s, ['provider'], v.trim() ? v : undefined),
          }),
        ),
        field({
          label: 'Purpose',
          rows: 2,
          value: s.purpose ?? '',
          hint: 'In a sentence, what it does with the visitor\'s data.',
          path: () => path(n) + '.purpose',
          focus: keyOf(s, 'purpose'),
          onInput: v => setIn(s, ['purpose'], v.trim() ? v : undefined),
        }),
        h(
          'div',
          { class: 'cookies' },
          h('p', { class: 'sub' }, 'Cookies it sets'),
          cookies.map((k, m) =>
            h(
              'div',
              { class: 'cookie-row' },
              field({
                label: 'Cookie name',
                value: k.name ?? '',
                class: 'mono',
                spellcheck: false,
                path: () => path(n) + '.cookies[' + m + '].name',
                focus: keyOf(k, 'name'),
                onInput: v => (k.name = v),
              }),
              field({
                label: 'Duration',
                value: k.duration ?? '',
                placeholder: 'e.g. 13 months',
                path: () => path(n) + '.cookies[' + m + '].duration',
                focus: keyOf(k, 'duration'),
                onInput: v => setIn(k, ['duration'], v.trim() ? v : undefined),
              }),
              button('Remove', () => {
                cookies.splice(m, 1);
                if (!cookies.length) delete s.cookies;
                render(cookies[m] ? keyOf(cookies[m], 'name') : keyOf(s, 'add-cookie'));
              }, { 'aria-label': () => 'Remove cookie ' + (k.name || m + 1) + ' of ' + serviceName(), class: 'danger small' }),
            ),
          ),
          button('Add a cookie', () => {
            const k = { name: '' };
            s.cookies = [...cookies, k];
            render(keyOf(k, 'name'));
          }, { 'data-focus': keyOf(s, 'add-cookie'), 'aria-label': () => 'Add a cookie to ' + serviceName() }),
        ),
        field({
          label: 'Addresses it loads from, held back until consent (one per line, optional)',
          rows: 2,
          class: 'mono',
          spellcheck: false,
          value: list(s.blocks).join('\n'),
          hint: 'Part of a script, frame or image address, such as tags.example/analytics.js, or a /regular expression/.',
          path: () => path(n) + '.blocks',
          focus: keyOf(s, 'blocks'),
          onInput: v => setIn(s, ['blocks'], lines(v).length ? lines(v) : undefined),
        }),
        button('Remove service', () => {
          all.splice(n, 1);
          if (!all.length) delete def.services;
          render(all[n] ? keyOf(all[n], 'name') : keyOf(c, 'add-service'));
        }, { 'aria-label': () => 'Remove service ' + serviceName() + ' from ' + (c.key || 'this category'), class: 'danger' }),
      );
    }),
    button('Add a service', () => {
      const s = { name: '' };
      def.services = [...all, s];
      render(keyOf(s, 'name'));
    }, { 'data-focus': keyOf(c, 'add-service'), 'aria-label': () => 'Add a service to ' + (c.key || 'this category') }),
  );
}

function textsSection() {
  const translations = isObject(config.translations) ? config.translations : {};
  const codes = [...new Set([...LANGUAGES, ...Object.keys(translations), textsLanguage])];
  const own = Object.entries(translations).filter(([, t]) => isObject(t) && Object.keys(t).length);
  const language = field({
    label: 'Language of the texts',
    options: codes.map(code => {
      const n = isObject(translations[code]) ? Object.keys(translations[code]).length : 0;
      return [code, languageName(code) + (n ? ' (' + n + ' of yours)' : '')];
    }),
    value: textsLanguage,
    focus: 'texts-language',
    path: () => '(texts-language)',
    hint: 'The preview switches to it.',
  });
  language.querySelector('select').addEventListener('change', e => {
    textsLanguage = e.target.value;
    previewLanguage = textsLanguage;
    render('texts-language');
  });
  const other = field({ label: 'Or another code', class: 'short', spellcheck: false, placeholder: 'fr-CA', focus: 'texts-other', path: () => '(texts-other)' });
  const otherInput = other.querySelector('input');
  const otherError = other.querySelector('.error');
  const useOther = () => {
    const code = otherInput.value.trim();
    if (!LANGUAGE_TAG.test(code)) {
      otherError.textContent = 'A language code such as fr or pt-BR.';
      otherError.hidden = false;
      otherInput.setAttribute('aria-invalid', 'true');
      otherInput.setAttribute('aria-describedby', otherError.id);
      return;
    }
    textsLanguage = previewLanguage = code;
    render('texts-language');
  };
  otherInput.addEventListener('keydown', e => e.key === 'Enter' && (e.preventDefault(), useOther()));
  const current = isObject(translations[textsLanguage]) ? translations[textsLanguage] : {};
  const groups = new Map();
  for (const key of Object.keys(english)) {
    const group = key.split('.')[0];
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(key);
  }
  const names = { banner: 'First layer', prefs: 'Preferences', category: 'Built-in categories', placeholder: 'Placeholder of a held-back frame', fab: 'Floating button' };
  return section(
    'texts-h',
    'Texts',
    'Replace any text of the banner, language by language. Leave a field empty to keep the built-in text (its English is shown in the empty field).',
    h('div', { class: 'add-row' }, language, other, button('Use this code', useOther)),
    own.length
      ? h('p', { class: 'hint' }, 'Your texts: ', own.map(([code, t]) => code + ' (' + Object.keys(t).length + ')').join(', '), '.')
      : null,
    [...groups].map(([group, keys]) => {
      const mine = keys.filter(key => typeof current[key] === 'string').length;
      const details = h(
        'details',
        { class: 'keys', open: openTextGroups.has(group) || mine > 0, ontoggle: () => (details.open ? openTextGroups.add(group) : openTextGroups.delete(group)) },
        h('summary', {}, names[group] || group, ' ', h('span', { class: 'what' }, '(' + keys.length + ' texts' + (mine ? ', ' + mine + ' of yours' : '') + ')')),
        keys.map(key =>
          field({
            label: key,
            value: typeof current[key] === 'string' ? current[key] : '',
            placeholder: english[key],
            rows: english[key].length > 200 ? 4 : english[key].length > 70 ? 2 : null,
            path: () => at(at('translations', textsLanguage), key),
            focus: 'text:' + key,
            onInput: v => setIn(config, ['translations', textsLanguage, key], v.trim() ? v : undefined),
          }),
        ),
      );
      return details;
    }),
  );
}

function appearance() {
  const ui = isObject(config.ui) ? config.ui : {};
  const theme = isObject(ui.theme) ? ui.theme : {};
  const layout = ui.layout || 'bar';
  const radios = LAYOUTS.map(([value, label, what]) => {
    const id = 'f' + ++uid;
    const el = h('input', { type: 'radio', name: 'layout', id, value, checked: layout === value });
    bind(el, () => 'ui.layout', 'layout:' + value, null);
    el.addEventListener('change', () => (setIn(config, ['ui', 'layout'], value), onChange()));
    return h('div', { class: 'check' }, el, h('label', { for: id }, label, h('span', { class: 'what' }, ' · ' + what)));
  });
  return section(
    'appearance-h',
    'Appearance',
    null,
    h('fieldset', { class: 'checks' }, h('legend', {}, 'Layout'), h('div', { class: 'grid' }, radios)),
    checkbox({
      label: 'Floating button to reopen the preferences',
      checked: ui.floatingButton !== false,
      hint: 'A small round button in the bottom-left corner, after a decision.',
      path: () => 'ui.floatingButton',
      focus: 'floatingButton',
      onToggle: on => setIn(config, ['ui', 'floatingButton'], on),
    }),
    h(
      'fieldset',
      { class: 'colours' },
      h('legend', {}, 'Colours'),
      h('p', { class: 'hint' }, 'They apply in light and dark mode alike: keep text at a contrast of 4.5:1 or more on its background.'),
      h(
        'div',
        { class: 'grid' },
        THEME.map(([name, label, fallback]) => {
          const set = typeof theme[name] === 'string';
          const hex = set && /^#[0-9a-f]{6}$/i.test(theme[name]) ? theme[name].toLowerCase() : fallback;
          const id = 'f' + ++uid;
          const hint = h('p', { class: 'hint', id: id + '-hint' }, h('code', {}, name), ': ', set ? theme[name] : hex + ' (built-in)');
          const error = h('p', { class: 'error', id: id + '-error', hidden: true });
          const el = h('input', { type: 'color', id, value: hex, 'aria-describedby': hint.id, 'data-hint': hint.id });
          bind(el, () => at('ui.theme', name), 'theme:' + name, error);
          el.addEventListener('input', () => {
            setIn(config, ['ui', 'theme', name], el.value);
            hint.lastChild.textContent = el.value;
            reset.disabled = false;
            onChange();
          });
          const reset = button('Built-in', () => {
            setIn(config, ['ui', 'theme', name], undefined);
            render('theme:' + name);
          }, { 'aria-label': 'Built-in colour for: ' + label, class: 'small', disabled: !set });
          return h('div', { class: 'colour' }, el, h('div', {}, h('label', { for: id }, label), hint, error), reset);
        }),
      ),
    ),
  );
}

function receiptsSection() {
  const receipts = isObject(config.receipts) ? config.receipts : {};
  return section(
    'receipts-h',
    'Consent receipts',
    null,
    field({
      label: 'Receipts endpoint',
      value: receipts.endpoint ?? '',
      spellcheck: false,
      placeholder: '/consent/receipts',
      hint: 'Every decision is posted there as a receipt (proof of consent). This demo\'s collector listens on /consent/receipts. Leave it empty to send none.',
      path: () => 'receipts.endpoint',
      focus: 'receipts',
      onInput: v => setIn(config, ['receipts', 'endpoint'], v.trim() || undefined),
    }),
  );
}

function advanced() {
  const cookie = isObject(config.cookie) ? config.cookie : {};
  const integration = (name, label) => {
    const f = field({
      label,
      options: [],
      hint: 'The category that allows it, usually marketing.',
      path: () => 'integrations.' + name,
      focus: 'integration:' + name,
      onInput: v => setIn(config, ['integrations', name], v || undefined),
    });
    const select = f.querySelector('select');
    // The categories as they are now (and the value, even if no category has that key any more).
    live.push(() => {
      const value = isObject(config.integrations) && typeof config.integrations[name] === 'string' ? config.integrations[name] : '';
      const keys = ['', ...new Set([...categories.map(c => c.key).filter(Boolean), ...(value ? [value] : [])])];
      if (JSON.stringify(keys) !== JSON.stringify([...select.options].map(o => o.value)))
        select.replaceChildren(...keys.map(k => h('option', { value: k }, k ? 'Follows ' + k : 'Not used')));
      select.value = value;
    });
    return f;
  };
  return section(
    'advanced-h',
    'Consent cookie and ad platforms',
    null,
    h(
      'div',
      { class: 'row' },
      field({
        label: 'Cookie name',
        value: cookie.name ?? '',
        placeholder: 'consentry',
        spellcheck: false,
        class: 'mono',
        hint: 'The cookie that stores each visitor\'s choice.',
        path: () => 'cookie.name',
        focus: 'cookie.name',
        onInput: v => setIn(config, ['cookie', 'name'], v === '' ? undefined : v),
      }),
      field({
        label: 'Days a choice is kept',
        type: 'number',
        min: 1,
        value: cookie.maxAgeDays ?? '',
        placeholder: '182',
        hint: 'Then the banner asks again (browsers keep a cookie 400 days at most).',
        path: () => 'cookie.maxAgeDays',
        focus: 'cookie.maxAgeDays',
        onInput: (v, el) => setIn(config, ['cookie', 'maxAgeDays'], v === '' ? (el.validity.badInput ? 'not a number' : undefined) : Number(v)),
      }),
      field({
        label: 'SameSite',
        options: [['', 'Lax (built-in)'], ['Lax', 'Lax'], ['Strict', 'Strict']],
        value: typeof cookie.sameSite === 'string' ? cookie.sameSite : '',
        path: () => 'cookie.sameSite',
        focus: 'cookie.sameSite',
        onInput: v => setIn(config, ['cookie', 'sameSite'], v || undefined),
      }),
    ),
    h(
      'div',
      { class: 'row' },
      integration('uet', 'Microsoft Advertising (UET)'),
      integration('metaPixel', 'Meta Pixel'),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Problems, output, preview

const problemsList = document.getElementById('problems');
const problemsSummary = document.getElementById('problems-summary');
const jsonArea = document.getElementById('config-json');
const snippetArea = document.getElementById('config-snippet');
const outputWarning = document.getElementById('output-warning');
const frame = document.getElementById('preview');
const previewNote = document.getElementById('preview-note');

/** The field showing `path`: that very field, else the first inside it, else the nearest around it. */
function fieldFor(path, byPath, fields) {
  if (byPath.has(path)) return byPath.get(path);
  const inside = fields.find(el => el._path().startsWith(path + '.') || el._path().startsWith(path + '['));
  if (inside) return inside;
  for (let p = path; ; ) {
    const up = p.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
    if (up === p || !up) return null;
    if (byPath.has(up)) return byPath.get(up);
    p = up;
  }
}

/** Lists the problems beside the form and marks each field they name (aria-invalid + its message). */
function showProblems(problems) {
  const fields = [...form.querySelectorAll('[data-bound]')];
  const byPath = new Map();
  for (const el of fields) {
    const p = el._path();
    if (!byPath.has(p)) byPath.set(p, el);
    el.removeAttribute('aria-invalid');
    if (el.dataset.hint) el.setAttribute('aria-describedby', el.dataset.hint);
    else el.removeAttribute('aria-describedby');
    if (el._error) {
      el._error.hidden = true;
      el._error.replaceChildren();
    }
  }
  problemsList.replaceChildren();
  for (const problem of problems) {
    // A duplicate names the second field, not the first.
    let el = problem.focusKey ? form.querySelector('[data-focus="' + CSS.escape(problem.focusKey) + '"]') : null;
    el ||= fieldFor(problem.path, byPath, fields);
    const text = [h('code', {}, problem.path), ': expected ', problem.expected];
    if (el) {
      el.setAttribute('aria-invalid', 'true');
      const error = el._error;
      if (error) {
        error.append(h('span', {}, 'Expected ', problem.expected, ' (', h('code', {}, problem.path), ')'));
        error.hidden = false;
        const ids = new Set((el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
        ids.add(error.id);
        el.setAttribute('aria-describedby', [...ids].join(' '));
      }
    }
    problemsList.append(
      h(
        'li',
        {},
        el
          ? h('a', {
              href: '#' + el.id,
              onclick: e => {
                e.preventDefault();
                for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
                el.scrollIntoView({ block: 'center' });
                el.focus();
              },
            }, text)
          : text,
      ),
    );
  }
  problemsSummary.textContent = problems.length
    ? problems.length + (problems.length === 1 ? ' problem' : ' problems') + ': the SDK would refuse every optional category.'
    : 'No problems: the SDK accepts this configuration.';
  problemsSummary.className = problems.length ? 'bad' : 'good';
}

/** The two tags a site owner pastes: the configuration (with `<` escaped) and the loader. */
const snippet = json =>
  '<script type="application/json" id="consentry-config">\n' + json.replace(/</g, '\\u003c') + '\n</script>\n<script src="/consentry/consentry.js"></script>';

let lastValid = null;
let previewTimer = 0;

function refresh() {
  for (const update of live) update();
  const out = build();
  let problems;
  try {
    problems = [...localProblems(), ...validateConfig(out)];
  } catch (e) {
    problems = [{ path: '(root)', expected: 'a configuration the validator can read (' + e.message + ')' }];
  }
  showProblems(problems);
  const json = JSON.stringify(out, null, 2);
  jsonArea.value = json;
  snippetArea.value = snippet(json);
  outputWarning.hidden = !problems.length;
  previewNote.hidden = !problems.length;
  try {
    history.replaceState(null, '', '#config=' + encode(out));
  } catch {
    // a very long configuration: the address just does not carry it
  }
  if (!problems.length) {
    lastValid = out;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(showPreview, 300);
  }
}
onChange = refresh;

/** Points the preview frame at the last valid configuration, the chosen view and language. */
function showPreview() {
  if (!lastValid) return;
  const url = new URL('/configurator-preview.html#' + encode({ config: lastValid, view: previewView, lang: previewLanguage }), location.href).href;
  try {
    const win = frame.contentWindow;
    if (!frame.getAttribute('src') || !win) frame.src = url;
    // replace(): no history entry per change. A new fragment reaches the preview as a hashchange,
    // and it reloads itself (one SDK instance per page) or, for a new view alone, shows it in place.
    else if (win.location.href !== url) win.location.replace(url);
  } catch {
    frame.src = url;
  }
}

const previewLanguageSelect = document.getElementById('preview-lang');
function fillPreviewLanguages() {
  const codes = [...new Set([...LANGUAGES, ...Object.keys(isObject(config.translations) ? config.translations : {}), previewLanguage])];
  previewLanguageSelect.replaceChildren(...codes.map(code => h('option', { value: code }, languageName(code))));
  previewLanguageSelect.value = previewLanguage;
}
previewLanguageSelect.addEventListener('change', () => {
  previewLanguage = previewLanguageSelect.value;
  showPreview();
});

const viewButtons = { banner: document.getElementById('show-banner'), preferences: document.getElementById('show-preferences') };
for (const [view, el] of Object.entries(viewButtons))
  el.addEventListener('click', () => {
    previewView = view;
    for (const [v, b] of Object.entries(viewButtons)) b.setAttribute('aria-pressed', String(v === view));
    showPreview();
    // Shown again even when the view did not change (the visitor may have closed it in the frame).
    try {
      const api = frame.contentWindow.consentry;
      view === 'preferences' ? api.showPreferences() : api.showBanner();
    } catch {
      // not loaded yet: it opens on this view
    }
  });

// Copy: the clipboard when the browser allows it, else the text is selected for Ctrl+C.
const copyStatus = document.getElementById('copy-status');
function say(text) {
  copyStatus.textContent = '';
  // Emptied first, so that the same message is announced again.
  setTimeout(() => (copyStatus.textContent = text), 50);
}
async function copy(area) {
  try {
    await navigator.clipboard.writeText(area.value);
    say('Copied');
  } catch {
    area.focus();
    area.select();
    say('Copying is not allowed here: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.');
  }
}
document.getElementById('copy-json').addEventListener('click', () => copy(jsonArea));
document.getElementById('copy-snippet').addEventListener('click', () => copy(snippetArea));

// The skip link moves focus without touching the address (which holds the configuration).
document.querySelector('.skip').addEventListener('click', e => {
  e.preventDefault();
  document.getElementById('output-h').focus();
});

// Open an existing configuration, or start again.
const loadArea = document.getElementById('load-json');
const loadStatus = document.getElementById('load-status');
function start(input) {
  load(input);
  textsLanguage = defaultLanguage();
  previewLanguage = LANGUAGE_TAG.test(textsLanguage) ? textsLanguage : 'en';
  render();
}
document.getElementById('load-button').addEventListener('click', () => {
  let input;
  try {
    input = JSON.parse(loadArea.value);
  } catch (e) {
    loadStatus.textContent = 'This is not JSON: ' + e.message;
    return;
  }
  try {
    start(input);
    loadStatus.textContent = 'Loaded. The problems, if any, are listed beside the form.';
  } catch (e) {
    loadStatus.textContent = 'The form cannot edit this configuration: ' + e.message + '.';
  }
});
document.getElementById('reset-button').addEventListener('click', () => {
  start(EXAMPLE);
  loadStatus.textContent = 'The form holds the example again.';
});

// Start: the English texts (for the placeholders), then the configuration in the address, if any
// (the address keeps the configuration, so a reload or a shared link keeps the work), else the example.
english = await fetch('/consentry/i18n/en.json').then(r => (r.ok ? r.json() : {}), () => ({}));
const saved = location.hash.startsWith('#config=') ? decode(location.hash.slice('#config='.length)) : undefined;
try {
  start(saved ?? EXAMPLE);
} catch (e) {
  start(EXAMPLE);
  loadStatus.textContent = 'The configuration in the address could not be loaded (' + e.message + '); here is the example.';
  document.getElementById('load').open = true;
}
