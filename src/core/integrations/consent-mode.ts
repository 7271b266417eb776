// Google Consent Mode v2, Microsoft UET consent mode and the Meta pixel consent API (README, "Google Consent Mode v2").

import { CONSENT_MODE_TYPES, DATALAYER_EVENT, WAIT_FOR_UPDATE_MS } from '../constants';
import type { ResolvedConfig } from '../config';

type Signal = 'granted' | 'denied';
type AnyWindow = Window & Record<string, any>;
const w = (): AnyWindow => window as unknown as AnyWindow;

/**
 * `gtag` as Google's snippet defines it. gtag.js reads only `arguments` objects from dataLayer
 * and silently skips plain arrays (STANDARDS GCM-2), so the fallback must push `arguments` too.
 */
function gtag(..._args: unknown[]): void {
  const win = w();
  win.dataLayer = win.dataLayer || [];
  if (typeof win.gtag !== 'function')
    win.gtag = function () {
      // eslint-disable-next-line prefer-rest-params
      win.dataLayer.push(arguments);
    };
  // eslint-disable-next-line prefer-rest-params
  win.gtag.apply(win, arguments);
}

/**
 * Each mapped consent type's signal. A type named by several categories is granted only when all
 * of them are (fail closed). Only the documented types are ever sent (STANDARDS GCM-3).
 */
export function consentSignals(config: ResolvedConfig, isGranted: (key: string) => boolean): Record<string, Signal> {
  const out: Record<string, Signal> = {};
  for (const cat of config.categories)
    for (const type of cat.consentMode)
      if (CONSENT_MODE_TYPES.indexOf(type) >= 0)
        out[type] = out[type] !== 'denied' && isGranted(cat.key) ? 'granted' : 'denied';
  return out;
}

/**
 * Pushes `consent default` (synchronously, with wait_for_update) or `consent update`, and the UET and
 * Meta equivalents. The default denies every mapped type unless already granted (a required
 * category of a configuration known valid); with no readable configuration, all seven types.
 */
export function pushConsent(kind: 'default' | 'update', config: ResolvedConfig | null, isGranted: (key: string) => boolean): void {
  const signals: Record<string, Signal | number> = config
    ? consentSignals(config, isGranted)
    : Object.fromEntries(CONSENT_MODE_TYPES.map(t => [t, 'denied']));
  // A site that maps no consent type gets no dataLayer or gtag from us.
  if (Object.keys(signals).length) {
    if (kind === 'default') signals.wait_for_update = WAIT_FOR_UPDATE_MS;
    gtag('consent', kind, signals);
  }
  if (!config) return;
  const { uet, metaPixel } = config.integrations;
  if (uet) {
    const win = w();
    (win.uetq = win.uetq || []).push('consent', kind, { ad_storage: isGranted(uet) ? 'granted' : 'denied' });
  }
  if (metaPixel) metaConsent(isGranted(metaPixel));
}

/** `{ event: 'consentry_change', consentry: { analytics: 'granted', … } }`, only when a dataLayer exists. */
export function pushDataLayerEvent(choices: Record<string, boolean>): void {
  const consentry: Record<string, Signal> = {};
  // Own keys only: for-in would list what a page added to Object.prototype, `granted` if truthy.
  for (const k of Object.keys(choices)) consentry[k] = choices[k] ? 'granted' : 'denied';
  w().dataLayer?.push?.({ event: DATALAYER_EVENT, consentry });
}

let metaWanted = false;
// No declared parameter (none is read): 4 loader bytes.
const argumentsOf = function (): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
} as (...a: unknown[]) => IArguments;
/** Calls `then` with the value the first time `key` is assigned on `obj`, after storing it as a plain property. */
const onFirstSet = (obj: object, key: string, then: (value: any) => void): unknown =>
  Object.defineProperty(obj, key, {
    configurable: true,
    get() {},
    set(value) {
      Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: true });
      then(value);
    },
  });
/**
 * `fbq('consent', 'grant' | 'revoke')`. Meta's snippet returns early when `fbq` already exists (and
 * then never loads fbevents.js), so we must not create it. While it is absent, a setter waits for
 * the snippet to define it; the snippet assigns `fbq.queue = []` only after that, so a second
 * setter puts our call at the head of that queue, before the snippet's own `init` and `track`.
 */
function metaConsent(granted: boolean): void {
  const win = w();
  metaWanted = granted;
  const call = (): IArguments => argumentsOf('consent', metaWanted ? 'grant' : 'revoke');
  if (typeof win.fbq === 'function') return void win.fbq.apply(win, call());
  // Trapping again (a later decision before the snippet) is harmless: `call` reads metaWanted.
  // A page that made `fbq` non-configurable makes defineProperty throw: then there is nothing to do.
  try {
    onFirstSet(win, 'fbq', fn =>
      typeof fn === 'function' &&
      (Array.isArray(fn.queue) ? fn.queue.unshift(call()) : onFirstSet(fn, 'queue', q => Array.isArray(q) && q.push(call()))),
    );
  } catch {
    // see above
  }
}
