// Events are DOM events on document (`consentry:change`, …); `on()` subscribes to them, so there is
// one channel. A subscriber that throws is reported and never stops the others.

import { EVENT_PREFIX } from './constants';
import { safe } from './guard';

/** Dispatches `consentry:<name>` on document with the state as `detail` (README, "JavaScript API"). */
export function dispatchDomEvent(name: string, detail: unknown): void {
  safe(() => document.dispatchEvent(new CustomEvent(EVENT_PREFIX + name, { detail })));
}

/**
 * Calls `fn(detail)` on every `consentry:<name>` event.
 * @returns unsubscribe
 */
export function listen<T>(name: string, fn: (detail: T) => void): () => void {
  const handler = (e: Event) => safe(() => fn((e as CustomEvent<T>).detail));
  document.addEventListener(EVENT_PREFIX + name, handler);
  return () => document.removeEventListener(EVENT_PREFIX + name, handler);
}
