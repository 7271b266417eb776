// The browser tests' Chromium: one launcher for tests and benchmarks (chromium.mjs).
import type { Browser } from 'playwright-core';
// @ts-expect-error plain JavaScript module
import { launchChromium as launch } from './chromium.mjs';

export const launchChromium = (): Promise<Browser> => launch();
