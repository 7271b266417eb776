// The launcher of test/_util/chromium.ts, for the .mjs benchmarks: the same flags, the same
// executable lookup (CHROMIUM_PATH, a system /usr/bin/chromium, else the @sparticuz/chromium
// devDependency). Nothing is ever downloaded.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

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
  '--host-resolver-rules=MAP *.consentry.test 127.0.0.1',
];

async function executable() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

export async function launchChromium() {
  return chromium.launch({ executablePath: await executable(), args: ARGS, headless: true });
}
