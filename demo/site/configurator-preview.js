// The configurator's preview frame: the real SDK (dist/consentry.mjs, the same code as the loader's
// chunks) started with the configuration carried in the fragment, as base64url JSON:
//   { config, view: 'banner' | 'preferences', lang }
// The SDK keeps one instance per page, so a new configuration means a reload of this frame; a new
// view alone is shown without one. What the preview does stays in the preview: its own cookie
// (cleared at every load), no receipts, no clearing of the site's cookies, and in-memory storage, so
// that nothing here changes the consent, the language or the receipts of the demo site itself.
import { init } from '/consentry/consentry.mjs';
import { decode, PREVIEW_COOKIE } from '/configurator-codec.js';

/** A Storage that lives and dies with this page: the SDK reads and writes it like localStorage. */
function memoryStorage() {
  const data = new Map();
  const api = {
    getItem: key => (data.has(String(key)) ? data.get(String(key)) : null),
    setItem: (key, value) => void data.set(String(key), String(value)),
    removeItem: key => void data.delete(String(key)),
    clear: () => data.clear(),
    key: index => [...data.keys()][index] ?? null,
    get length() {
      return data.size;
    },
  };
  return new Proxy(api, {
    get: (target, key, receiver) =>
      typeof key === 'string' && !(key in target) ? data.get(key) : Reflect.get(target, key, receiver),
    set: (_, key, value) => (data.set(String(key), String(value)), true),
    deleteProperty: (_, key) => (data.delete(String(key)), true),
    has: (target, key) => data.has(key) || key in target,
    ownKeys: () => [...data.keys()],
    getOwnPropertyDescriptor: (_, key) =>
      data.has(key) ? { value: data.get(key), writable: true, enumerable: true, configurable: true } : undefined,
  });
}
for (const area of ['localStorage', 'sessionStorage'])
  try {
    Object.defineProperty(window, area, { value: memoryStorage(), configurable: true });
  } catch {
    // not redefinable here: the preview then shares the site's storage (only its language pick)
  }

// A dialog moves focus to its heading. While the person is typing in the configurator, a reload of
// this frame must not pull focus out of the form: focus moves only once they use the preview itself.
const focus = HTMLElement.prototype.focus;
HTMLElement.prototype.focus = function (options) {
  if (document.hasFocus()) focus.call(this, options);
};

const isObject = value => !!value && typeof value === 'object' && !Array.isArray(value);
const read = () => {
  const data = decode(location.hash.slice(1));
  return isObject(data) && isObject(data.config) ? data : null;
};
const show = (api, view) => (view === 'preferences' ? api.showPreferences() : api.showBanner());

const data = read();
if (!data) {
  const note = document.getElementById('note');
  note.textContent = 'Nothing to preview yet.';
  note.hidden = false;
} else {
  const config = JSON.parse(JSON.stringify(data.config));
  // The preview's own cookie, on the whole site, so it can be cleared; the rest of the cookie
  // settings do not change what the banner looks like.
  config.cookie = { ...(isObject(config.cookie) ? config.cookie : {}), name: PREVIEW_COOKIE, path: '/' };
  delete config.cookie.domain;
  delete config.receipts;
  for (const category of Object.values(isObject(config.categories) ? config.categories : {}))
    if (isObject(category)) {
      delete category.cookies; // a refusal here must not clear the site's cookies
      // init() refuses `blocks` (automatic blocking needs the inline configuration of consentry.js);
      // the preview shows the banner, and the configurator has checked them as a configuration file.
      for (const service of Array.isArray(category.services) ? category.services : []) if (isObject(service)) delete service.blocks;
    }
  document.cookie = PREVIEW_COOKIE + '=; Max-Age=0; Path=/; SameSite=Lax';
  if (typeof data.lang === 'string' && data.lang) document.documentElement.lang = data.lang;
  const api = init(config);
  show(api, data.view);
  addEventListener('hashchange', () => {
    const next = read();
    // The same configuration in another view: show it in place.
    if (next && JSON.stringify(next.config) === JSON.stringify(data.config) && next.lang === data.lang) {
      data.view = next.view;
      show(api, next.view);
    } else location.reload();
  });
}
if (!data) addEventListener('hashchange', () => location.reload());
