import { SAFE_URL } from '../core/constants';

/**
 * The URL if http(s) or a path, else nothing. Validated already; checked again where a link is drawn,
 * so that no path to it can link `javascript:` or `data:`.
 */
export const safeUrl = (url?: string): string | undefined => (url && SAFE_URL.test(url) ? url : undefined);
