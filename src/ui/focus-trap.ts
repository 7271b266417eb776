// Keeps Tab and Shift+Tab inside a modal dialog (WAI-ARIA APG "Dialog (Modal)", STANDARDS A11Y-4).
// Only modal dialogs use it: the bar and the box never hold focus.

const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),summary';

/** A keydown handler's helper: Tab on the last control goes to the first, Shift+Tab on the first (or on the heading) to the last. */
export function trapFocus(e: KeyboardEvent, box: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const all = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const i = all.indexOf((box.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement);
  if (e.shiftKey ? i < 1 : i === all.length - 1) {
    e.preventDefault();
    all[e.shiftKey ? all.length - 1 : 0]?.focus();
  }
}
