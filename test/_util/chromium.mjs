// Launches a real headless Chromium, for the browser tests (through chromium.ts) and the benchmarks.
// The browser ships inside the @sparticuz/chromium devDependency (installed by `npm ci`, nothing
// downloaded); CHROMIUM_PATH or a system /usr/bin/chromium is used instead when present.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

// Our own flags, not @sparticuz/chromium's defaults: those turn off web security (CORS) and site
// isolation, which would make the CSP and cross-origin tests meaningless.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  // www.consentry.test and its parent domain resolve here, so that cookies on parent domains can be tested.
  '--host-resolver-rules=MAP *.consentry.test 127.0.0.1',
];

async function executable() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchChromium() {
  return chromium.launch({ executablePath: await executable(), args: ARGS, headless: true });
}
