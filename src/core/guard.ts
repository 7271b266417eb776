// Contract: the SDK never throws into the host page. Every entry point runs through `safe`.

const said = new Set<string>();

/** Logs once per distinct message, with the `[consentry]` prefix. */
export function report(message: string, level: 'error' | 'warn' = 'error'): void {
  if (said.has(message)) return;
  said.add(message);
  try {
    console[level]('[consentry] ' + message);
  } catch {
    // a page that replaced `console` still must not break
  }
}

/** Runs `fn`; an exception is reported and `fallback` returned instead. */
export function safe<T>(fn: () => T, fallback?: T): T {
  try {
    return fn();
  } catch (e) {
    report(String((e as Error)?.message || e));
    return fallback as T;
  }
}
