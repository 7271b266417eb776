// A tiny emitter. A subscriber that throws is reported and never stops the others.

import { safe } from './guard';

export interface Emitter<E extends string, P> {
  on(event: E, fn: (payload: P) => void): () => void;
  emit(event: E, payload: P): void;
}

export function createEmitter<E extends string, P>(): Emitter<E, P> {
  const subscribers: Partial<Record<E, Set<(payload: P) => void>>> = {};
  return {
    on(event, fn) {
      const set = (subscribers[event] ||= new Set());
      const once = (p: P) => fn(p);
      set.add(once);
      return () => void set.delete(once);
    },
    emit(event, payload) {
      for (const fn of [...(subscribers[event] || [])]) safe(() => fn(payload));
    },
  };
}

/** Dispatches `consentry:<name>` on document (contract §5). */
export function dispatchDomEvent(name: string, detail: unknown): void {
  safe(() => document.dispatchEvent(new CustomEvent('consentry:' + name, { detail })));
}
