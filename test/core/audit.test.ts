// audit(): every cookie and storage key, classified against the configuration (contract §5).
import { beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/core/audit';
import { resolveConfig } from '../../src/core/config';
import { clearCookies } from '../_util/dom';

const config = resolveConfig({
  categories: {
    necessary: {},
    analytics: { cookies: ['/^_ga/'], services: [{ name: 'Stats', cookies: [{ name: '_gid' }] }] },
    marketing: { cookies: ['_fbp'] },
  },
});

beforeEach(() => {
  clearCookies();
  localStorage.clear();
  sessionStorage.clear();
});

describe('audit()', () => {
  it('should classify cookies and storage keys: declared (with service), consentry\'s own, undeclared, escaped', () => {
    for (const c of ['consentry=1.x', '_ga=1', '_gid=1', '_fbp=1', 'theme=dark']) document.cookie = c + '; Path=/';
    localStorage['consentry:outbox'] = '[]';
    localStorage['cart'] = '{}';
    sessionStorage['_ga_session'] = '1';
    const byName = Object.fromEntries(audit(config, key => key === 'analytics').map(e => [e.kind + ':' + e.name, e]));
    expect(byName['cookie:consentry']).toEqual({ kind: 'cookie', name: 'consentry', status: 'consent' });
    expect(byName['cookie:_gid']).toEqual({ kind: 'cookie', name: '_gid', status: 'declared', category: 'analytics', service: 'Stats', escaped: false });
    expect(byName['cookie:_ga']).toMatchObject({ status: 'declared', category: 'analytics', escaped: false });
    expect(byName['cookie:_fbp']).toMatchObject({ status: 'declared', category: 'marketing', escaped: true });
    expect(byName['cookie:theme']).toEqual({ kind: 'cookie', name: 'theme', status: 'undeclared' });
    expect(byName['localStorage:consentry:outbox']).toMatchObject({ status: 'consent' });
    expect(byName['localStorage:cart']).toMatchObject({ status: 'undeclared' });
    expect(byName['sessionStorage:_ga_session']).toMatchObject({ status: 'declared', category: 'analytics' });
  });
});
