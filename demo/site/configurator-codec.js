// What the configurator and its preview frame share: a JSON value carried in a URL fragment as
// base64url (UTF-8), so that any text survives the trip and nothing needs escaping.

/** @param {unknown} value @returns {string} */
export function encode(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} text @returns {unknown} the value, or undefined when the text is not one */
export function decode(text) {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, c => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

/** The cookie the preview stores its (throw-away) decision in: never the site's own. */
export const PREVIEW_COOKIE = 'consentry_preview';
