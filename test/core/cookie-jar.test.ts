// document.cookie behind a tiny interface (STANDARDS CK-1, CK-5, CK-7, CK-8).

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { domainsOf, eraseCookies, readCookies, serializeCookie, writeCookie } from '../../src/core/cookie-jar';
import { nameMatcher } from '../../src/core/patterns';
import { cookieMap, resetPage, setUrl, spyCookieWrites } from '../_util/dom';

const attrs = { path: '/', domain: null, maxAgeSeconds: 15724800, sameSite: 'Lax' };

beforeEach(resetPage);
afterEach(() => {
  vi.useRealTimers();
  resetPage();
});

describe('serializeCookie()', () => {
  it('should give exactly name=value; Path=/; Max-Age=N; SameSite=Lax', () => {
    expect(serializeCookie('consentry', 'v1', attrs, false)).toBe('consentry=v1; Path=/; Max-Age=15724800; SameSite=Lax');
  });

  it('should add Domain only when one is given', () => {
    expect(serializeCookie('consentry', 'v1', { ...attrs, domain: 'example.com' }, false)).toBe(
      'consentry=v1; Path=/; Max-Age=15724800; SameSite=Lax; Domain=example.com',
    );
    expect(serializeCookie('consentry', 'v1', { ...attrs, domain: '' }, false)).not.toContain('Domain');
  });

  it('should add Secure only when secure', () => {
    expect(serializeCookie('consentry', 'v1', attrs, true)).toBe('consentry=v1; Path=/; Max-Age=15724800; SameSite=Lax; Secure');
    expect(serializeCookie('consentry', 'v1', { ...attrs, domain: 'example.com' }, true)).toBe(
      'consentry=v1; Path=/; Max-Age=15724800; SameSite=Lax; Domain=example.com; Secure',
    );
  });

  it('should never add HttpOnly', () => {
    expect(serializeCookie('consentry', 'v1', { ...attrs, domain: 'example.com' }, true)).not.toMatch(/httponly/i);
  });
});

describe('readCookies()', () => {
  it('should map every visible cookie name to its value', () => {
    document.cookie = 'a=1';
    document.cookie = 'b=x=y';
    document.cookie = 'consentry=1.abc.def';
    expect(readCookies()).toEqual(new Map([['a', '1'], ['b', 'x=y'], ['consentry', '1.abc.def']]));
  });

  it('should return an empty map when there is no cookie', () => {
    expect(readCookies()).toEqual(new Map());
  });

  it('should return an empty map, not throw, when document.cookie throws', () => {
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => {
        throw new DOMException('sandboxed', 'SecurityError');
      },
    });
    expect(readCookies()).toEqual(new Map());
  });
});

describe('writeCookie()', () => {
  it('should write the serialized cookie without Secure on http and report that it reads back', () => {
    const writes = spyCookieWrites();
    expect(writeCookie('consentry', 'v1', attrs)).toBe(true);
    expect(writes).toEqual(['consentry=v1; Path=/; Max-Age=15724800; SameSite=Lax']);
    expect(cookieMap()).toEqual({ consentry: 'v1' });
  });

  it('should add Secure on https', () => {
    setUrl('https://www.example.com/');
    const writes = spyCookieWrites();
    expect(writeCookie('consentry', 'v1', attrs)).toBe(true);
    expect(writes).toEqual(['consentry=v1; Path=/; Max-Age=15724800; SameSite=Lax; Secure']);
  });

  it('should share the cookie with subdomains when a parent domain is configured', () => {
    setUrl('https://www.example.com/');
    expect(writeCookie('consentry', 'v1', { ...attrs, domain: 'example.com' })).toBe(true);
    setUrl('https://shop.example.com/');
    expect(cookieMap()).toEqual({ consentry: 'v1' });
  });

  it('should report false when the browser drops the cookie (a Domain that is not this site)', () => {
    setUrl('https://www.example.com/');
    expect(writeCookie('consentry', 'v1', { ...attrs, domain: 'other.example' })).toBe(false);
    expect(cookieMap()).toEqual({});
  });

  it('should report false, not throw, when document.cookie throws', () => {
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => '',
      set: () => {
        throw new DOMException('sandboxed', 'SecurityError');
      },
    });
    expect(writeCookie('consentry', 'v1', attrs)).toBe(false);
  });
});

describe('domainsOf()', () => {
  it('should list the host and each parent domain', () => {
    expect(domainsOf('a.b.example.com')).toEqual(['a.b.example.com', 'b.example.com', 'example.com']);
    expect(domainsOf('example.com')).toEqual(['example.com']);
  });

  it('should list only the host for an IP address or a single-label host', () => {
    expect(domainsOf('192.168.0.1')).toEqual(['192.168.0.1']);
    expect(domainsOf('[::1]')).toEqual(['[::1]']);
    expect(domainsOf('localhost')).toEqual(['localhost']);
  });
});

describe('eraseCookies()', () => {
  // happy-dom keeps a Max-Age=0 cookie until the clock moves past the millisecond it was written
  // in (browsers delete it at once): the clock is moved on before reading the jar.
  const later = () => vi.setSystemTime(Date.now() + 1000);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    setUrl('https://a.b.example.com/page');
  });

  it('should delete cookies matching an exact name or a /regex/, on the host and every parent domain', () => {
    document.cookie = '_ga=GA1.1; Path=/';
    document.cookie = '_ga_XYZ=GS1; Path=/; Domain=example.com';
    document.cookie = '_gid=GA1.2; Path=/; Domain=b.example.com';
    document.cookie = '_gidx=1; Path=/';
    document.cookie = 'theme=dark; Path=/';
    document.cookie = 'consentry=1.x; Path=/';
    eraseCookies([nameMatcher('_gid'), nameMatcher('/^_ga/')], 'consentry');
    later();
    expect(cookieMap()).toEqual({ _gidx: '1', theme: 'dark', consentry: '1.x' });
  });

  it('should write a Max-Age=0 deletion without Domain and for each domain of the host', () => {
    document.cookie = '_gid=1; Path=/';
    const writes = spyCookieWrites();
    eraseCookies([nameMatcher('_gid')], 'consentry');
    expect(writes).toEqual([
      '_gid=; Path=/; Max-Age=0',
      '_gid=; Path=/; Max-Age=0; Domain=a.b.example.com',
      '_gid=; Path=/; Max-Age=0; Domain=b.example.com',
      '_gid=; Path=/; Max-Age=0; Domain=example.com',
    ]);
  });

  it('should keep the consent cookie even when a pattern matches it', () => {
    document.cookie = 'consentry=1.x; Path=/';
    document.cookie = 'consent_other=1; Path=/';
    eraseCookies([nameMatcher('/^consent/')], 'consentry');
    later();
    expect(cookieMap()).toEqual({ consentry: '1.x' });
  });

  it('should honour regex flags', () => {
    document.cookie = '_GA=1; Path=/';
    eraseCookies([nameMatcher('/^_ga$/i')], 'consentry');
    later();
    expect(cookieMap()).toEqual({});
  });

  it('should not treat an exact name as a prefix or a pattern', () => {
    document.cookie = '_gid_extra=1; Path=/';
    document.cookie = 'xgid=1; Path=/';
    eraseCookies([nameMatcher('_gid'), nameMatcher('.gid')], 'consentry');
    later();
    expect(cookieMap()).toEqual({ _gid_extra: '1', xgid: '1' });
  });

  it('should write nothing without matchers', () => {
    document.cookie = '_ga=1; Path=/';
    const writes = spyCookieWrites();
    eraseCookies([], 'consentry');
    expect(writes).toEqual([]);
  });
});
