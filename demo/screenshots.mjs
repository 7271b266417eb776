// Screenshots of the real demo in Chromium (after `npm run build`):
//   node demo/screenshots.mjs [folder]   every layout, light and dark, wide and narrow, the first layer
//                                        and the preferences; default folder test/.tmp/screens
//   node demo/screenshots.mjs --readme   the README's two images, in demo/screenshots/: banner.png (the
//                                        home page with the bar banner) and preferences.png (the
//                                        preferences, the Analytics services disclosure open); 1280×800, light
// The demo runs with a scratch receipts folder: taking screenshots stores nothing in demo/.data.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/_util/chromium.mjs';
import { startDemo } from './server.mjs';

const readme = process.argv.includes('--readme');
const out = readme
  ? fileURLToPath(new URL('./screenshots/', import.meta.url))
  : process.argv.slice(2).find(a => !a.startsWith('--')) || 'test/.tmp/screens';
mkdirSync(out, { recursive: true });

const dataDir = mkdtempSync(join(tmpdir(), 'consentry-screens-'));
const server = await startDemo(0, { dataDir });
const origin = 'http://127.0.0.1:' + server.address().port;
// The same browser, with the same flags, as the tests and the benchmarks.
const browser = await launchChromium();
const shots = [];

/** A first-time visitor on a page of the demo, once the banner is drawn and settled. */
async function open(path, { colorScheme = 'light', width = 1280, height = 800 } = {}) {
  const page = await browser.newPage({ colorScheme, viewport: { width, height } });
  await page.goto(origin + path);
  await page.waitForLoadState('networkidle');
  await page.locator('#consentry-root').getByRole('button', { name: 'Reject all' }).waitFor();
  await page.waitForTimeout(300);
  return page;
}

/** Opens the preferences from the banner's "Customize". */
async function preferences(page) {
  await page.locator('#consentry-root').getByRole('button', { name: 'Customize' }).click();
  const dialog = page.getByRole('dialog', { name: 'Privacy preferences' });
  await dialog.waitFor();
  return dialog;
}

try {
  if (readme) {
    const page = await open('/');
    await page.screenshot({ path: join(out, 'banner.png') });
    shots.push('banner');
    const dialog = await preferences(page);
    const analytics = dialog.getByRole('listitem').filter({ has: page.getByRole('switch', { name: 'Analytics' }) });
    const summary = analytics.getByText('Services and cookies');
    await summary.click();
    await analytics.getByText('Demo Analytics').waitFor();
    // The dialog scrolls inside itself: from its top (its title in view), only as far as the open
    // disclosure needs.
    await analytics.locator('details').evaluate(d => {
      for (let el = d.parentElement; el; el = el.parentElement) el.scrollTop = 0;
      d.scrollIntoView({ block: 'nearest' });
    });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, 'preferences.png') });
    shots.push('preferences');
    await page.close();
  } else {
    for (const layout of ['bar', 'box', 'modal'])
      for (const colorScheme of ['light', 'dark'])
        for (const [width, height] of [[1280, 800], [360, 740]]) {
          const page = await open('/?layout=' + layout, { colorScheme, width, height });
          const name = `${layout}-${colorScheme}-${width}`;
          await page.screenshot({ path: join(out, name + '.png') });
          shots.push(name);
          if (width === 1280) {
            await preferences(page);
            await page.waitForTimeout(200);
            await page.screenshot({ path: join(out, name + '-preferences.png') });
            shots.push(name + '-preferences');
          }
          await page.close();
        }
  }
} finally {
  await browser.close();
  await new Promise(resolve => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
console.log('screenshots in ' + out + ': ' + shots.join(', '));
