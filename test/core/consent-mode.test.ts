// Google Consent Mode v2, Microsoft UET and the Meta pixel (CONTRACT §5, §6; STANDARDS GCM-2..GCM-4, GCM-9).

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { pushConsent, pushDataLayerEvent } from '../../src/core/integrations/consent-mode';
import { resetPage } from '../_util/dom';

type Win = Window & Record<string, any>;
const win = window as unknown as Win;

const SEVEN = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];
const allDenied = Object.fromEntries(SEVEN.map(t => [t, 'denied']));

const config = resolveConfig({
  categories: {
    necessary: { required: true },
    preferences: { consentMode: ['functionality_storage', 'personalization_storage'] },
    analytics: { consentMode: ['analytics_storage'] },
    marketing: { consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'] },
  },
});
const grantedOnly = (...keys: string[]) => (key: string) => keys.includes(key);

/** Every dataLayer entry as a plain array, after checking it is an `arguments` object (GCM-2). */
const commands = (): unknown[][] =>
  (win.dataLayer as unknown[]).map(entry => {
    expect(Object.prototype.toString.call(entry)).toBe('[object Arguments]');
    return Array.from(entry as ArrayLike<unknown>);
  });

// Meta's base code, as sites paste it, without the part that loads fbevents.js.
const META_SNIPPET =
  "!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];}(window,document,'script','');fbq('init','123');fbq('track','PageView');";
const runMetaSnippet = () => new Function(META_SNIPPET)();
const fbqQueue = (): unknown[][] => (win.fbq.queue as ArrayLike<unknown>[]).map(a => Array.from(a));

beforeEach(resetPage);

describe("pushConsent('default')", () => {
  it('should create dataLayer and push consent default as an arguments object, every mapped type denied, with wait_for_update', () => {
    pushConsent('default', config, grantedOnly('necessary'));
    expect(commands()).toEqual([
      [
        'consent',
        'default',
        {
          functionality_storage: 'denied',
          personalization_storage: 'denied',
          analytics_storage: 'denied',
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          wait_for_update: 500,
        },
      ],
    ]);
  });

  it('should define gtag as Google does when absent, pushing arguments objects', () => {
    pushConsent('default', config, grantedOnly());
    win.gtag('js', new Date(0));
    expect(commands().map(c => c[0])).toEqual(['consent', 'js']);
  });

  it('should deny all seven types when there is no readable configuration', () => {
    pushConsent('default', null, () => true);
    expect(commands()).toEqual([['consent', 'default', { ...allDenied, wait_for_update: 500 }]]);
  });

  it('should send only the seven documented types', () => {
    const odd = resolveConfig({
      categories: { analytics: { consentMode: ['analytics_storage', 'analytics_cookies', 'wait_for_update', 'region'] } },
    });
    pushConsent('default', odd, grantedOnly());
    expect(commands()).toEqual([['consent', 'default', { analytics_storage: 'denied', wait_for_update: 500 }]]);
  });

  it('should grant in the default a type mapped only to a granted (required) category', () => {
    const c = resolveConfig({
      categories: { necessary: { required: true, consentMode: ['security_storage'] }, analytics: { consentMode: ['analytics_storage'] } },
    });
    pushConsent('default', c, grantedOnly('necessary'));
    expect(commands()).toEqual([
      ['consent', 'default', { security_storage: 'granted', analytics_storage: 'denied', wait_for_update: 500 }],
    ]);
  });

  it('should push nothing, and create no dataLayer, when no category maps a consent type', () => {
    pushConsent('default', resolveConfig({ categories: { necessary: {}, analytics: {} } }), grantedOnly());
    expect(win.dataLayer).toBeUndefined();
    expect(win.gtag).toBeUndefined();
  });

  it('should use an existing gtag rather than replace it, and keep an existing dataLayer', () => {
    const earlier = { event: 'gtm.js' };
    win.dataLayer = [earlier];
    const gtag = vi.fn(function (..._args: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      win.dataLayer.push(arguments);
    });
    win.gtag = gtag;
    pushConsent('default', config, grantedOnly());
    expect(win.gtag).toBe(gtag);
    expect(gtag).toHaveBeenCalledTimes(1);
    expect(gtag.mock.calls[0]!.slice(0, 2)).toEqual(['consent', 'default']);
    expect(win.dataLayer[0]).toBe(earlier);
    expect(win.dataLayer).toHaveLength(2);
    expect(Object.prototype.toString.call(win.dataLayer[1])).toBe('[object Arguments]');
  });
});

describe("pushConsent('update')", () => {
  it('should push consent update as an arguments object naming every mapped type, without wait_for_update', () => {
    pushConsent('default', config, grantedOnly());
    pushConsent('update', config, grantedOnly('necessary', 'analytics'));
    expect(commands()[1]).toEqual([
      'consent',
      'update',
      {
        functionality_storage: 'denied',
        personalization_storage: 'denied',
        analytics_storage: 'granted',
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
      },
    ]);
    expect(commands()).toHaveLength(2);
  });

  it('should grant a type mapped in two categories only when both are granted, in either order', () => {
    const shared = resolveConfig({
      categories: {
        analytics: { consentMode: ['analytics_storage', 'ad_storage'] },
        marketing: { consentMode: ['ad_storage', 'ad_user_data'] },
      },
    });
    const adStorage = (isGranted: (k: string) => boolean) => {
      resetPage();
      pushConsent('update', shared, isGranted);
      return (commands()[0]![2] as Record<string, string>).ad_storage;
    };
    expect(adStorage(grantedOnly('analytics'))).toBe('denied');
    expect(adStorage(grantedOnly('marketing'))).toBe('denied');
    expect(adStorage(grantedOnly())).toBe('denied');
    expect(adStorage(grantedOnly('analytics', 'marketing'))).toBe('granted');
  });
});

describe('Microsoft UET', () => {
  const uet = resolveConfig({ categories: { necessary: {}, marketing: {} }, integrations: { uet: 'marketing' } });

  it('should push consent default with ad_storage denied, then update following its category', () => {
    pushConsent('default', uet, grantedOnly());
    expect(win.uetq).toEqual(['consent', 'default', { ad_storage: 'denied' }]);
    pushConsent('update', uet, grantedOnly('marketing'));
    pushConsent('update', uet, grantedOnly());
    expect(win.uetq).toEqual([
      'consent', 'default', { ad_storage: 'denied' },
      'consent', 'update', { ad_storage: 'granted' },
      'consent', 'update', { ad_storage: 'denied' },
    ]);
  });

  it('should use an existing uetq (UET already loaded)', () => {
    const push = vi.fn();
    win.uetq = { push };
    pushConsent('default', uet, grantedOnly());
    expect(push.mock.calls).toEqual([['consent', 'default', { ad_storage: 'denied' }]]);
  });

  it('should leave uetq alone without the integration', () => {
    pushConsent('default', config, grantedOnly());
    pushConsent('update', config, grantedOnly('marketing'));
    expect(win.uetq).toBeUndefined();
  });
});

describe('Meta pixel', () => {
  const meta = resolveConfig({ categories: { necessary: {}, marketing: {} }, integrations: { metaPixel: 'marketing' } });

  it('should call an existing fbq with consent revoke, then grant', () => {
    const fbq = vi.fn();
    win.fbq = fbq;
    pushConsent('default', meta, grantedOnly());
    pushConsent('update', meta, grantedOnly('marketing'));
    expect(fbq.mock.calls).toEqual([
      ['consent', 'revoke'],
      ['consent', 'grant'],
    ]);
  });

  it("should put consent revoke first in the queue of Meta's snippet run afterwards", () => {
    pushConsent('default', meta, grantedOnly());
    expect(win.fbq).toBeUndefined();
    runMetaSnippet();
    expect(typeof win.fbq).toBe('function');
    expect(win._fbq).toBe(win.fbq);
    expect(win.fbq.queue.map((a: unknown) => Object.prototype.toString.call(a))).toEqual([
      '[object Arguments]',
      '[object Arguments]',
      '[object Arguments]',
    ]);
    expect(fbqQueue()).toEqual([
      ['consent', 'revoke'],
      ['init', '123'],
      ['track', 'PageView'],
    ]);
  });

  it('should queue the latest choice when a decision came before the snippet', () => {
    pushConsent('default', meta, grantedOnly());
    pushConsent('update', meta, grantedOnly('marketing'));
    runMetaSnippet();
    expect(fbqQueue()).toEqual([
      ['consent', 'grant'],
      ['init', '123'],
      ['track', 'PageView'],
    ]);
  });

  it('should call the snippet-defined fbq for later decisions', () => {
    pushConsent('default', meta, grantedOnly());
    runMetaSnippet();
    pushConsent('update', meta, grantedOnly('marketing'));
    expect(fbqQueue()).toEqual([
      ['consent', 'revoke'],
      ['init', '123'],
      ['track', 'PageView'],
      ['consent', 'grant'],
    ]);
  });

  it('should leave fbq alone without the integration', () => {
    pushConsent('default', config, grantedOnly());
    runMetaSnippet();
    expect(fbqQueue()).toEqual([
      ['init', '123'],
      ['track', 'PageView'],
    ]);
  });
});

describe('pushDataLayerEvent()', () => {
  it('should push consentry_change with each category granted or denied when a dataLayer exists', () => {
    win.dataLayer = [];
    pushDataLayerEvent({ necessary: true, analytics: true, marketing: false });
    expect(win.dataLayer).toEqual([
      { event: 'consentry_change', consentry: { necessary: 'granted', analytics: 'granted', marketing: 'denied' } },
    ]);
  });

  it('should not create a dataLayer', () => {
    pushDataLayerEvent({ necessary: true });
    expect(win.dataLayer).toBeUndefined();
  });
});
