// Automatic blocking (README, "Automatic blocking"): elements that no one tagged, but whose URL a service lists in
// `blocks`, are kept from running or loading until that service's category is granted; the gate
// then activates them like any gated element.
//
// How, and what the browser guarantees:
// - Parser-inserted elements (in the HTML after the loader): the HTML parser performs a microtask
//   checkpoint at `</script>` before it prepares the script (HTML, "An end tag whose tag name is
//   'script'"), so the gate's MutationObserver sees the element first and turns it inert
//   (`type="text/plain"`): it never runs. The browser's preload scanner may still have fetched the
//   file (it reads the HTML ahead of the parser); nothing runs, but the request can happen. Put the
//   tag as `type="text/plain" data-consent` yourself to avoid even that.
// - Script-inserted elements (a tag manager, a pixel snippet): a script or an iframe starts loading
//   when inserted, so appendChild/insertBefore/append/prepend/before/after/replaceWith are wrapped to
//   make a matching element inert first; an image starts loading when its `src` is set, so the
//   HTMLImageElement `src` setter and `setAttribute('src')` are wrapped too. Nothing is requested.
// - Out of reach: `document.write`; images and iframes in markup set with `innerHTML` (they may
//   start loading before the observer sees them; scripts from innerHTML never run anyway).

import { ATTR_CONSENT } from './constants';
import type { Matcher } from './patterns';

export interface Blocker {
  /** The category a URL belongs to, if a service lists it in `blocks` and it is not granted. */
  categoryOf(url: string): string | undefined;
}

const URL_ATTRS: Record<string, string> = { SCRIPT: 'src', IFRAME: 'src', IMG: 'src', EMBED: 'src', LINK: 'href' };

/**
 * Makes a matching element inert and tags it `data-consent`, so the gate activates it later.
 * @returns whether it was held
 */
export function hold(el: Element, blocker: Blocker): boolean {
  const attr = URL_ATTRS[el.tagName];
  const url = attr && el.getAttribute(attr);
  if (!url || el.hasAttribute(ATTR_CONSENT)) return false;
  const cat = blocker.categoryOf(new URL(url, location.href).href);
  if (!cat) return false;
  el.setAttribute(ATTR_CONSENT, cat);
  if (el.tagName === 'SCRIPT') {
    const type = el.getAttribute('type');
    if (type) el.setAttribute('data-type', type);
    el.setAttribute('type', 'text/plain');
  } else {
    el.setAttribute('data-' + attr, url);
    el.removeAttribute(attr);
  }
  return true;
}

/** The matchers of every service's `blocks`, with their category. */
export type BlockList = { match: Matcher; category: string }[];

const HOLDABLE = 'script,iframe,img,embed,link';

/**
 * Wraps the DOM entry points a script uses to insert elements or start an image load, so that a
 * matching element is held before the browser can fetch it.
 * @returns what holds an element and everything under it: the gate calls it on what the parser
 *   and `innerHTML` add, before it looks at them itself
 */
export function interceptInsertions(blocker: Blocker): (node: unknown) => void {
  const holdTree = (n: unknown): void => {
    if (n instanceof Element) {
      hold(n, blocker);
      // Every insertion of the page goes through here: below an element without element children
      // there is nothing to look for.
      if (n.firstElementChild) n.querySelectorAll(HOLDABLE).forEach(e => hold(e, blocker));
    }
  };
  const holdAll = (nodes: unknown[]): void => nodes.forEach(holdTree);
  const wrap = (proto: object, names: string[]) =>
    names.forEach(name => {
      const original = (proto as Record<string, (...a: unknown[]) => unknown>)[name];
      if (typeof original === 'function')
        (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
          holdAll(args);
          return original.apply(this, args);
        };
    });
  wrap(Node.prototype, ['appendChild', 'insertBefore', 'replaceChild']);
  wrap(Element.prototype, ['append', 'prepend', 'before', 'after', 'replaceWith']);
  // An image loads as soon as its src is set, inserted or not.
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
  if (src?.set) {
    setImageSrc = (img, url) => src.set!.call(img, url);
    Object.defineProperty(HTMLImageElement.prototype, 'src', {
      ...src,
      set(this: HTMLImageElement, url: string) {
        const cat = !this.hasAttribute(ATTR_CONSENT) && blocker.categoryOf(new URL(String(url), location.href).href);
        if (!cat) return src.set!.call(this, url);
        this.setAttribute(ATTR_CONSENT, cat);
        this.setAttribute('data-src', url);
        held.push(this);
      },
    });
  }
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (this.tagName === 'IMG' && String(name).toLowerCase() === 'src') {
      const cat = !this.hasAttribute(ATTR_CONSENT) && blocker.categoryOf(new URL(String(value), location.href).href);
      if (cat) {
        setAttribute.call(this, ATTR_CONSENT, cat);
        return setAttribute.call(this, 'data-src', value);
      }
    }
    return setAttribute.call(this, name, value);
  };
  return holdTree;
}

// Images held at `src` (a beacon may never be inserted, so the gate may never see it).
const held: HTMLImageElement[] = [];
let setImageSrc: (img: HTMLImageElement, url: string) => void = () => {};

/** Sends the held images whose category is now granted and that the gate has not activated. */
export function releaseImages(granted: (category: string) => boolean): void {
  for (const img of held.splice(0))
    if (!granted(img.getAttribute(ATTR_CONSENT) || '')) held.push(img);
    else if (!img.getAttribute('src')) setImageSrc(img, img.getAttribute('data-src') || '');
}
