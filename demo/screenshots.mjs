// Screenshots of the real demo in Chromium: every layout, light and dark, the first layer and the
// preferences. `node demo/screenshots.mjs [folder]` (after `npm run build`); default folder test/.tmp/screens.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import chromiumPackage from '@sparticuz/chromium';
import { chromium } from 'playwright-core';
import { startDemo } from './server.mjs';

const out = process.argv[2] || 'test/.tmp/screens';
mkdirSync(out, { recursive: true });
const server = await startDemo(0);
const origin = 'http://127.0.0.1:' + server.address().port;
const executablePath = process.env.CHROMIUM_PATH || (await chromiumPackage.executablePath());
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--use-gl=angle', '--use-angle=swiftshader'] });
const shots = [];
try {
  for (const layout of ['bar', 'box', 'modal'])
    for (const colorScheme of ['light', 'dark'])
      for (const [width, height] of [[1280, 800], [360, 740]]) {
        const page = await browser.newPage({ colorScheme, viewport: { width, height } });
        await page.goto(origin + '/?layout=' + layout);
        await page.locator('#consentry-root').getByRole('button', { name: 'Reject all' }).waitFor();
        await page.waitForTimeout(300);
        const name = `${layout}-${colorScheme}-${width}`;
        await page.screenshot({ path: join(out, name + '.png') });
        shots.push(name);
        if (width === 1280) {
          await page.locator('#consentry-root').getByRole('button', { name: 'Customize' }).click();
          await page.getByRole('dialog', { name: 'Privacy preferences' }).waitFor();
          await page.waitForTimeout(200);
          await page.screenshot({ path: join(out, name + '-preferences.png') });
          shots.push(name + '-preferences');
        }
        await page.close();
      }
} finally {
  await browser.close();
  server.close();
}
console.log('screenshots in ' + out + ': ' + shots.join(', '));
