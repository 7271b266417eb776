// What both layers share: the modal frame (WAI-ARIA APG "Dialog (Modal)") and a layer's head.

import type { ComponentChildren } from 'preact';
import { trapFocus } from './focus-trap';

/** A modal dialog on a backdrop, labelled by the element `label` names: Tab stays inside, Escape calls `onEscape`. */
export const Dialog = (p: { label: string; onEscape: () => void; hidden?: boolean; children: ComponentChildren }) => (
  <div class="bk" hidden={p.hidden}>
    <div
      class="cd md"
      role="dialog"
      aria-modal="true"
      aria-labelledby={p.label}
      onKeyDown={e => (e.key === 'Escape' ? p.onEscape() : trapFocus(e, e.currentTarget))}
    >
      {p.children}
    </div>
  </div>
);

/** A layer's heading (focusable by script: a dialog starts there) and its × control. */
export const Head = (p: { id: string; title: string; close: string; onClose: () => void }) => (
  <div class="hd">
    <h2 id={p.id} tabIndex={-1}>
      {p.title}
    </h2>
    {/* The accessible name is the tooltip's text (A11Y-14). */}
    <button class="x" aria-label={p.close} title={p.close} onClick={p.onClose}>
      ×
    </button>
  </div>
);
