// Screenshots of each screen for a person to look at: `node tests/e2e/shots.mjs [outdir]`.
// Light and dark, 简体/繁體/English, desktop and 360 px. Not part of the test suite.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, FIXTURES, SHOTS } from './helpers.mjs';

const out = process.argv[2] ?? SHOTS;
const server = await startServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const [scheme, locale, width] of [
    ['light', 'zh-CN', 1280], ['dark', 'zh-CN', 1280], ['light', 'en-GB', 1280], ['dark', 'en-GB', 360],
    ['light', 'zh-TW', 360], ['light', 'zh-CN', 360],
  ]) {
    const context = await browser.newContext({ locale, colorScheme: scheme, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    await page.waitForSelector('[data-testid=status][data-state=idle]');
    const tag = `${scheme}-${locale}-${width}`;
    await page.screenshot({ path: join(out, `start-${tag}.png`), fullPage: true });
    await page.getByTestId('file-input').setInputFiles([
      join(FIXTURES, 'generated', 'p11_00_alipay.csv'),
      join(FIXTURES, 'generated', 'p11_02_wechat_csv.csv'),
    ]);
    await page.waitForSelector('[data-testid=status][data-state=done]', { timeout: 60000 });
    await page.screenshot({ path: join(out, `dashboard-${tag}.png`), fullPage: false });
    const stream = page.getByTestId('stream').first();
    await stream.screenshot({ path: join(out, `stream-${tag}.png`) });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log('screenshots in', out);
