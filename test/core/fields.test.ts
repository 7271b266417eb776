// Nothing valid in a configuration is silently ignored (README, Configuration: "what acts on each
// field"): a field the SDK does not act on is refused with a message that says why, never accepted
// and dropped. Each gap found gets its case here; the shapes are also in the fixtures
// (test/fixtures/configs/invalid.json), which the JSON Schema is checked against.

import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/validate';

const base = { categories: { necessary: {}, analytics: {}, marketing: {} } };

describe('contract fields this version does not act on', () => {
  it('regions (contract §10): refused, saying this version does not support them', () => {
    expect(validateConfig({ ...base, regions: { rules: [{ in: ['US-CA'], model: 'opt-out' }] } })).toEqual([
      { path: 'regions', expected: 'no "regions": this version of consentry does not support regions yet, so every visitor is asked for consent first (opt-in)' },
    ]);
  });

  it.each([
    ['clarity', 'Microsoft Clarity'],
    ['matomo', 'Matomo'],
    ['posthog', 'PostHog'],
    ['tiktok', 'the TikTok pixel'],
  ])('integrations.%s (contract §12): refused, naming the platform and what is supported', (name, platform) => {
    expect(validateConfig({ ...base, integrations: { uet: 'marketing', [name]: 'analytics' } })).toEqual([
      {
        path: 'integrations.' + name,
        expected: 'no "' + name + '": this version of consentry does not support ' + platform + ' yet (integrations it supports: uet, metaPixel)',
      },
    ]);
  });

  it('a field of no contract is still "no such field", with what is allowed', () => {
    expect(validateConfig({ ...base, integrations: { ga4: 'analytics' } })).toEqual([
      { path: 'integrations.ga4', expected: 'no such field; allowed: uet, metaPixel' },
    ]);
  });
});
