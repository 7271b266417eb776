/** The URL if http(s) or relative: a configured `javascript:` or `data:` URL never becomes a link. */
export const safeUrl = (url?: string): string | false | undefined => {
  try {
    return url && /^https?:$/.test(new URL(url, location.href).protocol) && url;
  } catch {
    return false;
  }
};
