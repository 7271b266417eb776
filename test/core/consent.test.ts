// The decision model (CONTRACT §5, §7): which categories each action grants.

import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { choicesOf, resolveGrants } from '../../src/core/consent';
import type { Choices } from '../../src/core/types';

const config = resolveConfig({
  revision: 1,
  categories: {
    necessary: { required: true },
    preferences: {},
    analytics: { cookies: ['_gid', '/^_ga/'] },
    marketing: { optOutOnGPC: true },
    security: { required: true },
  },
});
const NONE = new Set<string>();
const REQUIRED = ['necessary', 'security'];
const sorted = (s: Set<string>) => [...s].sort();
const grants = (action: Parameters<typeof resolveGrants>[1], request: Partial<Choices> = {}, current: Set<string> = NONE, gpc = false) =>
  sorted(resolveGrants(config, action, current, request, gpc));

describe('resolveGrants()', () => {
  describe('accept_all', () => {
    it('should grant every category', () => {
      expect(grants('accept_all')).toEqual(['analytics', 'marketing', 'necessary', 'preferences', 'security']);
    });

    it('should not grant an optOutOnGPC category while GPC is on', () => {
      expect(grants('accept_all', {}, NONE, true)).toEqual(['analytics', 'necessary', 'preferences', 'security']);
    });

    it('should ignore the request: accept all is all', () => {
      expect(grants('accept_all', { analytics: false })).toEqual(['analytics', 'marketing', 'necessary', 'preferences', 'security']);
    });
  });

  describe('reject_all', () => {
    it('should grant only the required categories, whatever was granted before', () => {
      expect(grants('reject_all', {}, new Set(['analytics', 'marketing']))).toEqual(REQUIRED);
    });

    it('should ignore a request to grant', () => {
      expect(grants('reject_all', { analytics: true })).toEqual(REQUIRED);
    });
  });

  describe('withdraw', () => {
    it('should grant only the required categories, whatever was granted before', () => {
      expect(grants('withdraw', {}, new Set(['necessary', 'preferences', 'analytics', 'marketing', 'security']))).toEqual(REQUIRED);
    });
  });

  describe('custom', () => {
    it('should grant what is requested, plus the required categories', () => {
      expect(grants('custom', { analytics: true })).toEqual(['analytics', 'necessary', 'security']);
    });

    it('should merge with the current choices: unnamed categories keep their state', () => {
      const current = new Set(['necessary', 'security', 'preferences', 'marketing']);
      expect(grants('custom', { analytics: true, marketing: false }, current)).toEqual(['analytics', 'necessary', 'preferences', 'security']);
    });

    it('should keep required categories granted even when asked to refuse them', () => {
      expect(grants('custom', { necessary: false, security: false })).toEqual(REQUIRED);
    });

    it('should grant an optOutOnGPC category on an explicit true while GPC is on', () => {
      expect(grants('custom', { marketing: true }, NONE, true)).toEqual(['marketing', 'necessary', 'security']);
    });

    it('should keep an optOutOnGPC category granted earlier by an explicit choice while GPC is on', () => {
      expect(grants('custom', { analytics: true }, new Set(['marketing']), true)).toEqual(['analytics', 'marketing', 'necessary', 'security']);
    });

    it('should not grant on values that only look true', () => {
      for (const v of ['yes', 'true', 1, {}, [true], new Boolean(true)])
        expect(grants('custom', { analytics: v as unknown as boolean })).toEqual(REQUIRED);
    });

    it('should refuse a granted category on a non-boolean value', () => {
      expect(grants('custom', { analytics: 'yes' as unknown as boolean }, new Set(['analytics']))).toEqual(REQUIRED);
    });

    it('should ignore unknown categories and inherited properties', () => {
      const request = Object.create({ analytics: true }) as Partial<Choices>;
      request.partners = true;
      expect(grants('custom', request)).toEqual(REQUIRED);
    });
  });
});

describe('choicesOf()', () => {
  // Required categories are in the granted set the instance passes (once the configuration is valid).
  it('should map every category, in configuration order, to whether it is in the granted set', () => {
    expect(choicesOf(config, new Set())).toEqual({ necessary: false, preferences: false, analytics: false, marketing: false, security: false });
    const choices = choicesOf(config, new Set(['necessary', 'analytics', 'security']));
    expect(Object.entries(choices)).toEqual([
      ['necessary', true],
      ['preferences', false],
      ['analytics', true],
      ['marketing', false],
      ['security', true],
    ]);
  });

  it('should be empty without a configuration', () => {
    expect(choicesOf(null, new Set(['analytics']))).toEqual({});
  });
});
