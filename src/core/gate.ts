// The tag gate (README, "Gated tags"): inert elements marked `data-consent` are activated once every category
// they name is granted. Scripts run at most once, in document order: an external script that is not
// `async` holds back the ones after it until it has loaded or failed, as the parser would.

import { ATTR_CONSENT, ATTR_TYPE } from './constants';
import { safe } from './guard';

export interface Gate {
  /** Activates every gated element under `root` whose categories are now all granted. */
  scan(root?: ParentNode): void;
  /** Stops watching for elements added later. */
  stop(): void;
}

export interface GateHooks {
  /** Whether every one of these categories is granted. */
  allowed(categories: string[]): boolean;
  /** A gated element stays blocked (first time seen): e.g. draw an iframe placeholder. */
  blocked?(el: Element, categories: string[]): void;
  /** A gated element was just activated. */
  activated?(el: Element): void;
  /** An element was added to the document; called before the gate looks at it (automatic blocking). */
  added?(el: Element): void;
}

const MEDIA_ATTRS = ['src', 'srcset', 'href'] as const;
const SELECTOR = '[' + ATTR_CONSENT + ']';

export const categoriesOf = (el: Element): string[] => (el.getAttribute(ATTR_CONSENT) || '').match(/\S+/g) || [];


type Policy = Record<'createScript' | 'createScriptURL', (s: string) => string>;
// Passes strings through: the rules of the `consentry` policy, and the stand-in where there is none.
const AS_IS: Policy = { createScript: String, createScriptURL: String };
let policy: Policy | undefined;
/**
 * Under Trusted Types (`require-trusted-types-for 'script'`) a script's text and URL must come from
 * a policy. The gate's, named `consentry`, is created on first use and passes on only what the gate
 * copies from a gated element of the page. Where the page's `trusted-types` directive does not
 * list it, strings go as they are (the page's default policy, if any, decides).
 */
const trusted = (): Policy =>
  (policy ||=
    safe(() => (window as { trustedTypes?: { createPolicy(n: string, p: Policy): Policy } }).trustedTypes?.createPolicy('consentry', AS_IS)) ||
    AS_IS);

/** A runnable copy: same attributes (nonce included, which the browser hides from getAttribute), real type. */
export function cloneScript(old: HTMLScriptElement): HTMLScriptElement {
  const s = document.createElement('script');
  // By name, not through `attributes`: a page's first walk of a NamedNodeMap costs about 0.1 ms (README, "Performance, side by side").
  for (const name of old.getAttributeNames())
    if (name !== 'type' && name !== ATTR_TYPE) s.setAttribute(name, name === 'src' ? trusted().createScriptURL(old.getAttribute(name)!) : old.getAttribute(name)!);
  const type = old.getAttribute(ATTR_TYPE);
  if (type) s.type = type;
  if (old.nonce) s.nonce = old.nonce;
  // A script created by script is async unless told otherwise; the parser's default is in order.
  s.async = old.hasAttribute('async');
  if (!old.src) s.text = trusted().createScript(old.text);
  return s;
}

/**
 * Watches the document for gated elements and activates them when `hooks.allowed` says so.
 * @example createGate({ allowed: cats => cats.every(c => granted.has(c)) }).scan()
 */
export function createGate(hooks: GateHooks): Gate {
  const seen = new WeakSet<Element>();
  const done = new WeakSet<Element>();
  const queue: HTMLScriptElement[] = [];
  let waiting = false;

  const pump = (): void => {
    while (!waiting && queue.length) {
      const old = queue.shift()!;
      // One tag that cannot be copied (a Trusted Types refusal) must not hold back the next.
      safe(() => {
        const s = cloneScript(old);
        // Handlers before insertion: a load that fires at once (a cached script) is not missed.
        if (s.src && !s.async) {
          waiting = true;
          s.onload = s.onerror = () => {
            waiting = false;
            pump();
          };
        }
        const parent = old.parentNode;
        if (parent) parent.replaceChild(s, old);
        else document.head.appendChild(s);
        hooks.activated?.(s);
      });
    }
  };

  const consider = (el: Element): void => {
    if (done.has(el)) return;
    const script = el.tagName === 'SCRIPT';
    // A script that is not `type="text/plain"` already ran (or is one of our copies): nothing to gate.
    if (script && !/^text\/plain$/i.test((el as HTMLScriptElement).type)) return;
    const cats = categoriesOf(el);
    if (!cats.length || !hooks.allowed(cats)) {
      if (!seen.has(el)) {
        seen.add(el);
        hooks.blocked?.(el, cats);
      }
      return;
    }
    done.add(el);
    if (script) {
      queue.push(el as HTMLScriptElement);
      return;
    }
    for (const name of MEDIA_ATTRS) {
      const v = el.getAttribute('data-' + name);
      if (v !== null) el.setAttribute(name, v);
    }
    // Media elements pick up a new <source> only when told to load again.
    const media = el.tagName === 'SOURCE' ? el.parentElement : el;
    if (media && (media.tagName === 'VIDEO' || media.tagName === 'AUDIO')) (media as HTMLMediaElement).load();
    hooks.activated?.(el);
  };

  const scan = (root: ParentNode = document): void => {
    if ((root as Element).matches?.(SELECTOR)) consider(root as Element);
    if (root.firstElementChild) root.querySelectorAll(SELECTOR).forEach(consider);
    pump();
  };

  // Runs outside any guard of ours (the browser calls it), so it brings its own. While the page
  // is parsed, a batch of many new nodes (the parser's, between two scripts) is checked with one
  // query of the whole document: cheaper than reaching each node from script (README, "Performance, side by side").
  let observer: MutationObserver | null = new MutationObserver(records =>
    safe(() => {
      const whole = records.length > 15 && document.readyState === 'loading';
      records.forEach(r => r.addedNodes.forEach(n => n.nodeType === 1 && (hooks.added?.(n as Element), whole || scan(n as Element))));
      if (whole) scan();
    }),
  );
  observer.observe(document.documentElement, { childList: true, subtree: true });

  return {
    scan,
    stop() {
      observer?.disconnect();
      observer = null;
    },
  };
}
