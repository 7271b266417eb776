// createConsentry(): one SDK instance, the object behind `window.consentry` (README, "JavaScript API").
// It owns the state; the gate, the integrations and the UI only read it and call its commands.
//
// The loader holds only what a passive page view needs. Validating, deciding and auditing live in a
// lazily loaded chunk (core/lazy.ts). Until the validator has passed the configuration nothing is
// granted, not even required categories, so a broken configuration can never fail open. Its
// verdict is cached in localStorage under a hash of the SDK version and the configuration, so a
// returning visitor downloads nothing but the loader.

import { ownCopy, resolveConfig, type ResolvedConfig } from './config';
import { ATTR_OPEN, CORE_CHUNK, DECIDE_CHUNK, LOADER_TEXTS, LOADER_TEXTS_KEY, SYNC_KEY, OUTBOX_KEY, RECEIPTS_CHUNK, SDK_VERSION, UI_CHUNK, VALID_MARK_KEY } from './constants';
import { choicesOf } from './consent';
import { decodeDecision, type StoredDecision } from './consent-cookie';
import { eraseCookies, readCookies } from './cookie-jar';
import { dispatchDomEvent, listen } from './events';
import { installAutoblock } from './autoblock-install';
import { createGate, type Gate } from './gate';
import { report, safe } from './guard';
import { pushConsent, pushDataLayerEvent } from './integrations/consent-mode';
import { gpcEnabled } from './integrations/gpc';
import { floatingButton, placeholder, uiRoot, unplaceholder, whenBody } from './widgets';
import type { Shown } from './shown';
import type { Action, Choices, Config, Consentry, ConsentState, EventName } from './types';

/**
 * What the lazy chunks export (core/lazy.ts): the validator and the decision writer. The core
 * chunk has both; the UI chunk has the validator (and `mount`); the decision chunk has the writer.
 */
export type Lazy = typeof import('./lazy');
type Audit = typeof import('./audit').audit;

export interface Environment {
  /** Folder (ending in /) where the UI chunk and language packs live. */
  base: string;
  /** Imports a chunk by URL. */
  load?: (url: string) => Promise<unknown>;
  /** The lazy part at hand (bundler builds): no chunk to fetch, the configuration checked at once. */
  lazy?: Lazy;
  /** The audit at hand (bundler builds). */
  audit?: Audit;
  /** `data-debug` on the loader's script: the debug report. */
  debug?: boolean;
}

/** What the UI chunk is handed: the API to command, and read-only facts to draw. */
export interface UiContext {
  api: Consentry;
  /** The shadow root of `<div id="consentry-root">`, shared with the floating button. */
  root: ShadowRoot;
  config: ResolvedConfig;
  gpc: boolean;
  base: string;
  /** The UI reports what it shows; the instance tells subscribers (`show`, `hide`). */
  notify(event: 'show' | 'hide'): void;
  /** The UI reports the texts it draws (again after a language switch): a receipt proves them. */
  showing(texts: Shown): void;
}

/** The UI chunk's handle, as the core sees it. */
export interface UiHandle {
  /** Resolves once the view is drawn (the language pack, or the preferences chunk, may be fetched first). */
  show(view: 'banner' | 'preferences'): Promise<void>;
  hide(): Promise<void>;
}
type UiModule = Pick<Lazy, 'checkConfig'> & { mount(ctx: UiContext): UiHandle };

const importUrl = (url: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ url);

/**
 * Creates the SDK instance: reads the stored decision, pushes the Consent Mode default, starts the
 * gate, validates the configuration, and shows the banner when a decision is needed.
 * @param input the configuration (an invalid one refuses every optional category)
 * @example const consentry = createConsentry(config, { base: '/consentry/' }); consentry.get('analytics')
 */
export function createConsentry(input: unknown, env: Environment): Consentry {
  // Not `safe`: an unreadable configuration is reported once, by the validator, with its path.
  const config: ResolvedConfig | null = ((): ResolvedConfig | null => {
    try {
      return resolveConfig((input = ownCopy(input)) as Config);
    } catch {
      return null;
    }
  })();
  const gpc = gpcEnabled();
  const keys = config ? config.categories.map(c => c.key) : [];
  const base = config?.source.assetsUrl || env.base;
  const load = (__BUNDLER__ && env.load) || importUrl;
  // The SDK version and the configuration as JSON, kept whole: the browser compares two strings
  // natively, where hashing a large configuration in script on every page view cost milliseconds
  // (README, "Performance, side by side"). NaN when the page broke JSON.stringify: it equals nothing,
  // so no stored verdict can be taken for this configuration's (a constant mark would let one
  // verdict stand for every configuration).
  const mark = safe<string | number>(() => SDK_VERSION + JSON.stringify(input), NaN);
  // true: validated; false: found invalid; undefined: not yet known.
  let valid: boolean | undefined = (!!config && safe(() => localStorage[VALID_MARK_KEY], null) === mark) || undefined;
  const readDecision = (): StoredDecision | null =>
    safe(() => {
      const value = config && readCookies().get(config.cookie.name);
      return value ? decodeDecision(value, keys, config!.revision, config!.cookie.maxAgeDays, Date.now()) : null;
    }, null);
  let decision = readDecision();
  let ui: Promise<UiHandle | null> | null = null;
  let gate: Gate | null = null;
  // Automatic blocking, when services list `blocks`.
  let autoblock: ReturnType<typeof installAutoblock>;

  const required = (key: string): boolean => !!config?.categories.find(c => c.key === key && c.required);
  // In the visitor's language once the UI chunk has seen it (it leaves them in localStorage); English before.
  const cached: Partial<typeof LOADER_TEXTS> = safe(() => JSON.parse(localStorage[LOADER_TEXTS_KEY] || 0), 0) || {};
  const text = (key: keyof typeof LOADER_TEXTS): string => cached[key] || LOADER_TEXTS[key];
  let shown = false;
  // What the banner drew, for the receipts (core/shown.ts).
  let texts: Shown | undefined;
  /** The floating button shows once a decision exists, whenever the banner and preferences do not. */
  const fab = (): void => {
    if (valid && config!.source.ui?.floatingButton !== false)
      floatingButton(!!decision && !shown, text('fab.label'), () => api.showPreferences());
  };

  // A required category is granted whatever the stored bits say: it may have become required since.
  const isGranted = (key: string): boolean =>
    !!valid && (!!decision?.granted.has(key) || required(key));
  const granted = (): Set<string> => new Set(keys.filter(isGranted));

  const state = (): ConsentState => {
    const d = valid && decision;
    return {
      decided: !!d,
      // Every category (none granted yet while the configuration is checked); none once it is invalid.
      choices: choicesOf(valid === false ? null : config, granted()),
      consentId: d ? d.consentId : null,
      // Made when read: the page's first Date costs about 0.2 ms (1 ms at 4x CPU), and every page
      // view builds a state for its `ready` event that few read (README, "Performance, side by side").
      get decidedAt() {
        return d ? new Date(d.decidedAt).toISOString() : null;
      },
      revision: config ? config.revision : 0,
    };
  };

  /** Refused categories' cookies go, on every load and after every decision (storage keys: decide.ts). */
  const clearRefused = (): void =>
    eraseCookies(config!.categories.filter(c => !isGranted(c.key)).flatMap(c => c.cookies), config!.cookie.name);

  /** A stored or new decision takes effect: cookies, Consent Mode, tags, listeners. */
  const apply = (): void => {
    clearRefused();
    if (decision) pushConsent('update', config, isGranted);
    gate?.scan();
    autoblock?.release();
    if (decision) pushDataLayerEvent(state().choices);
    fab();
  };

  const chunk = <T>(name: string): Promise<T> => load(base + name) as Promise<T>;
  // Where decisions are written: with receipts, the receipts chunk carries the writer too.
  const writer = config?.source.receipts?.endpoint ? RECEIPTS_CHUNK : DECIDE_CHUNK;
  // The lazy part, gathered from the chunks as they come: the validator from the UI chunk or the
  // core chunk, the decision writer from the decision chunk or the core chunk. import() caches
  // modules by URL, so asking again costs nothing; `lazy` only makes later calls synchronous.
  let lazy: Partial<Lazy> = (__BUNDLER__ && env.lazy) || {};
  // Should a chunk fail to load, the core chunk brings validation, decisions and a plain banner.
  const lazyChunk = <T>(name: string): Promise<T> => chunk<T>(name).catch(() => chunk<T>(CORE_CHUNK));
  // Its result, or a promise of it while the chunk is on its way (undefined: not loaded, reported).
  const withLazy = <T>(part: keyof Lazy, name: string, fn: (m: Lazy) => T): T | Promise<T | void> =>
    lazy[part]
      ? safe(() => fn(lazy as Lazy))
      : lazyChunk<Partial<Lazy>>(name)
          .then(
            m => safe(() => fn((lazy = { ...m, ...lazy }) as Lazy)),
            e => report('not loaded: ' + (e as Error).message),
          );

  // The chunk's verdict first: it reports what is wrong even when nothing could be resolved.
  const check = (m: Lazy): boolean => (valid = m.checkConfig(input, mark) && !!config);
  if (__BUNDLER__ && !valid && lazy.checkConfig) safe(() => check(lazy as Lazy));
  // Resolves true once the configuration is known valid; falsy (reported) otherwise. A visitor who
  // has not decided will need the banner: the UI chunk brings the validator along.
  // No `new Promise` or `Promise.resolve` in the loader: a page may have replaced or removed the
  // global Promise (README, "Browser support"); async functions and import() still make the engine's own promises.
  const validation = (async () =>
    valid !== undefined || (__BUNDLER__ && lazy.checkConfig) ? !!valid : withLazy('checkConfig', decision || !config ? CORE_CHUNK : UI_CHUNK, m => check(m) && (apply(), true)))();

  const whenValid = (fn: () => void): void => {
    if (valid) fn();
    else void validation.then(ok => ok && safe(fn));
  };

  const notify = (event: 'show' | 'hide'): void => {
    shown = event === 'show';
    fab();
    dispatchDomEvent(event, state());
  };
  const loadUi = (): Promise<UiHandle | null> =>
    (ui ||= lazyChunk<UiModule>(UI_CHUNK).then(
      m => (
        (lazy = { ...m, ...lazy }),
        // A thenable, adopted by the engine's promise: no global Promise needed (see `validation`).
        ({ then: (done: (h: UiHandle) => void) => whenBody(() => done(m.mount({ api, root: uiRoot(), config: config!, gpc, base, notify, showing: t => (texts = t) }))) }) as unknown as UiHandle
      ),
      e => {
        report('not loaded: ' + (e as Error).message);
        ui = null;
        return null;
      },
    ));
  const show = (view: 'banner' | 'preferences'): void =>
    safe(() =>
      whenValid(() =>
        void loadUi().then(h =>
          h &&
          safe(() => {
            uiRoot();
            // Shown, then the decision writer is fetched: here by the time the visitor clicks, and
            // not among what the banner waits for.
            return h.show(view).then(() => withLazy('decide', writer, () => {}));
          }),
        ),
      ),
    );

  const decide = (action: Action, request: Partial<Choices> = {}): void =>
    safe(() => {
    // No configuration: already reported, with the path of what is wrong; nothing to decide.
    if (!config) return;
    whenValid(() => withLazy('decide', writer, m => {
      decision = m.decide(config, action, decision, granted(), request, gpc, base, load, texts);
      apply();
      // The site's other tabs follow (the `storage` event reaches them only). The value must differ
      // at every write, or no event fires (two decisions within one second would).
      safe(() => (localStorage[SYNC_KEY] = Date.now() + '' + Math.random()));
      dispatchDomEvent('change', state());
      if (ui) void ui.then(h => h && h.hide());
    }));
    });

  const api: Consentry = {
    version: SDK_VERSION,
    // undefined while undecided (or still being checked); false for everything once found invalid.
    get: key =>
      safe(() => (valid === false || !config ? false : isGranted(key) || (valid && decision ? false : undefined)), false),
    get state() {
      return safe(state, undefined as unknown as ConsentState);
    },
    acceptAll: () => decide('accept_all'),
    rejectAll: () => decide('reject_all'),
    set: choices => decide('custom', choices),
    withdraw: () => decide('withdraw'),
    showBanner: () => show('banner'),
    showPreferences: () => show('preferences'),
    hide: () => safe(() => void ui?.then(h => h && h.hide())),
    on: (event, fn) =>
      safe(
        () => {
          if (typeof fn !== 'function') throw 'on() needs a function';
          const off = listen(event, fn);
          // `ready` is replayed for late subscribers: the instance is ready as soon as it exists.
          if (event === 'ready') safe(() => fn(state()));
          return off;
        },
        () => {},
      ),
    audit: async () => (__BUNDLER__ && env.audit ? env : await chunk<{ audit: Audit }>(CORE_CHUNK)).audit!(config, isGranted),
  };

  safe(() => {
    // Consent Mode's default must precede every tag: pushed before the gate can activate anything.
    // Optional categories are denied by default even when a stored decision grants them: that
    // decision follows at once as an update (STANDARDS GCM-4, GCM-5).
    pushConsent('default', config, key => !!valid && required(key));
    if (config) autoblock = installAutoblock(config.source, isGranted);
    gate = createGate({
      added: autoblock?.hold,
      allowed: cats => cats.every(isGranted),
      // An iframe waiting for an optional category gets a placeholder that can grant it.
      blocked: (el, cats) =>
        el.tagName === 'IFRAME' &&
        cats.some(c => !required(c)) &&
        placeholder(el as HTMLElement, text('placeholder.text'), text('placeholder.load'), () =>
          api.set(Object.fromEntries(cats.map(c => [c, true]))),
        ),
      activated: unplaceholder,
    });
    if (valid) apply();
    gate.scan();
    document.addEventListener('click', e =>
      safe(() => {
        if ((e.target as Element | null)?.closest?.('[' + ATTR_OPEN + ']')) {
          e.preventDefault();
          api.showPreferences();
        }
      }),
    );
    if (config && !decision) show('banner');
    // Receipts that earlier pages could not deliver: the receipts chunk retries them.
    if (config?.source.receipts?.endpoint && safe(() => localStorage[OUTBOX_KEY]))
      whenValid(() => void chunk<typeof import('../receipts-chunk')>(RECEIPTS_CHUNK).then(m => m.retry(config), () => {}));
  });
  if (config) {
    // Another tab decided: take its decision from the cookie, apply it, close the banner. No receipt
    // here: that tab sent it.
    addEventListener('storage', e =>
      e.key === SYNC_KEY &&
      whenValid(() => {
        decision = readDecision();
        apply();
        dispatchDomEvent('change', state());
        if (ui) void ui.then(h => h && h.hide());
      }),
    );
    // The debug report of `data-debug`: the audit as a table, once on load and after each decision.
    // (`debug: true` in the configuration is the lazy chunks' to report, in every loader: verdict.ts.)
    if (env.debug && !config.source.debug) {
      const print = () => chunk<typeof import('./audit')>(CORE_CHUNK).then(m => m.printAudit(config, isGranted), () => {});
      whenValid(print);
      listen('change', print);
    }
  }
  dispatchDomEvent('ready', state());
  return api;
}
